"""reductionCandidates (RULES.md §3): holders of a primary assignment in the subtree on the
reference date of Y who meet at least one criterion; retired and separated officials are never
listed, exempt ones (RED-EXEMPT-CHILD) only on request (`include_exempt`), marked with the
exemption. A fixed number of queries (the holder set is a SQL subquery, never an id list).
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL

from orgchart.core.choices import RatingValue
from orgchart.core.dates import reference_date
from orgchart.core.findings import Finding
from orgchart.personnel.models import Assignment, Official, Rating, Separation
from orgchart.personnel.selectors import holding_q
from orgchart.positions.models import JobPosition
from orgchart.structure import tree
from orgchart.structure.models import Agency

from . import criteria, restructured
from .dbutil import analytic
from .selectors import holders_cte


@dataclass
class Candidate:
    official: Official
    criteria: list[Finding]
    regime: str
    retirement_date: dt.date | None
    positions: list[JobPosition] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    exemptions: list[Finding] = field(default_factory=list)

    @property
    def exempt(self) -> bool:
        return bool(self.exemptions)


def _holders(agency: Agency, day: dt.date):
    """(rows [(official_id, position_id, agency_id)], sql, params) of every primary assignment
    held in the subtree on `day`."""
    head, params = holders_cte([agency.pk], day, None)
    sql = f"{head} SELECT official_id, position_id, agency_id FROM held"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    return rows, f"{head} SELECT official_id FROM held", params, f"{head} SELECT position_id FROM held"


def visible_candidates(actor, agency: Agency, year: int, include_exempt: bool = False) -> list[Candidate] | None:
    """Reduction candidates of `agency`'s subtree that `actor` (accounts.permissions.Actor) may see:
    all of them without a scope (auditors are never scoped) or inside the scope; for an ancestor
    of the scope, only those holding a post in the scope. None: the actor may not see any (no
    role, or an agency outside its scope and not above it)."""
    from orgchart.core.choices import Role

    if not actor.can_read_personal:
        return None
    if actor.scope_id is None or actor.role == Role.AUDITOR or actor.agency_in_scope(agency):
        return reduction_candidates(agency, year, include_exempt)
    s = actor.scope
    if s is None or not tree.contains(agency, s):
        return None
    cands = reduction_candidates(agency, year, include_exempt)
    visible = actor.official_ids_in_scope([c.official.pk for c in cands])
    return [c for c in cands if c.official.pk in visible]


def reduction_candidates(agency: Agency, year: int, include_exempt: bool = False) -> list[Candidate]:
    """Officials meeting a criterion, by code; with `include_exempt` also those who meet one but
    are exempt (RED-EXEMPT-CHILD), each with `exemptions` (never listed otherwise)."""
    with analytic():
        return _candidates(agency, year, include_exempt)


def _candidates(agency: Agency, year: int, include_exempt: bool = False) -> list[Candidate]:
    day = reference_date(year)
    rows, officials_sql, params, positions_sql = _holders(agency, day)
    if not rows:
        return []
    if connection.vendor == "postgresql":  # one array parameter: no re-run of the holder CTE
        in_officials = RawSQL("SELECT unnest(%s::bigint[])", [sorted({r[0] for r in rows})])
        in_positions = RawSQL("SELECT unnest(%s::bigint[])", [sorted({r[1] for r in rows})])
    else:
        in_officials = RawSQL(officials_sql, params)
        in_positions = RawSQL(positions_sql, params)

    officials = {o.pk: o for o in Official.objects.filter(pk__in=in_officials)}
    positions = JobPosition.objects.filter(pk__in=in_positions).in_bulk()
    agencies = Agency.objects.in_bulk({r[2] for r in rows})
    separated = set(
        Separation.objects.filter(official_id__in=in_officials, separated_on__lte=day).values_list("official_id", flat=True)
    )
    failed_years: dict[int, set[int]] = defaultdict(set)
    for oid, y in Rating.objects.filter(
        official_id__in=in_officials, year__in=[year, year - 1], rating=RatingValue.NOT_COMPLETED
    ).values_list("official_id", "year"):
        failed_years[oid].add(y)
    holders = dict(
        Assignment.objects.filter(holding_q(day), position_id__in=in_positions)
        .values("position_id").annotate(n=Count("official_id", distinct=True)).values_list("position_id", "n")
    )
    former = restructured.former_leaders(in_officials, day)
    roles = restructured.roles_held(in_officials, day) if former else {}

    held: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for oid, pid, aid in rows:
        if (pid, aid) not in held[oid]:
            held[oid].append((pid, aid))

    out = []
    for oid, pairs in held.items():
        o = officials[oid]
        rd = o.retirement_date
        if oid in separated or (rd is not None and day > rd):
            continue
        exempt = criteria.exemption(o.gender, o.youngest_child_born_on, day)
        if exempt is not None and not include_exempt:
            continue
        pos = sorted({positions[p] for p, _ in pairs}, key=lambda p: p.code)
        found = [
            c for c in (
                criteria.rating(failed_years.get(oid, set()), year, day),
                criteria.qualification(o, pos, day),
                criteria.over_quota(pos, holders, day),
                criteria.leader_restructured(former.get(oid, []), roles.get(oid), day),
            ) if c is not None
        ]
        if found:
            ags = sorted({agencies[a] for _, a in pairs if a in agencies}, key=lambda a: a.code)
            out.append(Candidate(o, found, criteria.regime(rd, day), rd, pos, ags, [exempt] if exempt else []))
    out.sort(key=lambda c: c.official.code)
    return out
