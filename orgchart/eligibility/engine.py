"""Loads the facts for officials × positions × dates with a FIXED number of queries (whatever
the history length or the number of candidates), runs every rule, returns every finding.

- `check(official, position, action, on_date)`            one official (checkEligibility)
- `candidates(position, action, on_date, officials)`      a pool, ranked (eligibleCandidates)
- `inspect(assignments)`                                   past decisions on their own start date
"""
import datetime as dt
import operator
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from orgchart.core.choices import NON_HOLDING_KINDS
from orgchart.core.findings import VIOLATION, Finding
from orgchart.personnel.models import Assignment, Discipline, Official, Rating, Separation, SuccessionPlan
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota
from orgchart.structure import tree

from .facts import (
    ACTIONS,
    AssignmentFact,
    Case,
    DisciplineFact,
    HistoryFacts,
    OfficialFacts,
    PlanFact,
    PositionFacts,
)
from .rules import rules_for

_NON_HOLDING = [str(k) for k in NON_HOLDING_KINDS]
_STAFF_TYPES = frozenset({"civil_servant", "cadre"})
ONE_DAY = dt.timedelta(days=1)
_START = operator.itemgetter(2)  # AssignmentFact.start_on
# Assignment kinds that are appointment decisions, and the action each one was.
ACTION_OF_KIND = {a: a for a in ACTIONS}

OFFICIAL_FIELDS = (
    "pk", "code", "full_name", "birth_date", "gender", "staff_type", "rank_code", "education_level",
    "education_field", "political_theory", "state_mgmt", "hired_on", "health_ok",
)
POSITION_FIELDS = (
    "pk", "code", "category", "leadership_role", "agency_id", "required_rank", "min_education",
    "education_fields", "min_political_theory", "min_state_mgmt", "min_years_experience",
    "requires_succession_plan", "quota",
)


@dataclass(slots=True)
class Result:
    official: OfficialFacts
    findings: list[Finding]
    key: tuple = ()  # rank_key, computed once

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != VIOLATION]

    @property
    def eligible(self) -> bool:
        return not any(f.severity == VIOLATION for f in self.findings)

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def as_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "violations": [f.as_dict() for f in self.violations],
            "warnings": [f.as_dict() for f in self.warnings],
        }


def _official_filter(pool, ids) -> tuple[str, list]:
    """A WHERE fragment on `official_id` for these officials, in one statement: an array
    parameter on PostgreSQL, the id list on SQLite when short, else the pool as a subquery."""
    if connection.vendor == "postgresql":
        return "official_id = ANY(%s::bigint[])", ["{" + ",".join(map(str, ids)) + "}"]  # one text param
    if len(ids) <= 900 or pool is None:
        return f"official_id IN ({', '.join(['%s'] * len(ids))})", list(ids)
    sql, params = pool.order_by().values("pk").query.sql_with_params()
    return f"official_id IN ({sql})", list(params)


def _day(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


_INT, _DATE, _TEXT = "CAST(NULL AS integer)", "CAST(NULL AS date)", "CAST(NULL AS varchar(32))"


def _records_sql(where: str) -> str:
    """Ratings, disciplines, succession plans and separations in one statement:
    (tag, official_id, i1, i2, i3, text, d1, d2)."""
    t = {m.__name__: m._meta.db_table for m in (Rating, Discipline, SuccessionPlan, Separation)}
    return " UNION ALL ".join((
        f"SELECT 'r', official_id, year, {_INT}, {_INT}, rating, {_DATE}, {_DATE} FROM {t['Rating']} WHERE {where}",
        f"SELECT 'd', official_id, {_INT}, {_INT}, {_INT}, form, decided_on, effective_on FROM {t['Discipline']} "
        f"WHERE {where}",
        f"SELECT 'p', official_id, position_id, period_start, period_end, {_TEXT}, {_DATE}, {_DATE} "
        f"FROM {t['SuccessionPlan']} WHERE {where}",
        f"SELECT 's', official_id, {_INT}, {_INT}, {_INT}, {_TEXT}, separated_on, {_DATE} FROM {t['Separation']} "
        f"WHERE {where}",
    ))


# --- officials ----------------------------------------------------------------------------------
def load_officials(officials) -> dict[int, tuple[OfficialFacts, HistoryFacts]]:
    """{official id: (facts, history)} in 3 queries for a queryset or a list of ids."""
    qs = officials if hasattr(officials, "values_list") else Official.objects.filter(pk__in=list(officials))
    out: dict[int, tuple[OfficialFacts, HistoryFacts]] = {}
    for row in qs.order_by().values_list(*OFFICIAL_FIELDS):
        out[row[0]] = (OfficialFacts(*row), HistoryFacts())
    if not out:
        return out
    where, params = _official_filter(qs, list(out))
    assignments = defaultdict(list)
    for aid, oid, pid, kind, start, end, role in (
        Assignment.objects.extra(where=[f'"{Assignment._meta.db_table}".{where}'], params=params)
        .values_list("pk", "official_id", "position_id", "kind", "start_on", "end_on", "position__leadership_role")
    ):
        assignments[oid].append(AssignmentFact(pid, kind, start, end, role, aid))
    ratings, disciplines, plans, separations = defaultdict(dict), defaultdict(list), defaultdict(list), defaultdict(list)
    with connection.cursor() as cur:
        cur.execute(_records_sql(where), params * 4)
        for tag, oid, i1, i2, i3, text, d1, d2 in cur.fetchall():
            if tag == "r":
                ratings[oid][i1] = text
            elif tag == "d":
                disciplines[oid].append(DisciplineFact(text, _day(d1), _day(d2)))
            elif tag == "p":
                plans[oid].append(PlanFact(i1, i2, i3))
            else:
                separations[oid].append(_day(d1))
    for oid, (_, h) in out.items():
        rows = assignments.get(oid, ())
        h.assignments = tuple(sorted(rows, key=_START) if len(rows) > 1 else rows)
        h.ratings = ratings.get(oid, {})
        h.disciplines = tuple(disciplines.get(oid, ()))
        h.succession_plans = tuple(plans.get(oid, ()))
        h.separations = tuple(separations.get(oid, ()))
    return out


# --- positions and their agencies -------------------------------------------------------------------
class PositionSide:
    """Positions, their agency on any date, holders and the agencies' deputies and staff — loaded
    once (5 queries) for a set of positions, then answered for any date in memory."""

    def __init__(self, position_ids):
        ids = [int(i) for i in position_ids]
        # The agencies the targets belong to on some date (FK or link) — 1 query
        target_agencies = JobPosition.objects.filter(pk__in=ids).values_list("agency_id", flat=True).union(
            tree.link_agencies(ids))
        agencies = list(target_agencies)
        # every position that belongs to one of them on some date, and the targets — 1 query (indexed union)
        fields = (*POSITION_FIELDS, "agency__kind")
        self.positions = {
            p["pk"]: p
            for p in JobPosition.objects.filter(Q(pk__in=ids) | Q(agency_id__in=agencies)).values(*fields).union(
                JobPosition.objects.filter(pk__in=tree.linked_positions(agencies)).values(*fields))
        }
        self.targets = {pid: self.positions[pid] for pid in ids if pid in self.positions}
        self.agency_kind = {p["agency_id"]: p["agency__kind"] for p in self.positions.values()}
        # position → [(valid_from, valid_to, agency, link id, agency kind)] — 1 query
        self.links = tree.placement_rows(list(self.positions), "agency__kind")
        for rows in self.links.values():
            self.agency_kind.update((row[2], row[4]) for row in rows)
        agency_ids = {p["agency_id"] for p in self.targets.values()} | {
            row[2] for pid in self.targets for row in self.links.get(pid, ())}
        self.candidates_of = defaultdict(set)  # agency → positions that may belong to it on some date
        for pid, p in self.positions.items():
            self.candidates_of[p["agency_id"]].add(pid)
            for row in self.links.get(pid, ()):
                self.candidates_of[row[2]].add(pid)
        self.assignments = defaultdict(list)  # position → [(assignment id, official, start, end, staff_type)]
        for row in (
            Assignment.objects.filter(position_id__in=list(self.positions))
            .exclude(kind__in=_NON_HOLDING)
            .values_list("pk", "position_id", "official_id", "start_on", "end_on", "official__staff_type")
        ):
            self.assignments[row[1]].append((row[0], row[2], row[3], row[4], row[5]))
        self.quota = {
            (aid, year): amount
            for aid, year, amount in Quota.objects.filter(agency_id__in=agency_ids, kind="civil_servant").values_list(
                "agency_id", "year", "amount"
            )
        }
        self._memo: dict = {}

    def agency_on(self, position_id: int, day: dt.date) -> int | None:
        """The agency of the position on `day` (the tree's one rule, `tree.agency_of`)."""
        rows = self.links.get(position_id, ())
        return tree.agency_of([r[:4] for r in rows], self.positions[position_id]["agency_id"], day)

    def holders(self, position_id: int, day: dt.date, exclude: int | None = None) -> list[tuple[int, str]]:
        return [
            (oid, st) for aid, oid, start, end, st in self.assignments.get(position_id, ())
            if start <= day and (end is None or end >= day) and aid != exclude
        ]

    def facts(self, position_id: int, day: dt.date, exclude_assignment: int | None = None) -> PositionFacts:
        key = (position_id, day, exclude_assignment)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        p = self.targets[position_id]
        agency = self.agency_on(position_id, day)
        in_agency = [q for q in self.candidates_of.get(agency, ()) if self.agency_on(q, day) == agency]
        heads, deputies, staff = set(), set(), set()
        for q in in_agency:
            role = self.positions[q]["leadership_role"]
            if role == "head":
                heads.add(q)
            for oid, st in self.holders(q, day, exclude_assignment):
                if role == "deputy":
                    deputies.add(oid)
                if st in _STAFF_TYPES:
                    staff.add(oid)
        quota = self.quota.get((agency, day.year))
        facts = PositionFacts(
            id=position_id,
            code=p["code"],
            category=p["category"],
            leadership_role=p["leadership_role"],
            agency_id=agency,
            agency_kind=self.agency_kind.get(agency, ""),
            required_rank=p["required_rank"],
            min_education=p["min_education"],
            education_fields=tuple(x.strip() for x in (p["education_fields"] or "").split(";") if x.strip()),
            min_political_theory=p["min_political_theory"],
            min_state_mgmt=p["min_state_mgmt"],
            min_years_experience=p["min_years_experience"],
            requires_succession_plan=p["requires_succession_plan"],
            quota=p["quota"],
            holder_ids=frozenset(oid for oid, _ in self.holders(position_id, day, exclude_assignment)),
            head_position_ids=frozenset(heads),
            deputy_holder_ids=frozenset(deputies),
            agency_staff=quota if quota is not None else len(staff),
        )
        self._memo[key] = facts
        return facts


# --- running the rules ----------------------------------------------------------------------------
def run(official: OfficialFacts, history: HistoryFacts, position: PositionFacts, action: str,
        on_date: dt.date, rules: tuple | None = None) -> Result:
    """Every finding for one case; `rules` = rules_for(position, action) when checking many."""
    case = Case(official, history, position, action, on_date)
    findings, violations = [], 0
    for fn in rules if rules is not None else rules_for(position, action):
        f = fn(case)
        if f is not None:
            findings.append(f)
            violations += f.severity == VIOLATION
    return Result(official, findings, (violations > 0, violations, len(findings) - violations, official.code))


def check(official: Official | int, position: JobPosition | int, action: str, on_date: dt.date) -> Result:
    """All findings for one official (8 queries)."""
    oid = getattr(official, "pk", official)
    pid = getattr(position, "pk", position)
    facts = load_officials([oid])
    if oid not in facts:
        raise Official.DoesNotExist(oid)
    side = PositionSide([pid])
    if pid not in side.targets:
        raise JobPosition.DoesNotExist(pid)
    o, h = facts[oid]
    return run(o, h, side.facts(pid, on_date), action, on_date)


def rank_key(result: Result):
    """CONTRACT §4: eligible first, then fewer violations, then fewer warnings, then official code."""
    if result.key:
        return result.key
    v = len(result.violations)
    return (v > 0, v, len(result.findings) - v, result.official.code)


def can_be_candidate(official: OfficialFacts, history: HistoryFacts, on_date: dt.date) -> bool:
    """Officials retired (onDate after the retirement date) or separated on onDate are never
    candidates (CONTRACT §4)."""
    rd = official.retirement_date
    if rd is not None and on_date > rd:
        return False
    return not any(d <= on_date for d in history.separations)


def candidates(position: JobPosition | int, action: str, on_date: dt.date, officials) -> list[Result]:
    """Check every official of the pool (a queryset) who can be a candidate on `on_date` and
    rank them by `rank_key` (a fixed number of queries)."""
    pid = getattr(position, "pk", position)
    side = PositionSide([pid])
    pf = side.facts(pid, on_date)
    rules = rules_for(pf, action)
    results = [run(o, h, pf, action, on_date, rules) for o, h in load_officials(officials).values()
               if can_be_candidate(o, h, on_date)]
    results.sort(key=rank_key)
    return results


def before_decision(history: HistoryFacts, assignment_id: int, start_on: dt.date) -> HistoryFacts:
    """The official's history as it stood when the decision was taken: without the decided
    assignment, and with the assignments it ended (on the day before its start) still running."""
    eve = start_on - ONE_DAY
    kept = []
    for a in history.assignments:
        if a.id == assignment_id:
            continue
        if a.end_on == eve and a.holding:
            a = AssignmentFact(a.position_id, a.kind, a.start_on, start_on, a.leadership_role, a.id)
        kept.append(a)
    return HistoryFacts(tuple(kept), history.ratings, history.disciplines, history.succession_plans,
                        history.separations)


@dataclass(slots=True)
class Inspection:
    assignment: dict
    official: OfficialFacts
    action: str
    result: Result


def inspect(assignments) -> list[Inspection]:
    """Re-check past appointment decisions on their own start date (a fixed number of queries).
    `assignments` is a queryset of Assignment; kinds that are not decisions are skipped."""
    rows = list(
        assignments.filter(kind__in=list(ACTION_OF_KIND)).order_by("start_on", "pk").values(
            "pk", "official_id", "position_id", "kind", "start_on", "end_on", "decision_no", "override_reason",
            "official__code", "position__code",
        )
    )
    if not rows:
        return []
    officials = load_officials({r["official_id"] for r in rows})
    side = PositionSide({r["position_id"] for r in rows})
    out = []
    for r in rows:
        o, h = officials[r["official_id"]]
        day, action = r["start_on"], ACTION_OF_KIND[r["kind"]]
        pf = side.facts(r["position_id"], day, exclude_assignment=r["pk"])
        out.append(Inspection(r, o, action, run(o, before_decision(h, r["pk"], day), pf, action, day)))
    return out
