"""Positions in the tree: the agency of a position on a date — defined once, here.

A package whose rows are placed in agencies over time (positions: `PositionLink` rows of
[valid_from, valid_to] → agency, and `JobPosition.agency` for today) registers its link model
with `register()` from its AppConfig, so the tree never imports it.

**The agency of position P on D**: the agency of P's link row covering D — when bad data has
several, the latest starting, then the latest written; a position without any link row: its
current agency; a position whose link rows all miss D: none (it was in no agency then). The
same rule in SQL (`position_agency_sql`), as an ORM expression (`position_agency`), as a
filter (`positions_q`) and in memory (`agency_of`); tests hold them to the same answers.
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BigIntegerField, Case, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from orgchart.core import memo
from orgchart.core.dates import today

from .intervals import correct_open, covering_first, set_intervals


@dataclass(frozen=True)
class _Placements:
    link: type  # the link model: <member>, agency, valid_from, valid_to, change_event
    member: str  # its foreign key to the placed rows (whose `agency` is the current one)

    @property
    def member_model(self):
        return self.link._meta.get_field(self.member).related_model

    @property
    def member_id(self) -> str:
        return f"{self.member}_id"


_registered: list[_Placements] = []


def register(link_model, member: str = "position"):
    """Declare `link_model` as the placements of `member` rows in agencies (once, from the
    member package's AppConfig.ready). Writes to it forget the per-request tree memo."""
    spec = _Placements(link_model, member)
    if spec not in _registered:
        _registered.append(spec)
    for signal in (post_save, post_delete):
        signal.connect(_forget, sender=link_model, dispatch_uid=f"tree-memo-{link_model._meta.label}-{signal}",
                       weak=False)


def _forget(**kwargs):
    memo.clear()


def _spec() -> _Placements:
    if not _registered:
        raise LookupError("no placements registered (the positions app registers PositionLink when ready)")
    return _registered[0]


def link_tables() -> list[str]:
    return [s.link._meta.db_table for s in _registered]


# --- the rule, four ways ------------------------------------------------------------------------
def _best(day: dt.date, ref: str):
    s = _spec()
    links = s.link.objects.filter(s.link.covering_q(day), **{s.member_id: OuterRef(ref)})
    return covering_first(links)


def position_agency(day: dt.date, ref: str = "pk", current: str = "agency_id"):
    """ORM expression: the agency on `day` of the position OuterRef(`ref`) whose current agency
    is the field `current` of the outer query."""
    s = _spec()
    no_links = ~Exists(s.link.objects.filter(**{s.member_id: OuterRef(ref)}))
    return Coalesce(
        Subquery(_best(day, ref).values("agency_id")[:1]),
        Case(When(no_links, then=F(current)), default=None),
        output_field=BigIntegerField(),
    )


def position_agency_sql(pos: str, date_sql: str = "%s", date_params=(), *, today_tree: bool = False):
    """SQL (and params) of the agency of the position row `pos` on the date `date_sql` (an SQL
    expression with `date_params`); `today_tree`: the date's tree is today's (`is_current`),
    so the current agency answers."""
    if today_tree:
        return f"{pos}.agency_id", []
    s = _spec()
    t, m = s.link._meta.db_table, s.member_id
    sql = (
        f"COALESCE((SELECT pl.agency_id FROM {t} pl WHERE pl.{m} = {pos}.id"
        f" AND (pl.valid_from IS NULL OR pl.valid_from <= {date_sql})"
        f" AND (pl.valid_to IS NULL OR pl.valid_to >= {date_sql})"
        " ORDER BY pl.valid_from DESC NULLS LAST, pl.id DESC LIMIT 1),"
        f" CASE WHEN NOT EXISTS (SELECT 1 FROM {t} px WHERE px.{m} = {pos}.id) THEN {pos}.agency_id END)"
    )
    return sql, [*date_params, *date_params]


def positions_q(agency_ids, day: dt.date, prefix: str = "position__", *, today_tree: bool) -> Q:
    """A filter on a relation to positions (`prefix` = "position__" for assignments, "" for
    positions): positions belonging to `agency_ids` (ids or a subquery) on `day`. No query."""
    if today_tree:
        return Q(**{f"{prefix}agency_id__in": agency_ids})
    s = _spec()
    chosen = (
        s.link.objects.filter(s.link.covering_q(day), agency_id__in=agency_ids)
        .filter(pk=Subquery(_best(day, s.member_id).values("pk")[:1]))
        .values(s.member_id)
    )
    no_links = ~Exists(s.link.objects.filter(**{s.member_id: OuterRef(f"{prefix}pk" if prefix else "pk")}))
    return Q(**{f"{prefix}pk__in": chosen}) | (Q(**{f"{prefix}agency_id__in": agency_ids}) & Q(no_links))


def agency_of(rows, current: int | None, day: dt.date) -> int | None:
    """In memory: the agency on `day` of a position with link `rows` [(valid_from, valid_to,
    agency id, link id)] and current agency `current`."""
    if not rows:
        return current
    best = None
    for vf, vt, aid, lid in rows:
        if (vf is None or vf <= day) and (vt is None or vt >= day):
            key = (vf is not None, vf or dt.date.min, lid)
            if best is None or key > best[0]:
                best = (key, aid)
    return best[1] if best else None


# --- reads ------------------------------------------------------------------------------------
def positions_of(agency_ids, day: dt.date, *, today_tree: bool) -> list[tuple[int, int, str]]:
    """[(position id, its agency id, leadership_role)] for the positions belonging to
    `agency_ids` (ids, or a subquery of ids) on `day`, in ≤ 2 queries."""
    s = _spec()
    ids = agency_ids if hasattr(agency_ids, "resolve_expression") else list(agency_ids)
    if isinstance(ids, list) and not ids:
        return []
    positions = s.member_model.objects
    if today_tree:
        return list(positions.filter(agency_id__in=ids).values_list("pk", "agency_id", "leadership_role"))
    rows = list(
        s.link.objects.filter(s.link.covering_q(day), agency_id__in=ids)
        .filter(pk=Subquery(_best(day, s.member_id).values("pk")[:1]))
        .values_list(s.member_id, "agency_id", f"{s.member}__leadership_role")
    )
    rows += list(
        positions.filter(agency_id__in=ids)
        .filter(~Exists(s.link.objects.filter(**{s.member_id: OuterRef("pk")})))
        .values_list("pk", "agency_id", "leadership_role")
    )
    return rows


def placement_rows(position_ids, *extra: str) -> dict[int, list[tuple]]:
    """{position id: [(valid_from, valid_to, agency id, link id, *extra values)]} — the input of
    `agency_of` for positions checked on many dates in memory (one query)."""
    s = _spec()
    out = defaultdict(list)
    rows = s.link.objects.filter(**{f"{s.member_id}__in": list(position_ids)}).values_list(
        s.member_id, "valid_from", "valid_to", "agency_id", "pk", *extra)
    for pid, *rest in rows:
        out[pid].append(tuple(rest))
    return out


def link_agencies(position_ids):
    """The agencies these positions belong to by a link row on some date (a lazy values_list,
    e.g. to union with their current agencies)."""
    s = _spec()
    return s.link.objects.filter(**{f"{s.member_id}__in": list(position_ids)}).values_list("agency_id", flat=True)


def linked_positions(agency_ids):
    """The positions that belong to one of `agency_ids` by a link row on some date (a lazy
    subquery of ids; with `agency_id__in` it gives every position ever placed there)."""
    s = _spec()
    return s.link.objects.filter(agency_id__in=agency_ids).values(s.member_id)


def placed_ever_sql(agencies: str) -> str:
    """SQL selecting the ids of positions that belong, today or by a link row, to an agency of
    the relation `agencies` (with an `id` column)."""
    s = _spec()
    return (
        f"SELECT p3.id FROM {s.member_model._meta.db_table} p3 JOIN {agencies} ON {agencies}.id = p3.agency_id"
        f" UNION SELECT l3.{s.member_id} FROM {s.link._meta.db_table} l3 JOIN {agencies} ON {agencies}.id = l3.agency_id"
    )


def position_agencies(position_ids, day: dt.date) -> dict[int, int | None]:
    """{position id: its agency on `day`} in one query."""
    s = _spec()
    return dict(s.member_model.objects.filter(pk__in=list(position_ids))
                .annotate(on_day=position_agency(day)).values_list("pk", "on_day"))


# --- writes -----------------------------------------------------------------------------------
def set_positions_agency(position_ids, agency, *, valid_from: dt.date | None = None, change_event=None) -> int:
    """`agency` is the agency of these positions from `valid_from` until each one's next recorded
    change (None: a correction of the open interval); `JobPosition.agency` follows when the
    change holds today. Fixed number of queries; returns positions changed."""
    s = _spec()
    ids = list(position_ids)
    n = set_intervals(s.link, s.member_id, ids, "agency_id", agency.pk, valid_from, change_event)
    if ids and (valid_from is None or valid_from <= today()):
        sync(Q(**{f"{s.member_id}__in": ids}))
    return n


def set_position_agency(position, agency, *, valid_from: dt.date | None = None, change_event=None):
    set_positions_agency([position.pk], agency, valid_from=valid_from, change_event=change_event)
    position.refresh_from_db(fields=["agency"])


def repoint_later(source, target, day: dt.date, change_event) -> list[int]:
    """Link rows to `source` starting after `day` point at `target`; returns their positions."""
    s = _spec()
    later = s.link.objects.filter(agency=source, valid_from__gt=day)
    ids = list(later.values_list(s.member_id, flat=True))
    later.update(agency=target, change_event=change_event)
    return ids


def correct(pairs: list[tuple[int, int]], reason: str):
    """pairs: [(position id, agency id)]: corrections of each position's open link row."""
    s = _spec()
    correct_open(s.link, s.member, "agency", pairs, reason)


def sync(scope: Q | None = None) -> int:
    """JobPosition.agency := the agency of the link covering today (positions with one); one
    indexed join finds the positions that differ. `scope`: a Q on the link rows."""
    s = _spec()
    links = s.link.objects.filter(s.link.covering_q(today())).exclude(agency_id=F(f"{s.member}__agency_id"))
    if scope is not None:
        links = links.filter(scope)
    changes = list(links.values_list(s.member_id, "agency_id"))
    by_agency = defaultdict(list)
    for pk, agency_id in changes:
        by_agency[agency_id].append(pk)
    for agency_id, pks in by_agency.items():
        s.member_model.objects.filter(pk__in=pks).update(agency_id=agency_id)
    return len(changes)


def sync_scope(agency_ids) -> Q:
    """Link rows touching `agency_ids` (their own agency or their position's current one)."""
    s = _spec()
    ids = list(agency_ids)
    return Q(agency_id__in=ids) | Q(**{f"{s.member}__agency_id__in": ids})


def ensure(agency_ids=None) -> int:
    """Positions (of `agency_ids`, or all) without a link row get an open one with their current
    agency. Returns rows created."""
    s = _spec()
    qs = s.member_model.objects.filter(~Exists(s.link.objects.filter(**{s.member_id: OuterRef("pk")})))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    rows = [s.link(**{s.member_id: pk, "agency_id": ag, "valid_from": None}) for pk, ag in qs.values_list("pk", "agency_id")]
    s.link.objects.bulk_create(rows)
    return len(rows)
