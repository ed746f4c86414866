"""Reads for restructuring: the facts behind the structure rules, and change-event lineage.

`structure_findings(under_code, on_date)` gathers every fact with a fixed number of queries
(about a dozen, whatever the size of the subtree), then runs the pure rules of `rules.py`.
"""
import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q

from orgchart.core.choices import LeadershipRole, MandateKind, QuotaKind, StaffType
from orgchart.core.dates import today
from orgchart.core.findings import Finding
from orgchart.personnel.selectors import holding_q
from orgchart.structure import tree
from orgchart.structure.models import Agency, ChangeEvent, Mandate

from . import rules
from .legal import numbers_on

CS_TYPES = (StaffType.CIVIL_SERVANT.value, StaffType.CADRE.value)


class UnknownAgency(LookupError):
    pass


def scope(under_code: str | None, day: dt.date):
    """Active agencies under `under_code` (itself included) on `day`, all active ones when
    None — as a subquery of ids (works for a tree of any size)."""
    root = None
    if under_code:
        root = Agency.objects.filter(code=under_code).first()
        if root is None:
            raise UnknownAgency(under_code)
    return tree.subtree_expr(root, day, active_only=True)


def scope_ids(under_code: str | None, day: dt.date) -> list[int]:
    return list(Agency.objects.filter(pk__in=scope(under_code, day)).values_list("pk", flat=True))


def gather(ids, day: dt.date) -> tuple[dict[int, Agency], dict[int, rules.UnitFacts]]:
    """({id: agency}, {id: UnitFacts}) for the active agencies `ids` (a list or a subquery of
    ids) on `day`, in a fixed number of queries."""
    from orgchart.personnel.models import Assignment
    from orgchart.staffing.models import Quota

    agencies = {a.pk: a for a in tree.annotate_parent_on(Agency.objects.filter(pk__in=ids), day)}
    parent_of = {pk: a.parent_on_date for pk, a in agencies.items()}
    outside = {p for p in parent_of.values() if p and p not in agencies}
    parent_kind = dict(Agency.objects.filter(pk__in=outside).values_list("pk", "kind")) if outside else {}
    parent_kind.update({pk: a.kind for pk, a in agencies.items()})

    positions = tree.positions_of(ids, day)
    agency_of_pos = {pid: aid for pid, aid, _ in positions}
    role_of_pos = {pid: role for pid, _, role in positions}
    head_positions: dict[int, int] = defaultdict(int)
    for _pid, aid, role in positions:
        if role == LeadershipRole.HEAD:
            head_positions[aid] += 1

    cs_holders, deputies, heads = defaultdict(set), defaultdict(set), defaultdict(set)
    holders = Assignment.objects.filter(holding_q(day), tree.positions_q(ids, day)).values_list(
        "position_id", "official_id", "official__staff_type"
    )
    for pid, oid, staff_type in holders:
        aid = agency_of_pos.get(pid)
        if aid is None:
            continue
        if staff_type in CS_TYPES:
            cs_holders[aid].add(oid)
        if role_of_pos[pid] == LeadershipRole.DEPUTY:
            deputies[aid].add(oid)
        elif role_of_pos[pid] == LeadershipRole.HEAD:
            heads[aid].add(oid)

    quota = dict(
        Quota.objects.filter(agency_id__in=ids, year=day.year, kind=QuotaKind.CIVIL_SERVANT).values_list("agency_id", "amount")
    )
    functions = dict(
        Mandate.objects.filter(Mandate.covering_q(day), agency_id__in=ids, kind=MandateKind.FUNCTION)
        .values("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    mergers: dict[int, rules.Merger] = {}
    through = ChangeEvent.results.through
    merge_rows = (
        through.objects.filter(agency_id__in=ids, changeevent__kind=ChangeEvent.Kind.MERGE,
                               changeevent__effective_on__lte=day)
        .values("agency_id", "changeevent_id", "changeevent__effective_on")
        .annotate(bodies=Count("changeevent__originals", distinct=True))
        .values_list("agency_id", "changeevent__effective_on", "bodies")
    )
    for aid, on, bodies in sorted(merge_rows, key=lambda r: r[1]):
        mergers[aid] = rules.Merger(on=on, bodies=bodies)  # the latest merger wins

    children: dict[int, list[int]] = defaultdict(list)
    for aid, pid in parent_of.items():
        if pid in agencies and aid != pid:
            children[pid].append(aid)

    facts: dict[int, rules.UnitFacts] = {}
    for aid, a in agencies.items():
        facts[aid] = rules.UnitFacts(
            kind=a.kind, level=a.level, agency_class=a.agency_class,
            parent_kind=parent_kind.get(parent_of.get(aid)),
            staff=quota[aid] if aid in quota else len(cs_holders[aid]),
            deputies=len(deputies[aid]), head_positions=head_positions[aid], head_holders=len(heads[aid]),
            active_children=len(children[aid]), function_mandates=functions.get(aid, 0),
            merger=mergers.get(aid),
        )
    for aid, f in facts.items():
        f.departments = [facts[c] for c in children[aid] if facts[c].kind in rules.DEPARTMENT_KINDS]
    return agencies, facts
def agency_findings(agencies: dict, facts: dict, day: dt.date) -> list[Finding]:
    """Every RULES §4 finding of the gathered agencies, each about its agency, by agency code."""
    n = numbers_on(day)
    return [f.about(agencies[aid]) for aid in sorted(agencies, key=lambda i: agencies[i].code)
            for f in rules.check(facts[aid], day, n)]


def findings_for(ids: list[int], day: dt.date) -> list[dict]:
    agencies, facts = gather(ids, day)
    return [{"agency": f.subject, **f.as_dict()} for f in agency_findings(agencies, facts, day)]


def structure_findings(under_code: str | None = None, on_date: dt.date | None = None) -> list[dict]:
    """RULES.md §4 findings for the active agencies under `under_code` (itself included) on
    `on_date` (default today): [{agency, code, severity, message, citation}] by agency code."""
    day = on_date or today()
    return findings_for(scope(under_code, day), day)


# --- lineage ---------------------------------------------------------------------------------
def change_events(agency: Agency | None = None, kind: str | None = None):
    """Change events touching an agency (as original or result), oldest first."""
    qs = ChangeEvent.objects.all()
    if agency is not None:
        qs = qs.filter(Q(originals=agency) | Q(results=agency)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    return qs.prefetch_related("originals", "results").order_by("effective_on", "id")


def predecessors(agency: Agency, max_depth: int = 20) -> list[dict]:
    """"Which units became this one?": walking merge/split/dissolve events backwards, each
    step {agency, event, depth}; the agency itself (as a result that was also an original)
    is not repeated."""
    return _walk(agency, backwards=True, max_depth=max_depth)


def successors(agency: Agency, max_depth: int = 20) -> list[dict]:
    """"Where did the duties of X go?": the agencies that received X (its positions, duties,
    children) through later events, each step {agency, event, depth, mandates}."""
    return _walk(agency, backwards=False, max_depth=max_depth)


def _walk(agency: Agency, backwards: bool, max_depth: int) -> list[dict]:
    kinds = [ChangeEvent.Kind.MERGE, ChangeEvent.Kind.SPLIT, ChangeEvent.Kind.DISSOLVE]
    events = list(ChangeEvent.objects.filter(kind__in=kinds).prefetch_related("originals", "results"))
    seen, out, frontier = {agency.pk}, [], [agency]
    depth = 0
    while frontier and depth < max_depth:
        depth += 1
        nxt = []
        for a in frontier:
            for ev in events:
                side_from = ev.results.all() if backwards else ev.originals.all()
                side_to = ev.originals.all() if backwards else ev.results.all()
                if a.pk not in {x.pk for x in side_from}:
                    continue
                for b in side_to:
                    if b.pk in seen:
                        continue
                    seen.add(b.pk)
                    moved = [m for m in (ev.details or {}).get("mandates", [])
                             if (m.get("to") == a.code and m.get("from") == b.code) or
                             (m.get("from") == a.code and m.get("to") == b.code)]
                    out.append({"agency": b, "event": ev, "depth": depth, "mandates": moved})
                    nxt.append(b)
        frontier = nxt
    return out
