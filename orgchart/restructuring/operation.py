"""What every restructuring operation shares: its outcome, reading its inputs (a domain error
with the input's snake_case name when one is bad), its change event, and running it
atomically under the tree lock with a before/after impact report (see `services`)."""
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from orgchart.core import memo
from orgchart.core.errors import DomainError
from orgchart.structure import tree
from orgchart.structure.models import Agency, ChangeEvent

from . import impact

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Outcome:
    """What an operation did (or would do, for a dry run)."""

    agency: Agency | None
    change_event: ChangeEvent | None
    impact: dict | None
    dry_run: bool
    agencies: list[Agency] = field(default_factory=list)


# --- inputs ----------------------------------------------------------------------------------
def parse_day(value, field_name="effective_on") -> dt.date:
    if value in (None, ""):
        raise DomainError("Cần nhập ngày hiệu lực", "invalid", field_name)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(f"Ngày không hợp lệ: {value}", "invalid", field_name)


def agency_by_code(code, field_name: str, lock=True) -> Agency:
    if not code or not str(code).strip():
        raise DomainError("Cần nhập mã cơ quan", "invalid", field_name)
    qs = Agency.objects.select_for_update() if lock else Agency.objects
    a = qs.filter(code=str(code).strip()).first()
    if a is None:
        raise DomainError(f"Không tìm thấy cơ quan có mã '{code}'", "not_found", field_name)
    return a


def require_active(a: Agency, day: dt.date, field_name: str, what="hoạt động"):
    if not a.is_active(day):
        raise DomainError(f"Cơ quan '{a.code}' không {what} vào ngày {day.isoformat()}", "invalid", field_name)


# --- records ---------------------------------------------------------------------------------
def new_event(kind, effective_on, decision_no, legal_basis, user, note="") -> ChangeEvent:
    return ChangeEvent.objects.create(
        kind=kind, effective_on=effective_on, decision_no=decision_no or "", legal_basis=legal_basis or "",
        note=note or "", created_by=user if getattr(user, "pk", None) else None, applied=False,
    )


def brief(a: Agency) -> dict:
    return {"code": a.code, "name": a.name, "kind": a.kind, "dissolved_on": a.dissolved_on and a.dissolved_on.isoformat()}


def new_log() -> dict:
    return {"positions": [], "children": [], "mandates": [], "quotas": [], "assignments_ended": [], "created": [],
            "heads_reassigned": [], "positions_created": []}


# --- running ---------------------------------------------------------------------------------
def run(operation, *, dry_run: bool, day: dt.date, involved) -> Outcome:
    """Run `operation()` (→ Outcome) atomically under the tree lock, with before/after impact.
    `involved()` → agencies whose neighbourhood the impact report covers. Writes change the
    tree between reads: no per-request memo while they run."""
    with memo.suspended(), transaction.atomic():
        tree.lock_tree()
        tree.ensure_links()
        scope = impact.scope_roots(involved(), day)
        before = impact.snapshot(scope, day)
        outcome = operation()
        tree.apply_current()
        if outcome.change_event is not None:
            outcome.change_event.refresh_from_db()
        outcome.impact = impact.report(before, impact.snapshot(scope, day), outcome)
        outcome.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return outcome
