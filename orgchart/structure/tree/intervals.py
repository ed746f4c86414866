"""Writing interval rows (`AgencyLink`, position placements): a value of an owner from a date
until its next recorded change, in bulk, with the audit trail. History is never deleted."""
import datetime as dt
from collections import defaultdict

from django.db.models import F
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from orgchart.core.history import bulk_create_audited, bulk_update_audited

CHUNK = 2000


def covering_first(qs):
    """Interval rows ordered so that the first one is *the* row of a date when several cover it
    (bad data): the latest starting, then the latest written."""
    return qs.order_by(F("valid_from").desc(nulls_last=True), "-pk")


def _split(rows, valid_from, value_field, value_id, change_event, new_row, updates):
    """One owner's rows: `value_id` from `valid_from` until its next recorded change."""
    if valid_from is None:
        open_rows = [r for r in rows if r.valid_to is None]
        if not open_rows:
            new_row(None, None)
        elif getattr(open_rows[-1], value_field) != value_id:
            row = open_rows[-1]
            setattr(row, value_field, value_id)
            row.change_event = change_event or row.change_event
            updates.append(row)
        return
    covering = [r for r in rows if (r.valid_from is None or r.valid_from <= valid_from)
                and (r.valid_to is None or r.valid_to >= valid_from)]
    if not covering:
        later = [r.valid_from for r in rows if r.valid_from is not None and r.valid_from > valid_from]
        new_row(valid_from, min(later) - dt.timedelta(days=1) if later else None)
        return
    row = covering[-1]
    if getattr(row, value_field) == value_id:
        return
    if row.valid_from == valid_from:
        setattr(row, value_field, value_id)
        row.change_event = change_event
        updates.append(row)
        return
    end = row.valid_to
    row.valid_to = valid_from - dt.timedelta(days=1)
    updates.append(row)
    new_row(valid_from, end)


def set_intervals(model, owner_field: str, owner_ids, value_field: str, value_id, valid_from, change_event=None) -> int:
    """For each owner: from `valid_from` on (None: the open interval, a correction without
    history), `value_field` = value_id until the owner's next recorded change — the row covering
    valid_from is split there. Bulk: 1 read + 1 update + 1 insert (history included) whatever
    the number of owners. Returns the number of owners whose value changed."""
    ids = list(owner_ids)
    if not ids:
        return 0
    by_owner = defaultdict(list)
    for r in model.objects.select_for_update().filter(**{f"{owner_field}__in": ids}).order_by(
        F("valid_from").asc(nulls_first=True), "pk"
    ):
        by_owner[getattr(r, owner_field)].append(r)
    updates, creates = [], []
    for owner in ids:
        def new_row(start, end, owner=owner):
            creates.append(model(**{owner_field: owner, value_field: value_id, "valid_from": start, "valid_to": end,
                                    "change_event": change_event}))

        _split(by_owner.get(owner, []), valid_from, value_field, value_id, change_event, new_row, updates)
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


def _open_rows(model, owner: str, owner_ids: list[int]) -> dict:
    """{owner id: its open row (latest valid_from)} in one query per chunk."""
    result = {}
    for i in range(0, len(owner_ids), CHUNK):
        chunk = owner_ids[i: i + CHUNK]
        qs = model.objects.filter(**{f"{owner}_id__in": chunk, "valid_to__isnull": True})
        for link in qs.order_by(F("valid_from").asc(nulls_first=True), "pk"):
            result[getattr(link, f"{owner}_id")] = link
    return result


def correct_open(model, owner: str, target: str, pairs: list[tuple[int, int | None]], reason: str):
    """pairs: [(owner id, target id)]; make each owner's open row point at the target (a new
    open row when it has none) — a correction without history of dates, as a bulk write
    recorded in the audit trail with `reason`."""
    if not pairs:
        return
    existing = _open_rows(model, owner, [o for o, _ in pairs])
    new, changed = [], []
    for owner_id, target_id in pairs:
        link = existing.get(owner_id)
        if link is None:
            new.append(model(**{f"{owner}_id": owner_id, f"{target}_id": target_id, "valid_from": None}))
        elif getattr(link, f"{target}_id") != target_id:
            setattr(link, f"{target}_id", target_id)
            changed.append(link)
    bulk_create_audited(model, new, reason)
    bulk_update_audited(model, changed, [target], reason)
