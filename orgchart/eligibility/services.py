"""Appointment decisions (writes). `appoint()` checks every rule inside a transaction that locks
the position (and its agency for deputy posts, and the official), so two concurrent
appointments can never over-fill a position or exceed a deputy cap."""
import datetime as dt
import json
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from orgchart.core.dates import parse_date
from orgchart.core.errors import DomainError, DomainErrors
from orgchart.personnel.models import Assignment, Official
from orgchart.personnel.selectors import holding_q
from orgchart.positions.models import JobPosition
from orgchart.structure import tree
from orgchart.structure.models import Agency

from . import engine
from .facts import ACTIONS
from .models import AppointmentDecision
from .rules import NEVER_OVERRIDABLE

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Outcome:
    assignment: Assignment | None = None
    result: engine.Result | None = None
    errors: list[DomainError] = field(default_factory=list)


def _action(value) -> str | None:
    value = getattr(value, "value", value)
    value = str(value or "").strip().lower()
    return value if value in ACTIONS else None


def appoint(actor, *, official_code: str, position_code: str, action, start_on, decision_no: str = "",
            override_reason: str = "") -> Outcome:
    """Appoint (recruit, rotate, transfer…) an official to a position from `start_on`.

    Refuses when a rule is violated, unless `override_reason` is given and no violation is one
    of NEVER_OVERRIDABLE. On success the official's other primary assignments end on the day
    before `start_on`, a new assignment of kind = action is created, and the decision (user,
    findings, override reason) is recorded in AppointmentDecision and the assignment's history.
    Bad input raises DomainError / DomainErrors (nothing written); a refusal for violations is
    returned as `Outcome(result, errors)` (one error per violation, with the findings)."""
    act, start, official, position = _inputs(actor, official_code, position_code, action, start_on)
    reason = (override_reason or "").strip()
    decision_no = (decision_no or "").strip()
    try:
        with transaction.atomic():
            return _appoint_locked(actor, official, position, act, start, decision_no, reason)
    except IntegrityError:
        raise DomainError("Cán bộ đã có quá trình công tác tại vị trí này từ ngày này.", "conflict", "start_on")


def _inputs(actor, official_code, position_code, action, start_on):
    """(action, start date, official, position) — or DomainErrors naming every bad input."""
    errors = []
    act = _action(action)
    if act is None:
        errors.append(DomainError(f"Hình thức không hợp lệ: {action!r}.", "invalid", "action"))
    try:
        start = parse_date(start_on)
    except ValueError:
        start = None
    if start is None:
        errors.append(DomainError("Ngày bắt đầu là bắt buộc, dạng YYYY-MM-DD.", "invalid", "start_on"))
    official = Official.objects.filter(code=(official_code or "").strip()).first()
    if official is None:
        errors.append(DomainError(f"Không tìm thấy cán bộ mã {official_code!r}.", "not_found", "official_code"))
    position = JobPosition.objects.select_related("agency").filter(code=(position_code or "").strip()).first()
    if position is None:
        errors.append(DomainError(f"Không tìm thấy vị trí mã {position_code!r}.", "not_found", "position_code"))
    if position is not None and not actor.can_write_personnel(position.agency):
        raise DomainError("Bạn không có quyền bổ nhiệm vào vị trí này.", "forbidden", "position_code")
    if errors:
        raise DomainErrors(errors)
    return act, start, official, position


def _appoint_locked(actor, official, position, act, start, decision_no, reason) -> Outcome:
    # Lock order (agency → position → official) is the same for every appointment: no deadlock.
    if position.leadership_role == "deputy":
        # the agency whose deputies are capped: the position's agency on `start` (link) and its current one
        agencies = {position.agency_id} | {a for a in tree.position_agencies([position.pk], start).values() if a}
        list(Agency.objects.select_for_update().filter(pk__in=sorted(agencies)).order_by("pk").values_list("pk"))
    list(JobPosition.objects.select_for_update().filter(pk=position.pk).values_list("pk"))
    list(Official.objects.select_for_update().filter(pk=official.pk).values_list("pk"))

    result = engine.check(official.pk, position.pk, act, start)
    violations = result.violations
    blocking = [v for v in violations if v.code in NEVER_OVERRIDABLE]
    if blocking or (violations and not reason):
        errors = []
        for v in violations:
            suffix = " (không thể vượt quy định này)" if v.code in NEVER_OVERRIDABLE else ""
            errors.append(DomainError(f"{v.message}{suffix} [{v.citation}]", v.code,
                                        "override_reason" if reason and v.code not in NEVER_OVERRIDABLE else None))
        return Outcome(result=result, errors=errors)

    user = actor.user if getattr(actor, "user", None) is not None and actor.user.is_authenticated else None
    current = Assignment.objects.select_for_update().filter(holding_q(start), official=official)
    for a in current:
        if a.start_on >= start:
            return Outcome(result=result, errors=[DomainError(
                f"Cán bộ đã có quá trình công tác bắt đầu từ {a.start_on.isoformat()} tại vị trí {a.position_id}.",
                "conflict", "start_on")])
        a.end_on = start - ONE_DAY
        a._change_reason = f"Kết thúc do {act} vào vị trí {position.code} từ {start.isoformat()}"
        if user is not None:
            a._history_user = user
        a.save(update_fields=["end_on"])

    findings = [f.as_dict() for f in result.findings]
    assignment = Assignment(
        official=official, position=position, kind=act, start_on=start, decision_no=decision_no,
        override_reason=reason,
    )
    assignment._change_reason = json.dumps(
        {"action": act, "eligible": result.eligible, "override_reason": reason,
         "codes": [f["code"] for f in findings]},
        ensure_ascii=False,
    )
    if user is not None:
        assignment._history_user = user
    assignment.save()
    AppointmentDecision.objects.create(
        assignment=assignment, official=official, position=position, action=act, start_on=start,
        decision_no=decision_no, eligible=result.eligible, findings=findings, override_reason=reason, user=user,
    )
    return Outcome(assignment=assignment, result=result)
