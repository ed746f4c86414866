"""Writes to the tree. Every write runs inside `transaction.atomic()` after `lock_tree()`:
interval rows first (the record of every date), then today's tree follows them
(`apply_current`). History is never deleted."""
import datetime as dt

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q

from orgchart.core import memo
from orgchart.core.dates import today

# Loaded while `structure.models` loads (see `mptt_backend`): read at call time only.
from orgchart.structure import models as orm

from . import placements
from .backend import storage
from .intervals import correct_open, set_intervals
from .storage import UNKNOWN, InvalidMove, tree_writes, writing

# Key of the PostgreSQL advisory lock serialising tree writes ("ORGTREE" in ASCII).
TREE_LOCK_KEY = 0x4F5247545245
# Above this many moved agencies, one rebuild is cheaper than node-by-node moves.
REBUILD_THRESHOLD = 25


def lock_tree():
    """Serialise tree writes until the end of the current transaction. PostgreSQL: a
    transaction-level advisory lock; SQLite: the IMMEDIATE transaction already holds the
    database write lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [TREE_LOCK_KEY])


def on_agency_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of Agency: a parent changed outside this package (admin form, import) is
    recorded as a correction of the agency's open link, so link rows and today's tree never
    disagree (and `apply_current` never undoes such an edit)."""
    # The parent as loaded before the backend moved the node (noted by Node.save).
    old = getattr(instance, "_parent_before_save", None)
    if old is UNKNOWN or raw or created or writing() or old == instance.parent_id:
        return
    if orm.AgencyLink.objects.filter(agency_id=instance.pk).exists():
        with tree_writes():
            set_intervals(orm.AgencyLink, "agency_id", [instance.pk], "parent_id", instance.parent_id, None)


def ensure_links(agencies=None) -> int:
    """Give every agency (or the given ones) without a link row an open link with its current
    parent, so its history starts being recorded; positions likewise. Returns rows created."""
    Agency, AgencyLink = orm.Agency, orm.AgencyLink
    qs = Agency.objects.filter(~Exists(AgencyLink.objects.filter(agency_id=OuterRef("pk"))))
    ids = None
    if agencies is not None:
        ids = [a.pk for a in agencies]
        qs = qs.filter(pk__in=ids)
    links = [AgencyLink(agency_id=pk, parent_id=parent, valid_from=None) for pk, parent in qs.values_list("pk", "parent_id")]
    AgencyLink.objects.bulk_create(links)
    return len(links) + placements.ensure(ids)


def set_parents(agency_ids, parent_id: int | None, *, valid_from: dt.date | None = None, change_event=None) -> int:
    """Record `parent_id` as the parent of these agencies from `valid_from` until each one's
    next recorded change (None: a correction of the open interval). Bulk; today's tree follows
    on the next `apply_current`. Returns agencies whose parent changed."""
    return set_intervals(orm.AgencyLink, "agency_id", agency_ids, "parent_id", parent_id, valid_from, change_event)


def set_parent(agency, parent, *, valid_from: dt.date | None = None, change_event=None):
    """Record `parent` as the agency's parent from `valid_from` (see `set_parents`) and keep
    today's tree in step when the change holds today."""
    lock_tree()
    set_parents([agency.pk], parent.pk if parent else None, valid_from=valid_from, change_event=change_event)
    if valid_from is None or valid_from <= today():
        apply_current([agency.pk])


def repoint_later_children(source, target, day: dt.date, change_event):
    """Parent links to `source` starting after `day` point at `target` (scheduled moves into an
    agency that a change absorbs on `day`)."""
    orm.AgencyLink.objects.filter(parent=source, valid_from__gt=day).update(parent=target, change_event=change_event)


def correct_parents(pairs: list[tuple[int, int | None]], reason: str):
    """pairs: [(agency id, parent id)]: corrections of each agency's open link row (bulk
    writers such as imports; call `rebuild()` after changing parents in bulk)."""
    correct_open(orm.AgencyLink, "agency", "parent", pairs, reason)


def rebuild():
    """Today's tree recomputed from the parent pointers (refused when they contain a cycle)."""
    _check_acyclic()
    storage.rebuild()
    memo.clear()


def _check_acyclic():
    """Refuse to rebuild from parent ids that contain a cycle (one query)."""
    parent_of = dict(orm.Agency.objects.values_list("pk", "parent_id"))
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


def _differing_parents(agency_ids) -> dict[int, int | None]:
    """{agency: parent} of the links holding today whose parent differs from today's tree."""
    differs = (
        Q(parent__isnull=True, agency__parent__isnull=False) | Q(parent__isnull=False, agency__parent__isnull=True)
        | (Q(parent__isnull=False, agency__parent__isnull=False) & ~Q(parent_id=F("agency__parent_id")))
    )
    links = orm.AgencyLink.objects.filter(orm.AgencyLink.covering_q(today())).filter(differs)
    if agency_ids is not None:
        links = links.filter(agency_id__in=list(agency_ids))
    return dict(links.values_list("agency_id", "parent_id"))


def _move_current(wanted: dict[int, int | None]):
    rebuild_all = len(wanted) > REBUILD_THRESHOLD
    if not rebuild_all:
        try:
            for pk, parent_id in wanted.items():
                storage.move(pk, parent_id)
        except InvalidMove:  # moves that only make sense together (swapped levels): rebuild
            rebuild_all = True
    if rebuild_all:
        for pk, parent_id in wanted.items():
            orm.Agency.objects.filter(pk=pk).update(parent_id=parent_id)
        rebuild()


def _apply_due_events() -> int:
    """Change events effective today or earlier are now part of today's tree: due renames take
    effect and the events are marked applied."""
    applied = orm.ChangeEvent.objects.filter(applied=False, effective_on__lte=today())
    for ev in applied.filter(kind=orm.ChangeEvent.Kind.RENAME):
        after = (ev.details or {}).get("after", {})
        for res in ev.results.all():
            for field in ("name", "short_name"):
                if field in after:
                    setattr(res, field, after[field])
            res.save()
    return applied.update(applied=True)


def apply_current(agency_ids=None) -> dict:
    """Make today's tree and `JobPosition.agency` equal to the link rows that hold today (for
    all agencies, or those given), and mark effective change events applied. Idempotent;
    returns counts. Call inside transaction.atomic() after lock_tree()."""
    lock_tree()
    wanted = _differing_parents(agency_ids)
    if wanted:
        _move_current(wanted)
    scope = placements.sync_scope(agency_ids) if agency_ids is not None else None
    n_positions = placements.sync(scope)
    n_events = _apply_due_events()
    memo.clear()
    return {"agencies_moved": len(wanted), "positions_moved": n_positions, "events_applied": n_events}
