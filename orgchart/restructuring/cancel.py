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

from orgchart.core.choices import Role
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
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
    from orgchart.positions.models import JobPosition

    Assignment, PositionLink, Quota = _models()
    in_window = {"history_date__gte": start, "history_date__lte": end}
    position_ids = set(JobPosition.history.filter(agency_id__in=agency_ids).values_list("id", flat=True))
    position_ids |= set(PositionLink.history.filter(agency_id__in=agency_ids).values_list("position_id", flat=True))
    specs = [
        (Agency, Q(id__in=agency_ids)),
        (AgencyLink, Q(agency_id__in=agency_ids) | Q(parent_id__in=agency_ids) | Q(change_event_id=ev.pk)),
        (PositionLink, Q(agency_id__in=agency_ids) | Q(change_event_id=ev.pk)),
        (Mandate, Q(agency_id__in=agency_ids)),
        (Quota, Q(agency_id__in=agency_ids)),
        (JobPosition, Q(agency_id__in=agency_ids)),
        (Assignment, Q(change_event_id=ev.pk) | Q(position_id__in=position_ids)),
    ]
    out = []
    for model, q in specs:
        ids = set(model.history.filter(q, **in_window).values_list("id", flat=True))
        if hasattr(model, "change_event"):
            ids |= set(model.objects.filter(change_event=ev).values_list("pk", flat=True))
        out.append((model, ids))
    return out


def _plan(model, ids, start, end):
    """(deletes, restores {pk: historical row}, unknown, conflicts) for one model's touched rows;
    `unknown`: rows changed in the window that have no earlier version (written without history,
    e.g. link rows made by `tree.ensure_links`), left to `_infer`."""
    deletes, restores, unknown, conflicts = [], {}, [], []
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
            unknown.append(pk)
    return deletes, restores, unknown, conflicts


def _infer(model, pk, ev: ChangeEvent, deleted: dict) -> dict | None:
    """The values a row without an earlier version had before the event, from what the
    operation wrote next to it: an interval closed on effective_on − 1 ran to the end of the
    row the event started on effective_on for the same owner (a link, or a mandate's copy)."""
    obj = model.objects.filter(pk=pk).first()
    day = ev.effective_on
    if obj is None:
        return None
    if model in (AgencyLink, _models()[1], Mandate) and obj.valid_to == day - dt.timedelta(days=1):
        owner = {"AgencyLink": "agency_id", "PositionLink": "position_id", "Mandate": "agency_id"}[model.__name__]
        for row in deleted.get(model, []):
            same = (getattr(row, owner) == getattr(obj, owner)) if model is not Mandate else \
                (row.kind, row.text) == (obj.kind, obj.text)
            if same and row.valid_from == day:
                return {"valid_to": row.valid_to}
        return {"valid_to": None} if model is Mandate else None
    if model is Agency and obj.dissolved_on == day:
        before = (ev.details or {}).get("before")
        rows = before.get("sources", []) if isinstance(before, dict) and "sources" in before else [before]
        old = next((r.get("dissolved_on") for r in rows if isinstance(r, dict) and r.get("code") == obj.code), None)
        return {"dissolved_on": dt.date.fromisoformat(old) if old else None}
    if model is _models()[0] and obj.change_event_id == ev.pk:
        for a in (ev.details or {}).get("assignments_ended", []):
            if a.get("official") == obj.official.code and a.get("position") == obj.position.code:
                old = a.get("end_on_before")
                return {"end_on": dt.date.fromisoformat(old) if old else None, "change_event_id": None}
    if model is _models()[2]:
        delta = sum(q["amount"] * (1 if q["from"] == obj.agency.code else -1 if q["to"] == obj.agency.code else 0)
                    for q in (ev.details or {}).get("quotas", []) if q["year"] == obj.year and q["kind"] == obj.kind)
        return {"amount": obj.amount + delta}
    return None


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
        raise DomainError("Bạn không có quyền hủy thay đổi này.", "forbidden", "id")
    if ev.applied or ev.effective_on <= today():
        raise DomainError("Thay đổi đã có hiệu lực nên không thể hủy; hãy lên lịch một thay đổi ngược lại.",
                            "conflict", "id")
    ids = [a.pk for a in agencies]
    later = (ChangeEvent.objects.filter(Q(originals__in=ids) | Q(results__in=ids), id__gt=ev.pk)
             .distinct().order_by("effective_on"))
    if later.exists():
        dates = ", ".join(e.effective_on.strftime("%d/%m/%Y") for e in later[:5])
        raise DomainError(f"Có thay đổi lên lịch sau liên quan đến cùng cơ quan (ngày {dates}): hãy hủy các thay đổi "
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
            raise DomainError("Không tìm thấy thay đổi đã lên lịch này.", "not_found", "id")
        agencies = list({a.pk: a for a in [*ev.originals.all(), *ev.results.all()]}.values())
        _check(actor, ev, agencies + _receivers(ev))
        start, end = _window(ev)
        plans, conflicts, unknown = [], [], []
        for model, ids in _touched(ev, start, end, [a.pk for a in agencies]):
            deletes, restores, guess, bad = _plan(model, ids, start, end)
            plans.append((model, deletes, restores))
            unknown += [(model, pk) for pk in guess]
            conflicts += bad
        deleted = {model: list(model.objects.filter(pk__in=deletes)) for model, deletes, _ in plans}
        inferred = []
        for model, pk in unknown:
            values = _infer(model, pk, ev, deleted)
            if values is None:
                conflicts.append(f"{model._meta.verbose_name} #{pk} (không có lịch sử trước khi lên lịch)")
            inferred.append((model, pk, values))
        if conflicts:
            raise DomainError("Dữ liệu do thay đổi này ghi đã được sửa tiếp sau đó ("
                                + ", ".join(conflicts[:5]) + "): không thể hủy tự động.", "conflict", "id")
        done = Cancelled(ev.pk, ev.kind, ev.effective_on, agencies=sorted(a.code for a in agencies))
        for model, _deletes, restores in plans:
            done.restored += sum(_restore(model, pk, h) for pk, h in restores.items())
        for model, pk, values in inferred:
            obj = model.objects.get(pk=pk)
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            done.restored += 1
        try:
            # dependants first: assignments, rows of created positions and agencies, then those
            order = ["Assignment", "Quota", "Mandate", "PositionLink", "AgencyLink", "JobPosition", "Agency"]
            for model, deletes, _restores in sorted(plans, key=lambda p: order.index(p[0].__name__)):
                for obj in model.objects.filter(pk__in=deletes):
                    obj.delete()
                    done.deleted += 1
            ev.delete()
        except IntegrityError:
            raise DomainError("Cơ quan do thay đổi này tạo ra đã được dùng ở nơi khác: không thể hủy tự động.",
                                "conflict", "id")
        tree.apply_current()
    return done
