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
