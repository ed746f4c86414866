"""Reads over job positions: positions of agencies on a date, holders, headcounts."""
import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from orgchart.personnel.models import Assignment
from orgchart.personnel.selectors import holding_q
from orgchart.structure import tree

from .models import JobPosition


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
    carries `filled_on_day` (its holders on `day`) and, on another date than today's tree,
    `agency_id_on_date`."""
    ids = list(agency_ids)
    result = defaultdict(list)
    qs = JobPosition.objects.filter(tree.positions_q(ids, day, prefix="")).annotate(filled_on_day=filled_subquery(day))
    if tree.is_current(day):
        for p in qs.order_by("code"):
            result[p.agency_id].append(p)
        return result
    for p in qs.annotate(agency_id_on_date=tree.position_agency(day, "pk", "agency_id")).order_by("code"):
        result[p.agency_id_on_date].append(p)
    return result


def agency_of_positions_q(agency_ids, day: dt.date, prefix: str = "position__"):
    """Filter on a relation to positions: positions belonging to `agency_ids` on `day`."""
    return tree.positions_q(list(agency_ids), day, prefix=prefix)


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
    holding = Assignment.objects.filter(holding_q(day), tree.positions_q(ids, day))
    if tree.is_current(day):
        holding = holding.annotate(agency_on_day=F("position__agency_id"))
    else:
        holding = holding.annotate(agency_on_day=tree.position_agency(day, "position_id", "position__agency_id"))
    rows = holding.values("agency_on_day").annotate(n=Count("official_id", distinct=True)).values_list("agency_on_day", "n")
    return dict(rows)


def position_on(code: str, day: dt.date) -> JobPosition | None:
    """One position by code as on `day`: with `filled_on_day` (its holders then) and, on another
    date than today's tree, `agency_id_on_date` (the agency it belonged to then). One query."""
    qs = JobPosition.objects.filter(code=code).annotate(filled_on_day=filled_subquery(day))
    if not tree.is_current(day):
        qs = qs.annotate(agency_id_on_date=tree.position_agency(day, "pk", "agency_id"))
    return qs.first()
