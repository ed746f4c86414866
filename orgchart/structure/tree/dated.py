"""The agency tree on any date (reads).

The backend (`backend.storage`) keeps today's tree. `AgencyLink` rows hold the parent of each
agency over time. For a date on which no link starts or ends between today and that date (and
when no scheduled change awaits `apply_scheduled_changes`), today's tree is the tree of that
date and subtree reads use the backend's index; otherwise the answer comes from the link rows
with a recursive CTE. An agency without any link row falls back to its current parent on every
date. Every read runs a fixed number of queries, whatever the size of the tree.
"""
import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import BigIntegerField, Case, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from orgchart.core.dates import today
from orgchart.core.memo import memoized

# Loaded while `structure.models` loads (see `mptt_backend`): read at call time only.
from orgchart.structure import models as orm

from . import placements
from .backend import storage
from .intervals import covering_first


def _pending_sql() -> str:
    """A scheduled change that has become effective but is not yet in today's tree."""
    return "SELECT 1 FROM structure_changeevent e WHERE e.applied = %s AND e.effective_on <= %s"


@memoized
def is_current(day: dt.date) -> bool:
    """True when the tree (parents and positions' agencies) on `day` equals today's tree.
    One query: no link boundary between `day` and today, and no change awaiting application."""
    t = today()
    parts = [f"EXISTS ({_pending_sql()})"]
    params: list = [False, t]
    if day != t:
        lo, hi = min(day, t), max(day, t)
        for table in ("structure_agencylink", *placements.link_tables()):
            parts.append(
                f"EXISTS (SELECT 1 FROM {table} l WHERE (l.valid_from > %s AND l.valid_from <= %s)"
                " OR (l.valid_to >= %s AND l.valid_to < %s))"
            )
            params += [lo, hi, lo, hi]
    with connection.cursor() as cur:
        cur.execute("SELECT CASE WHEN " + " OR ".join(parts) + " THEN 1 ELSE 0 END", params)
        return not cur.fetchone()[0]


def _link_sql(alias: str = "l") -> str:
    return (
        f"({alias}.valid_from IS NULL OR {alias}.valid_from <= %s) AND ({alias}.valid_to IS NULL OR {alias}.valid_to >= %s)"
    )


def active_sql(alias: str = "a") -> str:
    return (
        f"({alias}.established_on IS NULL OR {alias}.established_on <= %s) "
        f"AND ({alias}.dissolved_on IS NULL OR {alias}.dissolved_on > %s)"
    )


def _edges_cte() -> str:
    """`edges(child, parent)` on a date (2 date parameters): link rows covering it, plus the
    current parent of agencies that have no link row at all."""
    return (
        "edges(child, parent) AS ("
        f" SELECT l.agency_id, l.parent_id FROM structure_agencylink l WHERE {_link_sql()} AND l.parent_id IS NOT NULL"
        " UNION ALL"
        " SELECT a.id, a.parent_id FROM structure_agency a WHERE a.parent_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM structure_agencylink x WHERE x.agency_id = a.id))"
    )


def _covering_parent(day: dt.date):
    """Subquery: the parent id of OuterRef('pk') on `day` from its link rows."""
    links = orm.AgencyLink.objects.filter(orm.AgencyLink.covering_q(day), agency_id=OuterRef("pk"))
    return Subquery(covering_first(links).values("parent_id")[:1])


def parents_on(agency_ids, day: dt.date) -> dict[int, int | None]:
    """{agency id: parent id on `day`} (None for a root or when it has no parent then)."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        return dict(orm.Agency.objects.filter(pk__in=ids).values_list("pk", "parent_id"))
    rows = (
        orm.Agency.objects.filter(pk__in=ids)
        .annotate(has_links=Exists(orm.AgencyLink.objects.filter(agency_id=OuterRef("pk"))),
                  on_day=_covering_parent(day))
        .values_list("pk", "parent_id", "has_links", "on_day")
    )
    result = dict.fromkeys(ids)
    for pk, current_parent, has_links, on_day in rows:
        result[pk] = on_day if has_links else current_parent
    return result


def children_on(parent_ids, day: dt.date, queryset=None) -> dict[int, list]:
    """{parent id: [active children on `day`, by code]} in one query."""
    ids = list(parent_ids)
    result: dict[int, list] = defaultdict(list)
    if not ids:
        return result
    Agency, AgencyLink = orm.Agency, orm.AgencyLink
    qs = (queryset if queryset is not None else Agency.objects.all()).filter(Agency.active_q(day))
    if is_current(day):
        for a in qs.filter(parent_id__in=ids).order_by("code"):
            result[a.parent_id].append(a)
        return result
    any_link = AgencyLink.objects.filter(agency_id=OuterRef("pk"))
    linked_here = AgencyLink.objects.filter(AgencyLink.covering_q(day), agency_id=OuterRef("pk"), parent_id__in=ids)
    qs = (
        qs.filter(Exists(linked_here) | (Q(parent_id__in=ids) & ~Exists(any_link)))
        .annotate(parent_on_day=Coalesce(_covering_parent(day), "parent_id", output_field=BigIntegerField()))
        .order_by("code")
    )
    for a in qs:
        result[a.parent_on_day].append(a)
    return result


def subtree_sql(root_ids, day: dt.date) -> tuple[str, list]:
    """SQL (and params) selecting `root, id` for every agency in the subtrees of `root_ids`
    on `day`, the roots included (root = id for them). Activity is not filtered here."""
    ids = [int(i) for i in root_ids]
    placeholders = ",".join(["%s"] * len(ids)) or "NULL"
    if is_current(day):
        return storage.subtree_pairs_sql(placeholders), ids
    # UNION (not UNION ALL): a cycle in bad link data ends the recursion instead of looping.
    sql = (
        f"WITH RECURSIVE {_edges_cte()}, sub(root, id) AS ("
        f" SELECT a.id, a.id FROM structure_agency a WHERE a.id IN ({placeholders})"
        " UNION"
        " SELECT sub.root, e.child FROM edges e JOIN sub ON e.parent = sub.id"
        ") SELECT root, id FROM sub"
    )
    return sql, [day, day, *ids]


def _ids_sql(root_id: int, day: dt.date, active_only: bool) -> tuple[str, list]:
    sql, params = subtree_sql([root_id], day)
    if active_only:
        return (f"SELECT s.id FROM ({sql}) s JOIN structure_agency a ON a.id = s.id WHERE {active_sql()}",
                [*params, day, day])
    return f"SELECT s.id FROM ({sql}) s", params


def subtree_ids(root_id: int, day: dt.date, active_only: bool = True) -> list[int]:
    """Ids of the agency and its whole subtree on `day` (optionally active ones only)."""
    sql, params = _ids_sql(root_id, day, active_only)
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [r[0] for r in cur.fetchall()]


def subtree_q(root, day: dt.date, prefix: str = "") -> Q:
    """A filter on agencies (or on `prefix`agency) for the subtree of `root` on `day`.
    Today: the backend's index (no subquery); otherwise `id IN (ids)` from the CTE."""
    if is_current(day):
        return storage.subtree_q(root, prefix)
    return Q(**{f"{prefix}pk__in": subtree_ids(root.pk, day, active_only=False)})


def subtree_expr(root, day: dt.date, active_only: bool = True):
    """The ids of `root`'s subtree on `day` (all agencies when root is None) as a subquery
    usable in `pk__in=` / `agency_id__in=`: no id list travels through Python, so it works
    for a subtree of any size. Costs at most the `is_current` query."""
    qs = orm.Agency.objects.all()
    if active_only:
        qs = qs.filter(orm.Agency.active_q(day))
    if root is None:
        return qs.values("pk")
    if is_current(day):
        return qs.filter(subtree_q(root, day)).values("pk")
    return RawSQL(*_ids_sql(root.pk, day, active_only))


def descendant_counts(agency_ids, day: dt.date) -> dict[int, int]:
    """{agency id: number of its active descendants on `day`} in one query."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        return storage.descendant_counts(ids, orm.Agency.active_q(day))
    sql, params = subtree_sql(ids, day)
    sql = (
        f"SELECT s.root, COUNT(*) FROM ({sql}) s JOIN structure_agency a ON a.id = s.id "
        f"WHERE s.id <> s.root AND {active_sql()} GROUP BY s.root"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*params, day, day])
        counts = dict(cur.fetchall())
    return {i: counts.get(i, 0) for i in ids}


def ancestors_on(agency_ids, day: dt.date) -> dict[int, list]:
    """{agency id: [ancestors from the root down to the parent]} on `day`, in ≤ 2 queries."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        return storage.ancestors(ids)
    placeholders = ",".join(["%s"] * len(ids))
    sql = (
        f"WITH RECURSIVE {_edges_cte()}, up(start, id, depth) AS ("
        f" SELECT e.child, e.parent, 1 FROM edges e WHERE e.child IN ({placeholders})"
        " UNION ALL"
        " SELECT up.start, e.parent, up.depth + 1 FROM edges e JOIN up ON e.child = up.id WHERE up.depth < 64"
        ") SELECT start, id, depth FROM up"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [day, day, *ids])
        rows = cur.fetchall()
    pool = orm.Agency.objects.in_bulk({r[1] for r in rows})
    result: dict[int, list] = {i: [] for i in ids}
    for start, anc, _depth in sorted(rows, key=lambda r: -r[2]):
        result[start].append(pool[anc])
    return result


def would_cycle(agency, new_parent, day: dt.date | None = None) -> bool:
    """True when making `new_parent` the parent of `agency` from `day` on creates a cycle on
    `day` or on any later date where a recorded (scheduled) parent change starts."""
    if new_parent is None:
        return False
    if new_parent.pk == agency.pk:
        return True
    day = day or today()
    later = set(
        orm.AgencyLink.objects.filter(valid_from__gt=day).values_list("valid_from", flat=True).distinct()[:50]
    )
    for d in sorted({day, *later}):
        if agency.pk in [a.pk for a in ancestors_on([new_parent.pk], d)[new_parent.pk]]:
            return True
    return False


def annotate_parent_on(qs, day: dt.date):
    """`qs` (agencies) annotated with `parent_on_date`, the parent id on `day` (no extra query)."""
    if is_current(day):
        return qs.annotate(parent_on_date=F("parent_id"))
    has_links = Exists(orm.AgencyLink.objects.filter(agency_id=OuterRef("pk")))
    return qs.annotate(parent_on_date=Case(
        When(has_links, then=_covering_parent(day)), default=F("parent_id"), output_field=BigIntegerField(),
    ))


def roots_on(day: dt.date) -> list:
    """Active agencies without an active parent on `day`, by code (≤ 3 queries)."""
    active = orm.Agency.objects.filter(orm.Agency.active_q(day))
    if is_current(day):
        # Today's tree is the tree of `day`: its parent column answers without reading all ids.
        orphan = Q(parent__isnull=True) | Q(parent__dissolved_on__lte=day) | Q(parent__established_on__gt=day)
        return list(active.filter(orphan).order_by("code"))
    ids = list(active.values_list("pk", flat=True))
    parents = parents_on(ids, day)
    active_ids = set(ids)
    root_ids = [pk for pk in ids if parents.get(pk) is None or parents[pk] not in active_ids]
    return list(orm.Agency.objects.filter(pk__in=root_ids).order_by("code"))


def positions_q(agency_ids, day, prefix: str = "position__"):
    """A filter on a relation to positions (`prefix` = "position__" for assignments, "" for
    positions): positions belonging to `agency_ids` (ids or a subquery) on `day`. No query
    beyond `is_current`."""
    return placements.positions_q(agency_ids, day, prefix, today_tree=is_current(day))


def positions_of(agency_ids, day):
    """[(position id, its agency id, leadership_role)] of the positions of `agency_ids` on `day`."""
    return placements.positions_of(agency_ids, day, today_tree=is_current(day))



# --- today's tree, in memory --------------------------------------------------------------------
CONTAIN_FIELDS = storage.contain_fields


def contains(root, agency) -> bool:
    """True when `agency` is `root` or below it in today's tree (both loaded with at least
    `CONTAIN_FIELDS`; no query)."""
    return storage.contains(root, agency)


def subtree_size(agency) -> int:
    """Agencies in `agency`'s subtree today, itself included (a size hint; no query)."""
    return storage.subtree_size(agency)
