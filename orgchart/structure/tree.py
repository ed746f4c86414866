"""The agency tree on any date — the one place that knows how the tree is stored.

MPTT (`Agency.parent`, lft/rght/tree_id) holds the tree as of today. `AgencyLink` rows hold
the parent of each agency over time. For a date on which no link starts or ends between
today and that date, the MPTT tree is the tree of that date and subtree reads use MPTT
ranges; otherwise the answer comes from the link rows with a recursive CTE. Callers never
touch lft/rght/tree_id or the link table directly.

Every function here runs a fixed number of queries, whatever the size of the tree.
"""
import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from orgchart.core.dates import today

from .models import Agency, AgencyLink


def _boundary_q(lo: dt.date, hi: dt.date) -> Q:
    """Intervals that hold on one of lo/hi but not the other (lo < hi)."""
    return Q(valid_from__gt=lo, valid_from__lte=hi) | Q(valid_to__gte=lo, valid_to__lt=hi)


def is_current(day: dt.date) -> bool:
    """True when the tree (parents and positions' agencies) on `day` equals the MPTT tree."""
    t = today()
    if day == t:
        return True
    lo, hi = min(day, t), max(day, t)
    from orgchart.positions.models import PositionLink

    q = _boundary_q(lo, hi)
    return not AgencyLink.objects.filter(q).exists() and not PositionLink.objects.filter(q).exists()


def _link_sql(day_param: str = "%s") -> str:
    return (
        f"(l.valid_from IS NULL OR l.valid_from <= {day_param}) AND (l.valid_to IS NULL OR l.valid_to >= {day_param})"
    )


def _active_sql(alias: str = "a") -> str:
    return (
        f"({alias}.established_on IS NULL OR {alias}.established_on <= %s) "
        f"AND ({alias}.dissolved_on IS NULL OR {alias}.dissolved_on > %s)"
    )


def parents_on(agency_ids, day: dt.date) -> dict[int, int | None]:
    """{agency id: parent id on `day`} (None for a root)."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        return dict(Agency.objects.filter(pk__in=ids).values_list("pk", "parent_id"))
    rows = AgencyLink.objects.filter(AgencyLink.covering_q(day), agency_id__in=ids).values_list("agency_id", "parent_id")
    result = dict.fromkeys(ids)
    result.update(dict(rows))
    return result


def children_on(parent_ids, day: dt.date, queryset=None) -> dict[int, list[Agency]]:
    """{parent id: [active children on `day`, by code]} in one query."""
    ids = list(parent_ids)
    result: dict[int, list[Agency]] = defaultdict(list)
    if not ids:
        return result
    qs = (queryset if queryset is not None else Agency.objects.all()).filter(Agency.active_q(day))
    if is_current(day):
        for a in qs.filter(parent_id__in=ids).order_by("code"):
            result[a.parent_id].append(a)
        return result
    links = AgencyLink.objects.filter(AgencyLink.covering_q(day), parent_id__in=ids)
    parent_of = dict(links.values_list("agency_id", "parent_id"))
    for a in qs.filter(pk__in=list(parent_of)).order_by("code"):
        result[parent_of[a.pk]].append(a)
    return result


def subtree_sql(root_ids, day: dt.date) -> tuple[str, list]:
    """SQL (and params) selecting `root, id` for every agency in the subtrees of `root_ids`
    on `day`, the roots included (root = id for them). Activity is not filtered here."""
    ids = [int(i) for i in root_ids]
    placeholders = ",".join(["%s"] * len(ids)) or "NULL"
    if is_current(day):
        sql = (
            "SELECT r.id AS root, d.id AS id FROM structure_agency r JOIN structure_agency d "
            "ON d.tree_id = r.tree_id AND d.lft >= r.lft AND d.rght <= r.rght "
            f"WHERE r.id IN ({placeholders})"
        )
        return sql, ids
    sql = (
        "WITH RECURSIVE sub(root, id) AS ("
        f" SELECT a.id, a.id FROM structure_agency a WHERE a.id IN ({placeholders})"
        " UNION ALL"
        " SELECT sub.root, l.agency_id FROM structure_agencylink l JOIN sub ON l.parent_id = sub.id"
        f" WHERE {_link_sql()}"
        ") SELECT root, id FROM sub"
    )
    return sql, [*ids, day, day]


def subtree_ids(root_id: int, day: dt.date, active_only: bool = True) -> list[int]:
    """Ids of the agency and its whole subtree on `day` (optionally active ones only)."""
    sql, params = subtree_sql([root_id], day)
    if active_only:
        sql = f"SELECT s.id FROM ({sql}) s JOIN structure_agency a ON a.id = s.id WHERE {_active_sql()}"
        params = [*params, day, day]
    else:
        sql = f"SELECT s.id FROM ({sql}) s"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [r[0] for r in cur.fetchall()]


def subtree_q(root: Agency, day: dt.date, prefix: str = "") -> Q:
    """A filter on agencies (or on `prefix`agency) for the subtree of `root` on `day`.
    Today: an MPTT range (no subquery); otherwise `id IN (ids)` from the CTE."""
    if is_current(day):
        return Q(**{f"{prefix}tree_id": root.tree_id, f"{prefix}lft__gte": root.lft, f"{prefix}rght__lte": root.rght})
    return Q(**{f"{prefix}pk__in": subtree_ids(root.pk, day, active_only=False)})


def descendant_counts(agency_ids, day: dt.date) -> dict[int, int]:
    """{agency id: number of its active descendants on `day`} in one query."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        inner = (
            Agency.objects.filter(Agency.active_q(day), tree_id=OuterRef("tree_id"), lft__gt=OuterRef("lft"), rght__lt=OuterRef("rght"))
            .order_by()
            .values("tree_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = Agency.objects.filter(pk__in=ids).annotate(n=Coalesce(Subquery(inner), 0)).values_list("pk", "n")
        return dict(rows)
    sql, params = subtree_sql(ids, day)
    sql = (
        f"SELECT s.root, COUNT(*) FROM ({sql}) s JOIN structure_agency a ON a.id = s.id "
        f"WHERE s.id <> s.root AND {_active_sql()} GROUP BY s.root"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*params, day, day])
        counts = dict(cur.fetchall())
    return {i: counts.get(i, 0) for i in ids}


def ancestors_on(agency_ids, day: dt.date) -> dict[int, list[Agency]]:
    """{agency id: [ancestors from the root down to the parent]} on `day`, in ≤ 2 queries."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        targets = list(Agency.objects.filter(pk__in=ids).only("pk", "tree_id", "lft", "rght"))
        q = Q(pk__in=[])
        for t in targets:
            q |= Q(tree_id=t.tree_id, lft__lt=t.lft, rght__gt=t.rght)
        pool = list(Agency.objects.filter(q).order_by("lft")) if targets else []
        return {
            t.pk: [a for a in pool if a.tree_id == t.tree_id and a.lft < t.lft and a.rght > t.rght] for t in targets
        }
    placeholders = ",".join(["%s"] * len(ids))
    sql = (
        "WITH RECURSIVE up(start, id, depth) AS ("
        f" SELECT l.agency_id, l.parent_id, 1 FROM structure_agencylink l WHERE l.agency_id IN ({placeholders})"
        f" AND {_link_sql()} AND l.parent_id IS NOT NULL"
        " UNION ALL"
        " SELECT up.start, l.parent_id, up.depth + 1 FROM structure_agencylink l JOIN up ON l.agency_id = up.id"
        f" WHERE {_link_sql()} AND l.parent_id IS NOT NULL AND up.depth < 64"
        ") SELECT start, id, depth FROM up"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*ids, day, day, day, day])
        rows = cur.fetchall()
    pool = Agency.objects.in_bulk({r[1] for r in rows})
    result: dict[int, list[Agency]] = {i: [] for i in ids}
    for start, anc, depth in sorted(rows, key=lambda r: -r[2]):
        result[start].append(pool[anc])
    return result


def would_cycle(agency: Agency, new_parent: Agency | None, day: dt.date | None = None) -> bool:
    """True when making `new_parent` the parent of `agency` (on `day`) creates a cycle."""
    if new_parent is None:
        return False
    if new_parent.pk == agency.pk:
        return True
    return agency.pk in [a.pk for a in ancestors_on([new_parent.pk], day or today())[new_parent.pk]]


def set_parent(agency: Agency, parent: Agency | None, *, valid_from: dt.date | None = None, change_event=None):
    """Record `parent` as the agency's parent from `valid_from` on (None: a correction of the
    open interval, no history), and keep MPTT in step when the change holds today."""
    open_link = AgencyLink.objects.filter(agency=agency, valid_to__isnull=True).order_by("-valid_from").first()
    if open_link is None:
        AgencyLink.objects.create(agency=agency, parent=parent, valid_from=valid_from, change_event=change_event)
    elif valid_from is None or (open_link.valid_from is not None and open_link.valid_from >= valid_from):
        if open_link.parent_id != (parent.pk if parent else None):
            open_link.parent = parent
            open_link.change_event = change_event or open_link.change_event
            open_link.save()
    elif open_link.parent_id != (parent.pk if parent else None):
        open_link.valid_to = valid_from - dt.timedelta(days=1)
        open_link.save()
        AgencyLink.objects.create(agency=agency, parent=parent, valid_from=valid_from, change_event=change_event)
    if valid_from is None or valid_from <= today():
        sync_mptt_parent(agency, parent)


def sync_mptt_parent(agency: Agency, parent: Agency | None):
    """Make the MPTT (current) parent `parent`; MPTT refuses moves into the agency's own subtree."""
    if agency.parent_id != (parent.pk if parent else None):
        agency.parent = parent
        agency.save()
