"""Reads over job positions: positions of agencies on a date, holders, headcounts."""
import datetime as dt
from collections import defaultdict

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from orgchart.personnel.models import Assignment
from orgchart.personnel.selectors import holding_q
from orgchart.structure import tree

from .models import JobPosition, PositionLink


def filled_subquery(day: dt.date, ref: str = "pk"):
    """Holders on `day` of the position OuterRef(`ref`), as a correlated subquery."""
    return Coalesce(
        Subquery(
            Assignment.objects.filter(holding_q(day), position_id=OuterRef(ref))
            .order_by()
            .values("position_id")
            .annotate(n=Count("official_id", distinct=True))
            .values("n")
        ),
        0,
    )


def positions_on(agency_ids, day: dt.date) -> dict[int, list[JobPosition]]:
    """{agency id: [positions belonging to it on `day`, by code]} in one query; each position
    carries `filled_on_day` (its holders on `day`)."""
    ids = list(agency_ids)
    result = defaultdict(list)
    if tree.is_current(day):
        for p in JobPosition.objects.filter(agency_id__in=ids).annotate(filled_on_day=filled_subquery(day)).order_by("code"):
            result[p.agency_id].append(p)
        return result
    links = (
        PositionLink.objects.filter(PositionLink.covering_q(day), agency_id__in=ids)
        .select_related("position")
        .annotate(filled_on_day=filled_subquery(day, ref="position_id"))
    )
    for link in sorted(links, key=lambda li: li.position.code):
        p = link.position
        p.agency_id_on_date, p.filled_on_day = link.agency_id, link.filled_on_day
        result[link.agency_id].append(p)
    return result


def agency_of_positions_q(agency_ids, day: dt.date, prefix: str = "position__"):
    """Filter on a relation to positions: positions belonging to `agency_ids` on `day`."""
    from django.db.models import Q

    if tree.is_current(day):
        return Q(**{f"{prefix}agency_id__in": list(agency_ids)})
    links = PositionLink.objects.filter(PositionLink.covering_q(day), agency_id__in=list(agency_ids))
    return Q(**{f"{prefix}pk__in": links.values("position_id")})


def filled_counts(position_ids, day: dt.date) -> dict[int, int]:
    """{position id: holders on `day`} (each official once per position), one query."""
    rows = (
        Assignment.objects.filter(holding_q(day), position_id__in=list(position_ids))
        .values("position_id")
        .annotate(n=Count("official_id", distinct=True))
        .values_list("position_id", "n")
    )
    return dict(rows)


def holders(position_ids, day: dt.date) -> dict[int, list[Assignment]]:
    """{position id: holding assignments on `day` with their officials}, one query."""
    result = defaultdict(list)
    qs = Assignment.objects.filter(holding_q(day), position_id__in=list(position_ids)).select_related("official")
    for a in qs.order_by("start_on", "id"):
        result[a.position_id].append(a)
    return result


def headcounts(agency_ids, day: dt.date) -> dict[int, int]:
    """{agency id: officials holding a position in that agency itself on `day`}, one query."""
    ids = list(agency_ids)
    if tree.is_current(day):
        rows = (
            Assignment.objects.filter(holding_q(day), position__agency_id__in=ids)
            .values("position__agency_id")
            .annotate(n=Count("official_id", distinct=True))
            .values_list("position__agency_id", "n")
        )
        return dict(rows)
    rows = (
        PositionLink.objects.filter(PositionLink.covering_q(day), agency_id__in=ids)
        .filter(holding_q(day, prefix="position__assignments__"))
        .values("agency_id")
        .annotate(n=Count("position__assignments__official_id", distinct=True))
        .values_list("agency_id", "n")
    )
    return dict(rows)
