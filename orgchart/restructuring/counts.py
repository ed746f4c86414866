"""Structure counts (RULES.md §4.1) — `structureCounts(under, onDate)` and the before/after
figures of a restructuring dry run, with one definition.

Over the active agencies strictly below `under` on the date (reached from `under` through active
agencies):
- `focal_points` (đầu mối): their number; `by_kind`: the same per agency kind;
- `direct_units`: the active children of `under` (the sở and equivalents under a province);
- `intermediate_layers` (cấp trung gian): those two or more levels below `under` with at least
  one active child of their own (a chi cục with its phòng); the sở itself is not one.

`count()` is a pure function over a parent map; `structure_counts()` reads that map with a fixed
number of queries (the subtree as a subquery, whatever its size).
"""
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from orgchart.structure import tree
from orgchart.structure.models import Agency


@dataclass
class StructureCounts:
    focal_points: int = 0
    direct_units: int = 0
    intermediate_layers: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    def add(self, other: "StructureCounts") -> "StructureCounts":
        kinds = Counter(self.by_kind)
        kinds.update(other.by_kind)
        return StructureCounts(self.focal_points + other.focal_points, self.direct_units + other.direct_units,
                               self.intermediate_layers + other.intermediate_layers, dict(kinds))

    def as_dict(self) -> dict:
        return {"focal_points": self.focal_points, "direct_units": self.direct_units,
                "intermediate_layers": self.intermediate_layers,
                "by_kind": [{"kind": k, "count": n} for k, n in sorted(self.by_kind.items())]}


def count(root: int, parent_of: dict[int, int | None], kind_of: dict[int, str]) -> StructureCounts:
    """RULES §4.1 figures below `root`. `parent_of`: {active agency: its parent on the date} for
    the active agencies of the subtree (the root may be among them or not)."""
    children: dict[int, list[int]] = defaultdict(list)
    for aid, parent in parent_of.items():
        if aid != root and parent is not None:
            children[parent].append(aid)
    depth, frontier = {}, [root]
    level = 0
    while frontier:
        level += 1
        frontier = [c for p in frontier for c in children.get(p, ()) if c not in depth]
        for c in frontier:
            depth[c] = level
    below = list(depth)
    return StructureCounts(
        focal_points=len(below),
        direct_units=len(children.get(root, ())),
        intermediate_layers=sum(1 for a in below if depth[a] >= 2 and children.get(a)),
        by_kind=dict(Counter(kind_of[a] for a in below)),
    )


def structure_counts(under: Agency, day: dt.date) -> StructureCounts:
    """The figures of `under` on `day` (at most 4 queries, whatever the size of the subtree)."""
    rows = tree.annotate_parent_on(
        Agency.objects.filter(pk__in=tree.subtree_expr(under, day, active_only=True)), day
    ).values_list("pk", "parent_on_date", "kind")
    parent_of, kind_of = {}, {}
    for pk, parent, kind in rows:
        parent_of[pk], kind_of[pk] = parent, kind
    return count(under.pk, parent_of, kind_of)
