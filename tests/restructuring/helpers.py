"""Helpers for restructuring tests: a dump of every row the operations could touch."""
import datetime as dt

from django.apps import apps

from orgchart.structure import tree
from orgchart.structure.models import Agency

APPS = ("structure", "positions", "personnel", "staffing")


def dump() -> dict:
    """Every row of every table of the structure, positions, personnel and staffing apps
    (history tables and M2M tables included), ordered by primary key."""
    out = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            out[model._meta.db_table] = list(model._base_manager.order_by("pk").values())
    return out


def children(code, day: dt.date) -> list[str]:
    a = Agency.objects.get(code=code)
    return sorted(x.code for xs in tree.children_on([a.pk], day).values() for x in xs)


def positions(code, day: dt.date) -> list[str]:
    from orgchart.positions.models import JobPosition

    a = Agency.objects.get(code=code)
    pids = [p for p, _a, _r in tree.positions_of([a.pk], day)]
    return sorted(JobPosition.objects.filter(pk__in=pids).values_list("code", flat=True))


def holders(position_code, day: dt.date) -> list[str]:
    from orgchart.personnel.models import Assignment
    from orgchart.personnel.selectors import holding_q

    return sorted(Assignment.objects.filter(holding_q(day), position__code=position_code)
                  .values_list("official__code", flat=True))


def mptt_valid() -> bool:
    """lft/rght unchanged by a full rebuild, i.e. the stored intervals are consistent."""
    before = list(Agency.objects.order_by("pk").values_list("pk", "parent_id", "tree_id", "lft", "rght", "mptt_level"))
    Agency.objects.rebuild()
    after = list(Agency.objects.order_by("pk").values_list("pk", "parent_id", "tree_id", "lft", "rght", "mptt_level"))
    # tree ids may be renumbered by a rebuild; compare shapes per tree
    norm = lambda rows: sorted((pk, parent, lft, rght, lvl) for pk, parent, _t, lft, rght, lvl in rows)  # noqa: E731
    return norm(before) == norm(after)


def intervals_disjoint() -> bool:
    """No agency has two parent links (and no position two agency links) on the same day."""
    from collections import defaultdict

    from orgchart.positions.models import PositionLink
    from orgchart.structure.models import AgencyLink

    lo, hi = dt.date.min, dt.date.max
    for model, owner in ((AgencyLink, "agency_id"), (PositionLink, "position_id")):
        rows = defaultdict(list)
        for o, f, t in model.objects.values_list(owner, "valid_from", "valid_to"):
            rows[o].append((f or lo, t or hi))
        for spans in rows.values():
            spans.sort()
            if any(b[0] <= a[1] for a, b in zip(spans, spans[1:], strict=False)):
                return False
    return True
