"""Cancelling a scheduled change (a `ChangeEvent` not yet applied, effective after today).

A restructuring operation writes link rows, mandates, quotas, agencies and assignments in one
transaction, between the event's creation and the save of its details. Every one of those
models is audited (simple_history), so cancelling replays that window backwards:
- a row created in the window is deleted;
- a row changed in the window gets back the values of its last version before the window;
- link rows re-pointed by a bulk update (no history row in the window) but carrying the event
  get back their last recorded version;
then the event itself is deleted. Every undo is itself audited (history rows with the user).

Refused (`conflict`, nothing written) when the event is applied or due, when a later scheduled
change touches the same agencies (cancel that one first), or when a row the event wrote was
changed again afterwards (someone built on it).
"""
import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q

from orgchart.api.errors import MutationError
from orgchart.core.choices import Role
from orgchart.core.dates import today
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink, ChangeEvent, Mandate


@dataclass
class Cancelled:
    event_id: int
    kind: str
    effective_on: dt.date
    restored: int = 0
    deleted: int = 0
    agencies: list[str] = field(default_factory=list)


def scheduled_events(after: dt.date | None = None):
    """Change events not applied yet, effective after `after` (default today), soonest first."""
    day = after or today()
    return (ChangeEvent.objects.filter(applied=False, effective_on__gt=day)
            .prefetch_related("originals", "results").select_related("created_by").order_by("effective_on", "id"))


def _models():
    from orgchart.personnel.models import Assignment
    from orgchart.positions.models import PositionLink
    from orgchart.staffing.models import Quota

    return Assignment, PositionLink, Quota


def _window(ev: ChangeEvent):
    """(start, end) of the operation's writes: the event's creation and the save of its details."""
    rows = list(ev.history.order_by("history_date", "history_id").values_list("history_type", "history_date"))
    start = min([ev.created_at, *(d for t, d in rows if t == "+")])
    updates = [d for t, d in rows if t == "~"]
    return start, (updates[0] if updates else rows[-1][1] if rows else ev.created_at)


def _touched(ev, start, end, agency_ids):
    """[(model, row ids)] of the rows written in the window that belong to the event."""
    Assignment, PositionLink, Quota = _models()
    in_window = {"history_date__gte": start, "history_date__lte": end}
    specs = [
        (Agency, Q(id__in=agency_ids)),
        (AgencyLink, Q(agency_id__in=agency_ids) | Q(parent_id__in=agency_ids) | Q(change_event_id=ev.pk)),
        (PositionLink, Q(agency_id__in=agency_ids) | Q(change_event_id=ev.pk)),
        (Mandate, Q(agency_id__in=agency_ids)),
        (Quota, Q(agency_id__in=agency_ids)),
        (Assignment, Q(change_event_id=ev.pk)),
    ]
    out = []
    for model, q in specs:
        ids = set(model.history.filter(q, **in_window).values_list("id", flat=True))
        if hasattr(model, "change_event"):
            ids |= set(model.objects.filter(change_event=ev).values_list("pk", flat=True))
        out.append((model, ids))
    return out


def _plan(model, ids, start, end):
    """(deletes, restores {pk: historical row}, conflicts) for one model's touched rows."""
    deletes, restores, conflicts = [], {}, []
    history = {}
    for h in model.history.filter(id__in=ids).order_by("history_date", "history_id"):
        history.setdefault(h.id, []).append(h)
    for pk in ids:
        rows = history.get(pk, [])
        before = [h for h in rows if h.history_date < start]
        inside = [h for h in rows if start <= h.history_date <= end]
        after = [h for h in rows if h.history_date > end]
        if after:
            conflicts.append(f"{model._meta.verbose_name} #{pk}")
        elif inside and inside[0].history_type == "+" and not before:
            deletes.append(pk)
        elif before:
            restores[pk] = before[-1]
        elif inside:
            conflicts.append(f"{model._meta.verbose_name} #{pk} (không có lịch sử trước khi lên lịch)")
    return deletes, restores, conflicts


def _restore(model, pk, h) -> bool:
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        return False
    changed = False
    for f in model._meta.concrete_fields:
        if f.primary_key or not hasattr(h, f.attname):
            continue
        old = getattr(h, f.attname)
        if getattr(obj, f.attname) != old:
            setattr(obj, f.attname, old)
            changed = True
    if changed:
        obj.save()
    return changed


def _check(actor, ev: ChangeEvent, agencies: list[Agency]):
    if not actor.has_role(Role.RESTRUCTURING) or not all(actor.agency_in_scope(a) for a in agencies):
        raise MutationError("Bạn không có quyền hủy thay đổi này.", "forbidden", "id")
    if ev.applied or ev.effective_on <= today():
        raise MutationError("Thay đổi đã có hiệu lực nên không thể hủy; hãy lên lịch một thay đổi ngược lại.",
                            "conflict", "id")
    ids = [a.pk for a in agencies]
    later = (ChangeEvent.objects.filter(Q(originals__in=ids) | Q(results__in=ids), id__gt=ev.pk)
             .distinct().order_by("effective_on"))
    if later.exists():
        dates = ", ".join(e.effective_on.strftime("%d/%m/%Y") for e in later[:5])
        raise MutationError(f"Có thay đổi lên lịch sau liên quan đến cùng cơ quan (ngày {dates}): hãy hủy các thay đổi "
                            "đó trước.", "conflict", "id")


def _receivers(ev: ChangeEvent) -> list[Agency]:
    """Agencies that receive units or positions through the event (a moved unit's new parent)."""
    from orgchart.positions.models import PositionLink

    ids = set(AgencyLink.objects.filter(change_event=ev).exclude(parent=None).values_list("parent_id", flat=True))
    ids |= set(PositionLink.objects.filter(change_event=ev).values_list("agency_id", flat=True))
    return list(Agency.objects.filter(pk__in=ids))


def cancel_scheduled(event_id, *, actor) -> Cancelled:
    """Undo a scheduled change completely (see the module docstring); returns what was undone."""
    with transaction.atomic():
        tree.lock_tree()
        ev = ChangeEvent.objects.select_for_update().filter(pk=event_id).first()
        if ev is None:
            raise MutationError("Không tìm thấy thay đổi đã lên lịch này.", "not_found", "id")
        agencies = list({a.pk: a for a in [*ev.originals.all(), *ev.results.all()]}.values())
        _check(actor, ev, agencies + _receivers(ev))
        start, end = _window(ev)
        plans, conflicts = [], []
        for model, ids in _touched(ev, start, end, [a.pk for a in agencies]):
            deletes, restores, bad = _plan(model, ids, start, end)
            plans.append((model, deletes, restores))
            conflicts += bad
        if conflicts:
            raise MutationError("Dữ liệu do thay đổi này ghi đã được sửa tiếp sau đó ("
                                + ", ".join(conflicts[:5]) + "): không thể hủy tự động.", "conflict", "id")
        done = Cancelled(ev.pk, ev.kind, ev.effective_on, agencies=sorted(a.code for a in agencies))
        for model, _deletes, restores in plans:
            done.restored += sum(_restore(model, pk, h) for pk, h in restores.items())
        try:
            # dependants first: rows of created agencies, then the agencies themselves
            for model, deletes, _restores in sorted(plans, key=lambda p: p[0] is Agency):
                for obj in model.objects.filter(pk__in=deletes):
                    obj.delete()
                    done.deleted += 1
            ev.delete()
        except IntegrityError:
            raise MutationError("Cơ quan do thay đổi này tạo ra đã được dùng ở nơi khác: không thể hủy tự động.",
                                "conflict", "id")
        tree.apply_current()
    return done
