"""The agency tree on any date — the one place that knows how the tree is stored.

MPTT (`Agency.parent`, lft/rght/tree_id) holds the tree as of today. `AgencyLink` rows hold
the parent of each agency over time and `PositionLink` rows the agency of each position. For a
date on which no link starts or ends between today and that date (and when no scheduled change
awaits `apply_scheduled_changes`), the MPTT tree is the tree of that date and subtree reads use
MPTT ranges; otherwise the answer comes from the link rows with a recursive CTE. An agency (or a
position) without any link row falls back to its MPTT parent (its `agency`) on every date.
Callers never touch lft/rght/tree_id or the link tables directly.

Every read here runs a fixed number of queries, whatever the size of the tree. Writes
(`set_parent`, `set_position_agency`, `apply_current`) must run inside `transaction.atomic()`
after `lock_tree()`.
"""
import contextlib
import contextvars
import datetime as dt
from collections import defaultdict

from django.db import connection
from django.db.models import BigIntegerField, Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.db.models.query_utils import DeferredAttribute
from mptt.exceptions import InvalidMove

from orgchart.core.dates import today
from orgchart.core.memo import memoized

from .models import Agency, AgencyLink

# True while this module moves MPTT nodes itself (the link rows are already right then).
_writing: contextvars.ContextVar[bool] = contextvars.ContextVar("orgchart_tree_writing", default=False)


@contextlib.contextmanager
def _tree_writes():
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


def on_agency_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of Agency: a parent changed outside this module (admin form, import) is
    recorded as a correction of the agency's open link, so link rows and MPTT never disagree
    (and `apply_current` never undoes such an edit)."""
    # Agency.save() notes the parent as loaded before MPTT moves the node (no per-instance hook
    # on every agency read).
    old = getattr(instance, "_parent_before_save", None)
    if old is DeferredAttribute:
        return
    if raw or created or _writing.get() or old == instance.parent_id:
        return
    if AgencyLink.objects.filter(agency_id=instance.pk).exists():
        with _tree_writes():
            set_intervals(AgencyLink, "agency_id", [instance.pk], "parent_id", instance.parent_id, None)


# Key of the PostgreSQL advisory lock serialising tree writes ("ORGTREE" in ASCII).
TREE_LOCK_KEY = 0x4F5247545245


def lock_tree():
    """Serialise tree writes until the end of the current transaction. PostgreSQL: a
    transaction-level advisory lock; SQLite: the IMMEDIATE transaction already holds the
    database write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])


def _boundary_q(lo: dt.date, hi: dt.date) -> Q:
    """Intervals that hold on one of lo/hi but not the other (lo < hi)."""
    return Q(valid_from__gt=lo, valid_from__lte=hi) | Q(valid_to__gte=lo, valid_to__lt=hi)


def _pending_sql() -> str:
    """A scheduled change that has become effective but is not yet in MPTT."""
    return "SELECT 1 FROM structure_changeevent e WHERE e.applied = %s AND e.effective_on <= %s"


@memoized
def is_current(day: dt.date) -> bool:
    """True when the tree (parents and positions' agencies) on `day` equals the MPTT tree.
    One query: no link boundary between `day` and today, and no change awaiting application."""
    t = today()
    parts = [f"EXISTS ({_pending_sql()})"]
    params: list = [False, t]
    if day != t:
        lo, hi = min(day, t), max(day, t)
        for table in ("structure_agencylink", "positions_positionlink"):
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


def _active_sql(alias: str = "a") -> str:
    return (
        f"({alias}.established_on IS NULL OR {alias}.established_on <= %s) "
        f"AND ({alias}.dissolved_on IS NULL OR {alias}.dissolved_on > %s)"
    )


def _edges_cte() -> tuple[str, int]:
    """`edges(child, parent)` on a date: link rows covering it, plus the MPTT parent of agencies
    that have no link row at all. Returns (SQL, number of date parameters)."""
    sql = (
        "edges(child, parent) AS ("
        f" SELECT l.agency_id, l.parent_id FROM structure_agencylink l WHERE {_link_sql()} AND l.parent_id IS NOT NULL"
        " UNION ALL"
        " SELECT a.id, a.parent_id FROM structure_agency a WHERE a.parent_id IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM structure_agencylink x WHERE x.agency_id = a.id))"
    )
    return sql, 2


def _covering_parent(day: dt.date):
    """Subquery: the parent id of OuterRef('pk') on `day` from its link rows."""
    return Subquery(
        AgencyLink.objects.filter(AgencyLink.covering_q(day), agency_id=OuterRef("pk"))
        .order_by(F("valid_from").desc(nulls_last=True))
        .values("parent_id")[:1]
    )


def parents_on(agency_ids, day: dt.date) -> dict[int, int | None]:
    """{agency id: parent id on `day`} (None for a root or when it has no parent then)."""
    ids = list(agency_ids)
    if not ids:
        return {}
    if is_current(day):
        return dict(Agency.objects.filter(pk__in=ids).values_list("pk", "parent_id"))
    rows = (
        Agency.objects.filter(pk__in=ids)
        .annotate(has_links=Exists(AgencyLink.objects.filter(agency_id=OuterRef("pk"))), on_day=_covering_parent(day))
        .values_list("pk", "parent_id", "has_links", "on_day")
    )
    result = dict.fromkeys(ids)
    for pk, mptt_parent, has_links, on_day in rows:
        result[pk] = on_day if has_links else mptt_parent
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
        sql = (
            "SELECT r.id AS root, d.id AS id FROM structure_agency r JOIN structure_agency d "
            "ON d.tree_id = r.tree_id AND d.lft >= r.lft AND d.rght <= r.rght "
            f"WHERE r.id IN ({placeholders})"
        )
        return sql, ids
    edges, _ = _edges_cte()
    # UNION (not UNION ALL): a cycle in bad link data ends the recursion instead of looping.
    sql = (
        f"WITH RECURSIVE {edges}, sub(root, id) AS ("
        f" SELECT a.id, a.id FROM structure_agency a WHERE a.id IN ({placeholders})"
        " UNION"
        " SELECT sub.root, e.child FROM edges e JOIN sub ON e.parent = sub.id"
        ") SELECT root, id FROM sub"
    )
    return sql, [day, day, *ids]


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
    edges, _ = _edges_cte()
    sql = (
        f"WITH RECURSIVE {edges}, up(start, id, depth) AS ("
        f" SELECT e.child, e.parent, 1 FROM edges e WHERE e.child IN ({placeholders})"
        " UNION ALL"
        " SELECT up.start, e.parent, up.depth + 1 FROM edges e JOIN up ON e.child = up.id WHERE up.depth < 64"
        ") SELECT start, id, depth FROM up"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [day, day, *ids])
        rows = cur.fetchall()
    pool = Agency.objects.in_bulk({r[1] for r in rows})
    result: dict[int, list[Agency]] = {i: [] for i in ids}
    for start, anc, _depth in sorted(rows, key=lambda r: -r[2]):
        result[start].append(pool[anc])
    return result


def would_cycle(agency: Agency, new_parent: Agency | None, day: dt.date | None = None) -> bool:
    """True when making `new_parent` the parent of `agency` from `day` on creates a cycle on
    `day` or on any later date where a recorded (scheduled) parent change starts."""
    if new_parent is None:
        return False
    if new_parent.pk == agency.pk:
        return True
    day = day or today()
    later = set(
        AgencyLink.objects.filter(valid_from__gt=day).values_list("valid_from", flat=True).distinct()[:50]
    )
    for d in sorted({day, *later}):
        if agency.pk in [a.pk for a in ancestors_on([new_parent.pk], d)[new_parent.pk]]:
            return True
    return False


# --- writes ----------------------------------------------------------------------------------
def ensure_links(agencies=None):
    """Give every agency (or the given ones) without a link row an open link with its MPTT
    parent, so its history starts being recorded. Positions likewise. Returns rows created."""
    from orgchart.positions.models import JobPosition, PositionLink

    qs = Agency.objects.filter(~Exists(AgencyLink.objects.filter(agency_id=OuterRef("pk"))))
    pqs = JobPosition.objects.filter(~Exists(PositionLink.objects.filter(position_id=OuterRef("pk"))))
    if agencies is not None:
        ids = [a.pk for a in agencies]
        qs = qs.filter(pk__in=ids)
        pqs = pqs.filter(agency_id__in=ids)
    links = [AgencyLink(agency_id=pk, parent_id=parent, valid_from=None) for pk, parent in qs.values_list("pk", "parent_id")]
    plinks = [PositionLink(position_id=pk, agency_id=ag, valid_from=None) for pk, ag in pqs.values_list("pk", "agency_id")]
    AgencyLink.objects.bulk_create(links)
    PositionLink.objects.bulk_create(plinks)
    return len(links) + len(plinks)


def set_intervals(model, owner_field: str, owner_ids, value_field: str, value_id, valid_from, change_event=None) -> int:
    """For each owner: from `valid_from` on (None: the open interval, a correction without
    history), `value_field` = value_id until the owner's next recorded change — the row covering
    valid_from is split there. Bulk: 1 read + 1 update + 1 insert (history included) whatever
    the number of owners. Returns the number of owners whose value changed."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    ids = list(owner_ids)
    if not ids:
        return 0
    by_owner = defaultdict(list)
    for r in model.objects.select_for_update().filter(**{f"{owner_field}__in": ids}).order_by(
        F("valid_from").asc(nulls_first=True), "pk"
    ):
        by_owner[getattr(r, owner_field)].append(r)
    updates, creates = [], []

    def new_row(owner, start, end):
        creates.append(model(**{owner_field: owner, value_field: value_id, "valid_from": start, "valid_to": end,
                                "change_event": change_event}))

    for owner in ids:
        rows = by_owner.get(owner, [])
        if valid_from is None:
            open_rows = [r for r in rows if r.valid_to is None]
            if not open_rows:
                new_row(owner, None, None)
            elif getattr(open_rows[-1], value_field) != value_id:
                row = open_rows[-1]
                setattr(row, value_field, value_id)
                row.change_event = change_event or row.change_event
                updates.append(row)
            continue
        covering = [r for r in rows if (r.valid_from is None or r.valid_from <= valid_from)
                    and (r.valid_to is None or r.valid_to >= valid_from)]
        if not covering:
            later = [r.valid_from for r in rows if r.valid_from is not None and r.valid_from > valid_from]
            new_row(owner, valid_from, min(later) - dt.timedelta(days=1) if later else None)
            continue
        row = covering[-1]
        if getattr(row, value_field) == value_id:
            continue
        if row.valid_from == valid_from:
            setattr(row, value_field, value_id)
            row.change_event = change_event
            updates.append(row)
            continue
        end = row.valid_to
        row.valid_to = valid_from - dt.timedelta(days=1)
        updates.append(row)
        new_row(owner, valid_from, end)
    if updates:
        bulk_update_with_history(updates, model, [value_field, "valid_to", "change_event"], batch_size=500)
    if creates:
        bulk_create_with_history(creates, model, batch_size=500)
    changed = {getattr(r, owner_field) for r in updates} | {getattr(r, owner_field) for r in creates}
    return len(changed)


def close_from(model, owner_field: str, owner_id: int, day: dt.date):
    """End on day − 1 the owner's interval that covers `day` (rows starting on or after `day`
    are left alone: history is never deleted)."""
    for row in model.objects.select_for_update().filter(**{owner_field: owner_id}):
        if (row.valid_from is None or row.valid_from < day) and (row.valid_to is None or row.valid_to >= day):
            row.valid_to = day - dt.timedelta(days=1)
            row.save()


def set_parent(agency: Agency, parent: Agency | None, *, valid_from: dt.date | None = None, change_event=None):
    """Record `parent` as the agency's parent from `valid_from` until the next recorded change
    (None: a correction of the open interval, no history), and keep MPTT in step when the
    change holds today."""
    lock_tree()
    set_intervals(AgencyLink, "agency_id", [agency.pk], "parent_id", parent.pk if parent else None, valid_from, change_event)
    if valid_from is None or valid_from <= today():
        apply_current([agency.pk])


def set_position_agency(position, agency: Agency, *, valid_from: dt.date | None = None, change_event=None):
    """Record `agency` as the position's agency from `valid_from` until the next recorded change;
    `JobPosition.agency` follows when the change holds today."""
    set_positions_agency([position.pk], agency, valid_from=valid_from, change_event=change_event)
    position.refresh_from_db(fields=["agency"])


def set_positions_agency(position_ids, agency: Agency, *, valid_from: dt.date | None = None, change_event=None) -> int:
    """Bulk `set_position_agency` (fixed number of queries); returns positions changed."""
    from orgchart.positions.models import PositionLink

    ids = list(position_ids)
    n = set_intervals(PositionLink, "position_id", ids, "agency_id", agency.pk, valid_from, change_event)
    if ids and (valid_from is None or valid_from <= today()):
        _sync_positions(Q(position_id__in=ids))
    return n


def _sync_positions(scope: Q | None = None) -> int:
    """JobPosition.agency := the agency of the link covering today (positions with one); one
    indexed join finds the positions that differ. `scope`: a Q on PositionLink."""
    from orgchart.positions.models import JobPosition, PositionLink

    links = PositionLink.objects.filter(PositionLink.covering_q(today())).exclude(agency_id=F("position__agency_id"))
    if scope is not None:
        links = links.filter(scope)
    changes = list(links.values_list("position_id", "agency_id"))
    by_agency = defaultdict(list)
    for pk, agency_id in changes:
        by_agency[agency_id].append(pk)
    for agency_id, pks in by_agency.items():
        JobPosition.objects.filter(pk__in=pks).update(agency_id=agency_id)
    return len(changes)


def sync_mptt_parent(agency: Agency, parent: Agency | None):
    """Make the MPTT (current) parent `parent` (positions read fresh from the database, so a
    stale instance never corrupts lft/rght); MPTT refuses moves into the agency's own subtree."""
    fresh = Agency.objects.get(pk=agency.pk)
    if fresh.parent_id != (parent.pk if parent else None):
        fresh.parent = Agency.objects.get(pk=parent.pk) if parent else None
        with _tree_writes():
            fresh.save()
    agency.parent_id = fresh.parent_id
    for f in ("lft", "rght", "tree_id", "mptt_level"):
        setattr(agency, f, getattr(fresh, f))


# Above this many moved agencies, one MPTT rebuild is cheaper than node-by-node moves.
REBUILD_THRESHOLD = 25


def apply_current(agency_ids=None) -> dict:
    """Make MPTT parents and `JobPosition.agency` equal to the link rows that hold today
    (for all agencies, or those given), and mark effective change events applied.
    Idempotent; returns counts. Call inside transaction.atomic() after lock_tree()."""
    from orgchart.core import memo

    lock_tree()
    t = today()
    # One indexed join: links holding today whose parent differs from the MPTT parent.
    differs = (
        Q(parent__isnull=True, agency__parent__isnull=False) | Q(parent__isnull=False, agency__parent__isnull=True)
        | (Q(parent__isnull=False, agency__parent__isnull=False) & ~Q(parent_id=F("agency__parent_id")))
    )
    links = AgencyLink.objects.filter(AgencyLink.covering_q(t)).filter(differs)
    if agency_ids is not None:
        links = links.filter(agency_id__in=list(agency_ids))
    wanted = dict(links.values_list("agency_id", "parent_id"))
    moved = 0
    if wanted:
        rebuild = len(wanted) > REBUILD_THRESHOLD
        if not rebuild:
            try:
                for pk, parent_id in wanted.items():
                    sync_mptt_parent(Agency(pk=pk), Agency(pk=parent_id) if parent_id else None)
            except InvalidMove:  # moves that only make sense together (swapped levels): rebuild
                rebuild = True
        if rebuild:
            for pk, parent_id in wanted.items():
                Agency.objects.filter(pk=pk).update(parent_id=parent_id)
            _check_acyclic()
            Agency.objects.rebuild()
        moved = len(wanted)
    pos = None
    if agency_ids is not None:
        pos = Q(agency_id__in=list(agency_ids)) | Q(position__agency_id__in=list(agency_ids))
    n_positions = _sync_positions(pos)
    from .models import ChangeEvent

    applied = ChangeEvent.objects.filter(applied=False, effective_on__lte=t)
    renames = list(applied.filter(kind=ChangeEvent.Kind.RENAME))
    for ev in renames:
        after = (ev.details or {}).get("after", {})
        for res in ev.results.all():
            for field in ("name", "short_name"):
                if field in after:
                    setattr(res, field, after[field])
            res.save()
    n_events = applied.update(applied=True)
    memo.clear()
    return {"agencies_moved": moved, "positions_moved": n_positions, "events_applied": n_events}


def _check_acyclic():
    """Refuse to rebuild MPTT from parent ids that contain a cycle (one query)."""
    parent_of = dict(Agency.objects.values_list("pk", "parent_id"))
    state: dict[int, int] = {}
    for start in parent_of:
        path = []
        node = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parent_of.get(node)
        if node is not None and state.get(node) == 1 and node in path:
            raise ValueError(f"cycle in agency parents through id {node}")
        for p in path:
            state[p] = 2


def positions_of(agency_ids, day: dt.date) -> list[tuple[int, int, str]]:
    """[(position id, its agency id, leadership_role)] for the positions belonging to
    `agency_ids` (ids, or a subquery of ids such as `subtree_expr`) on `day`, in ≤ 2 queries
    (positions without link rows use their agency)."""
    from orgchart.positions.models import JobPosition, PositionLink

    ids = agency_ids if hasattr(agency_ids, "resolve_expression") else list(agency_ids)
    if isinstance(ids, list) and not ids:
        return []
    if is_current(day):
        return list(JobPosition.objects.filter(agency_id__in=ids).values_list("pk", "agency_id", "leadership_role"))
    rows = list(
        PositionLink.objects.filter(PositionLink.covering_q(day), agency_id__in=ids)
        .values_list("position_id", "agency_id", "position__leadership_role")
    )
    rows += list(
        JobPosition.objects.filter(agency_id__in=ids)
        .filter(~Exists(PositionLink.objects.filter(position_id=OuterRef("pk"))))
        .values_list("pk", "agency_id", "leadership_role")
    )
    return rows


def positions_q(agency_ids, day: dt.date, prefix: str = "position__") -> Q:
    """A filter on a relation to positions (`prefix` = "position__" for assignments, "" for
    positions): positions belonging to `agency_ids` (ids or a subquery) on `day`. No query."""
    from orgchart.positions.models import PositionLink

    if is_current(day):
        return Q(**{f"{prefix}agency_id__in": agency_ids})
    linked = PositionLink.objects.filter(PositionLink.covering_q(day), agency_id__in=agency_ids).values("position_id")
    no_links = ~Exists(PositionLink.objects.filter(position_id=OuterRef(f"{prefix}pk" if prefix else "pk")))
    return Q(**{f"{prefix}pk__in": linked}) | (Q(**{f"{prefix}agency_id__in": agency_ids}) & Q(no_links))


def subtree_expr(root: Agency | None, day: dt.date, active_only: bool = True):
    """The ids of `root`'s subtree on `day` (all agencies when root is None) as a subquery
    usable in `pk__in=` / `agency_id__in=`: no id list travels through Python, so it works
    for a subtree of any size. Costs at most the `is_current` query."""
    from django.db.models.expressions import RawSQL

    qs = Agency.objects.all()
    if active_only:
        qs = qs.filter(Agency.active_q(day))
    if root is None:
        return qs.values("pk")
    if is_current(day):
        return qs.filter(subtree_q(root, day)).values("pk")
    sql, params = subtree_sql([root.pk], day)
    if active_only:
        sql = f"SELECT s.id FROM ({sql}) s JOIN structure_agency a ON a.id = s.id WHERE {_active_sql()}"
        params = [*params, day, day]
    else:
        sql = f"SELECT s.id FROM ({sql}) s"
    return RawSQL(sql, params)


def annotate_parent_on(qs, day: dt.date):
    """`qs` (agencies) annotated with `parent_on_date`, the parent id on `day` (no extra query)."""
    if is_current(day):
        return qs.annotate(parent_on_date=F("parent_id"))
    has_links = Exists(AgencyLink.objects.filter(agency_id=OuterRef("pk")))
    return qs.annotate(parent_on_date=Case(
        When(has_links, then=_covering_parent(day)), default=F("parent_id"), output_field=BigIntegerField(),
    ))


def roots_on(day: dt.date) -> list[Agency]:
    """Active agencies without an active parent on `day`, by code (≤ 3 queries)."""
    active = Agency.objects.filter(Agency.active_q(day))
    if is_current(day):
        # The current tree is the tree of `day`: its parent column answers without reading all ids.
        orphan = Q(parent__isnull=True) | Q(parent__dissolved_on__lte=day) | Q(parent__established_on__gt=day)
        return list(active.filter(orphan).order_by("code"))
    ids = list(active.values_list("pk", flat=True))
    parents = parents_on(ids, day)
    active_ids = set(ids)
    root_ids = [pk for pk in ids if parents.get(pk) is None or parents[pk] not in active_ids]
    return list(Agency.objects.filter(pk__in=root_ids).order_by("code"))
