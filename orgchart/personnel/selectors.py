"""Reads over personnel records, shaped for callers. "Holder of P on D" lives here (RULES.md)."""
import datetime as dt

from django.db.models import Q

from orgchart.core.choices import NON_HOLDING_KINDS


def holding_q(day: dt.date, prefix: str = "") -> Q:
    """Assignments that make their official a holder on `day` (primary assignments)."""
    return (
        Q(**{f"{prefix}start_on__lte": day})
        & (Q(**{f"{prefix}end_on__isnull": True}) | Q(**{f"{prefix}end_on__gte": day}))
        & ~Q(**{f"{prefix}kind__in": list(NON_HOLDING_KINDS)})
    )


def covering_q(day: dt.date, prefix: str = "") -> Q:
    """Assignments of any kind (concurrent, acting and secondment included) that cover `day`."""
    return Q(**{f"{prefix}start_on__lte": day}) & (
        Q(**{f"{prefix}end_on__isnull": True}) | Q(**{f"{prefix}end_on__gte": day})
    )


def officials_on(day: dt.date, *, agency_ids=None, search: str | None = None):
    """Officials, by code (CONTRACT §4 `officials`): with `agency_ids` (a list or a subquery of
    agency ids) those holding a primary assignment in one of those agencies on `day`; without,
    every recorded official. `search`: every word a prefix of a word of the name or the code,
    ignoring case and diacritics (core.search)."""
    from orgchart.structure import tree

    from .models import Assignment, Official

    qs = Official.objects.all()
    if agency_ids is not None:
        holding = Assignment.objects.filter(holding_q(day), tree.positions_q(agency_ids, day))
        qs = qs.filter(pk__in=holding.values("official_id"))
    if search and search.strip():
        qs = qs.filter(search_key__words=search)
    return qs.order_by("code")


def search_officials(text: str, *, limit: int = 50, agency_ids=None, day: dt.date | None = None) -> list:
    """Officials whose name or code matches `text` (word prefixes, case and diacritics ignored),
    by name then code — for pages that find an official by typed name (e.g. eligibility)."""
    from orgchart.core.dates import today

    if not text or not text.strip():
        return []
    qs = officials_on(day or today(), agency_ids=agency_ids, search=text)
    return list(qs.order_by("full_name", "code")[:limit])
