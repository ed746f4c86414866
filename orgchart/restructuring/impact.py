"""Impact of a restructuring (one operation or a whole plan): the neighbourhood of the agencies
involved, measured on the effective date before and after the change.

`snapshot(roots, day)` measures the active subtrees of `roots` (the parents of the agencies
involved) with a fixed number of queries per root — focal points, direct units and
intermediate layers by the definition of `structureCounts` (RULES §4.1, `counts.count`), summed
over the roots; `report(before, after, *outcomes)` compares
two snapshots and adds what the operations carried (positions, quotas, mandates, leaders).
"""
import datetime as dt
from collections import Counter

from orgchart.core.choices import PositionCategory
from orgchart.structure import tree

DEPUTY_CODES = ("STRUCT-DEPUTY-DIVISION", "STRUCT-DEPUTY-DEPT-AVG")


def scope_roots(agencies, day: dt.date) -> list[int]:
    """The parents on `day` of the agencies involved (an agency without a parent is its own root)."""
    agencies = [a for a in agencies if a is not None and a.pk]
    parents = tree.parents_on([a.pk for a in agencies], day)
    roots = {parents.get(a.pk) or a.pk for a in agencies}
    ancestors = tree.ancestors_on(list(roots), day)
    return sorted(r for r in roots if not any(x.pk in roots for x in ancestors.get(r, [])))


def snapshot(roots: list[int], day: dt.date) -> dict:
    from orgchart.personnel.models import Assignment
    from orgchart.personnel.selectors import holding_q
    from orgchart.positions.models import JobPosition

    from .selectors import agency_findings, gather

    ids: list[int] = []
    for r in roots:
        ids += tree.subtree_ids(r, day, active_only=True)
    ids = sorted(set(ids))
    agencies, facts = gather(ids, day)
    findings = [{"agency": f.subject.code, **f.as_dict()} for f in agency_findings(agencies, facts, day)]
    units = [aid for aid in agencies if aid not in roots]
    positions = tree.positions_of(ids, day)
    pids = [p[0] for p in positions]
    pos_rows = dict(JobPosition.objects.filter(pk__in=pids).values_list("pk", "code"))
    category = dict(JobPosition.objects.filter(pk__in=pids).values_list("pk", "category"))
    held = Counter(Assignment.objects.filter(holding_q(day), position_id__in=pids).values_list("position_id", flat=True))
    leadership = [pid for pid in pids if category.get(pid) == PositionCategory.LEADERSHIP]
    counts = _counts(roots, agencies)
    return {
        "day": day.isoformat(),
        "agencies": {agencies[a].code for a in units},
        "focal_points": counts.focal_points,
        "focal_points_by_kind": counts.by_kind,
        "direct_units": counts.direct_units,
        "intermediate_layers": counts.intermediate_layers,
        "single_child_layers": sum(1 for a in units if facts[a].active_children == 1),
        "leadership_posts": len(leadership),
        "leadership_filled": sum(1 for pid in leadership if held.get(pid)),
        "heads": sum(f.head_holders for f in facts.values()),
        "deputies": sum(f.deputies for f in facts.values()),
        "positions": len(pids),
        "positions_without_holders": sorted(pos_rows[p] for p in pids if not held.get(p)),
        "findings": findings,
    }


def _counts(roots: list[int], agencies: dict):
    """RULES §4.1 figures (restructuring.counts, the definition of structureCounts) summed over
    the roots of the impact scope."""
    from .counts import StructureCounts, count

    parent_of = {pk: a.parent_on_date for pk, a in agencies.items()}
    kind_of = {pk: a.kind for pk, a in agencies.items()}
    total = StructureCounts()
    for r in roots:
        total = total.add(count(r, parent_of, kind_of))
    return total


def _key(f):
    return (f["agency"], f["code"], f["severity"])


def report(before: dict, after: dict, *outcomes) -> dict:
    """Before/after figures and what the operations carried."""
    from orgchart.personnel.models import Assignment
    from orgchart.personnel.selectors import holding_q

    b_keys, a_keys = {_key(f) for f in before["findings"]}, {_key(f) for f in after["findings"]}
    b_msg = {_key(f): f["message"] for f in before["findings"]}
    carried, days = _carried(outcomes)
    day = max(days) if days else dt.date.fromisoformat(after["day"])
    moved_codes = {p["code"] for p in carried["positions"]}
    officials = set(
        Assignment.objects.filter(holding_q(day), position__code__in=moved_codes).values_list("official__code", flat=True)
    ) if moved_codes else set()
    officials |= {a["official"] for a in carried["assignments_ended"]}
    officials |= _holders_under([c["code"] for c in carried["children"]], day)

    def pair(key):
        return {"before": before[key], "after": after[key]}

    return {
        "day": after["day"],
        "focal_points": pair("focal_points"),
        "focal_points_by_kind": pair("focal_points_by_kind"),
        "direct_units": pair("direct_units"),
        "intermediate_layers": pair("intermediate_layers"),
        "single_child_layers": pair("single_child_layers"),
        "leadership_posts": pair("leadership_posts"),
        "leadership_filled": pair("leadership_filled"),
        "heads": pair("heads"),
        "deputies": pair("deputies"),
        "deputies_over_cap": {
            "before": [f for f in before["findings"] if f["code"] in DEPUTY_CODES],
            "after": [f for f in after["findings"] if f["code"] in DEPUTY_CODES],
        },
        "officials_affected": sorted(officials),
        "positions_moved": sorted(moved_codes),
        "positions_without_holders": after["positions_without_holders"],
        "quotas_moved": carried["quotas"],
        "mandates_carried": [m for m in carried["mandates"] if m.get("to_ref") is not None],
        "duplicate_mandates": [m for m in carried["mandates"] if m.get("duplicate_of") is not None],
        "mandates_ended": [m for m in carried["mandates"] if m.get("to") is None],
        "assignments_ended": carried["assignments_ended"],
        "heads_reassigned": carried["heads_reassigned"],
        "positions_created": carried["positions_created"],
        "children_moved": carried["children"],
        "agencies_created": carried["created"],
        "agencies_removed": sorted(before["agencies"] - after["agencies"]),
        "agencies_added": sorted(after["agencies"] - before["agencies"]),
        "findings_appeared": [f for f in after["findings"] if _key(f) not in b_keys],
        "findings_disappeared": [f for f in before["findings"] if _key(f) not in a_keys],
        "findings_changed": [f for f in after["findings"] if _key(f) in b_keys and f["message"] != b_msg[_key(f)]],
    }


def _carried(outcomes) -> tuple[dict, list]:
    """What the operations' change events carried (positions, quotas, mandates, leaders…) and
    their effective dates."""
    from .operation import new_log

    carried, days = new_log(), []
    for o in outcomes:
        ev = getattr(o, "change_event", None)
        if ev is None:
            continue
        days.append(ev.effective_on)
        for k in carried:
            carried[k] += (ev.details or {}).get(k, [])
    return carried, days


def _holders_under(codes, day: dt.date) -> set[str]:
    """Officials holding a position anywhere in the subtrees of the re-parented units `codes`."""
    from django.db import connection

    from orgchart.personnel.models import Assignment
    from orgchart.personnel.selectors import holding_q
    from orgchart.structure.models import Agency

    if not codes:
        return set()
    roots = list(Agency.objects.filter(code__in=codes).values_list("pk", flat=True))
    sql, params = tree.subtree_sql(roots, day)
    with connection.cursor() as cur:
        cur.execute(f"SELECT DISTINCT s.id FROM ({sql}) s", params)
        ids = [r[0] for r in cur.fetchall()]
    pids = [p[0] for p in tree.positions_of(ids, day)]
    return set(Assignment.objects.filter(holding_q(day), position_id__in=pids).values_list("official__code", flat=True))
