"""The MPTT backend of today's tree (django-mptt): the only module that knows the columns
`lft`, `rght`, `tree_id` and `mptt_level` (with `admin.py`, its drag-and-drop admin).

`Node` is the abstract base of `Agency` (its current parent and the MPTT columns), `Locator`
the abstract base of rows that copy an agency's place (the staffing roll-up) so that the rows
of a subtree are one index range: same `tree_id`, `lft` between the root's `lft` and `rght`.
"""
from django.db import models
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query_utils import DeferredAttribute
from mptt.exceptions import InvalidMove as MPTTInvalidMove
from mptt.models import MPTTModel, TreeForeignKey

# Loaded while `structure.models` itself loads (its Agency derives from `Node`): the models are
# read at call time only.
from orgchart.structure import models as orm

from .storage import UNKNOWN, InvalidMove, TreeStorage, tree_writes

AGENCY_TABLE = "structure_agency"


class Node(MPTTModel):
    """The tree part of an agency: its parent today and the MPTT index of today's tree."""

    parent = TreeForeignKey(
        "self", verbose_name="trực thuộc (hiện tại)", null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )

    class MPTTMeta:
        level_attr = "mptt_level"
        order_insertion_by = ["code"]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # The parent as loaded (MPTT caches it at __init__ and overwrites it while moving the
        # node): tree.on_agency_saved compares it with the new parent to keep link rows in step.
        old = self._mptt_cached_fields.get("parent")
        self._parent_before_save = UNKNOWN if old is DeferredAttribute else old
        super().save(*args, **kwargs)


class Locator(models.Model):
    """Where an agency sat in today's tree when a row was copied from it."""

    tree_id = models.IntegerField()
    lft = models.IntegerField()

    class Meta:
        abstract = True


class MPTTStorage(TreeStorage):
    node_fields = ("lft", "rght", "tree_id", "mptt_level")
    contain_fields = ("tree_id", "lft", "rght")
    locator_fields = ("tree_id", "lft")

    # --- reads -----------------------------------------------------------------------------
    def subtree_q(self, root, prefix: str = "") -> Q:
        return Q(**{f"{prefix}tree_id": root.tree_id, f"{prefix}lft__gte": root.lft, f"{prefix}rght__lte": root.rght})

    def subtree_pairs_sql(self, placeholders: str) -> str:
        return (
            f"SELECT r.id AS root, d.id AS id FROM {AGENCY_TABLE} r JOIN {AGENCY_TABLE} d "
            "ON d.tree_id = r.tree_id AND d.lft >= r.lft AND d.rght <= r.rght "
            f"WHERE r.id IN ({placeholders})"
        )

    def contains(self, root, node) -> bool:
        return node.tree_id == root.tree_id and root.lft <= node.lft and node.rght <= root.rght

    def subtree_size(self, node) -> int:
        return (node.rght - node.lft + 1) // 2

    def descendant_counts(self, agency_ids: list[int], active: Q) -> dict[int, int]:
        inner = (
            orm.Agency.objects.filter(active, tree_id=OuterRef("tree_id"), lft__gt=OuterRef("lft"), rght__lt=OuterRef("rght"))
            .order_by()
            .values("tree_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = orm.Agency.objects.filter(pk__in=agency_ids).annotate(n=Coalesce(Subquery(inner), 0)).values_list("pk", "n")
        return dict(rows)

    def ancestors(self, agency_ids: list[int]) -> dict[int, list]:
        targets = list(orm.Agency.objects.filter(pk__in=agency_ids).only("pk", *self.contain_fields))
        q = Q(pk__in=[])
        for t in targets:
            q |= Q(tree_id=t.tree_id, lft__lt=t.lft, rght__gt=t.rght)
        pool = list(orm.Agency.objects.filter(q).order_by("lft")) if targets else []
        return {
            t.pk: [a for a in pool if a.tree_id == t.tree_id and a.lft < t.lft and a.rght > t.rght] for t in targets
        }

    # --- writes ----------------------------------------------------------------------------
    def move(self, agency_id: int, parent_id: int | None):
        """Positions read fresh from the database, so a stale instance never corrupts lft/rght;
        MPTT refuses (InvalidMove) moves into the agency's own subtree."""
        fresh = orm.Agency.objects.get(pk=agency_id)
        if fresh.parent_id != parent_id:
            fresh.parent = orm.Agency.objects.get(pk=parent_id) if parent_id else None
            try:
                with tree_writes():
                    fresh.save()
            except MPTTInvalidMove as e:
                raise InvalidMove(str(e)) from e
        return fresh

    def rebuild(self):
        orm.Agency.objects.rebuild()

    # --- locators ----------------------------------------------------------------------------
    def locator_index(self, *leading: str) -> models.Index:
        return models.Index(fields=[*leading, *self.locator_fields])

    def locator_values_sql(self, agency_alias: str, aggregate: str = "") -> str:
        cols = [f"{agency_alias}.{c}" for c in self.locator_fields]
        return ", ".join(f"{aggregate}({c})" if aggregate else c for c in cols)

    def roots_sql(self, placeholders: str) -> str:
        return f"SELECT id AS root, tree_id, lft, rght FROM {AGENCY_TABLE} WHERE id IN ({placeholders})"

    def locator_within_sql(self, row_alias: str, roots_alias: str) -> str:
        r, t = row_alias, roots_alias
        return f"{r}.tree_id = {t}.tree_id AND {r}.lft >= {t}.lft AND {r}.lft <= {t}.rght"

    # --- generated data ------------------------------------------------------------------------
    def next_forest(self) -> int:
        return (orm.Agency.objects.aggregate(m=Max("tree_id"))["m"] or 0) + 1

    def forest_values(self, parents: list[int | None], keys: list[str], forest: int) -> list[tuple]:
        """(lft, rght, tree_id, mptt_level) per node, numbered as django-mptt's rebuild() would
        (one tree per root, siblings by key): a depth-first walk without recursion."""
        children: list[list[int]] = [[] for _ in parents]
        roots = []
        for i, p in enumerate(parents):
            (roots if p is None else children[p]).append(i)
        lft, rght, depth = [0] * len(parents), [0] * len(parents), [0] * len(parents)
        tree_of = [forest] * len(parents)
        for n, root in enumerate(sorted(roots, key=lambda i: keys[i])):
            counter = 0
            stack = [(root, False)]
            while stack:
                idx, done = stack.pop()
                counter += 1
                if done:
                    rght[idx] = counter
                    continue
                lft[idx] = counter
                tree_of[idx] = forest + n
                depth[idx] = 0 if parents[idx] is None else depth[parents[idx]] + 1
                stack.append((idx, True))
                for c in sorted(children[idx], key=lambda i: keys[i], reverse=True):
                    stack.append((c, False))
        return [(lft[i], rght[i], tree_of[i], depth[i]) for i in range(len(parents))]
