"""Restructuring operations (CONTRACT §3): move, merge, split, dissolve, rename.

Every operation:
- runs in one transaction holding the tree lock (`tree.lock_tree()`: a PostgreSQL advisory
  lock; SQLite's IMMEDIATE transactions already serialise writers) and `select_for_update` on
  the agencies it touches;
- validates first and raises `DomainError(message, code, field)` (codes not_found, invalid,
  conflict; `field` is the keyword argument's snake_case name) with nothing written;
- records a `ChangeEvent` (originals, results, effective_on, decision_no, legal_basis,
  details {before, after, …}, created_by) and never deletes anything: intervals are closed
  the day before `effective_on` and new ones start on it;
- with `dry_run=True` computes the same result and its impact report, then rolls back;
- finishes with `tree.apply_current()` so today's tree and `JobPosition.agency` show the links that
  hold today; a change dated in the future stays scheduled (`ChangeEvent.applied` False) until
  `manage.py apply_scheduled_changes` runs on or after its date.

Nobody is left without a post (RULES §3). After a merge (or a dissolution into a destination)
the destination keeps its own leaders; the open assignments of the absorbed agencies' **head**
positions end on effective_on − 1 (`Assignment.change_event` set) and from effective_on each
former head holds a **deputy** post of the receiving agency (its first deputy position by code,
created when it has none; the position's quota gains a seat per former head; assignment kind
`transfer`). Merging into a new agency keeps the head of the first source (its position becomes
the new agency's head); the other sources' heads become its deputies. Every other holder keeps
their position, which moves to the receiving agency; deputies keep theirs (the merged-bodies
allowance of RULES §4 covers the extra deputies for 5 years). A dissolution without a
receiving agency (`destination_code`) is refused (`conflict`) while the agency has holders on
or after the date or active children; its acting/concurrent/secondment assignments end the day
before, its vacant positions stay with it. The former leaders are RED-LEADER-RESTRUCT
candidates while they hold no post of the same role or higher (staffing.criteria).
"""
import datetime as dt

from django.db import transaction
from django.db.models import Q

from orgchart.core import memo
from orgchart.core.choices import NON_HOLDING_KINDS, AgencyKind
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.personnel.models import Assignment
from orgchart.structure import tree
from orgchart.structure.models import Agency, ChangeEvent

from . import impact
from .carry import carry, dissolve_row, end_mandates, positions_on
from .operation import (
    ONE_DAY,
    Outcome,
    agency_by_code,
    brief,
    new_event,
    new_log,
    parse_day,
    require_active,
    run,
)
from .split import split_agency

__all__ = ["Outcome", "move_agency", "merge_agencies", "split_agency", "dissolve_agency", "rename_agency",
           "run_plan", "OPERATIONS"]


# --- move ------------------------------------------------------------------------------------
def move_agency(code, new_parent_code, effective_on, *, decision_no="", legal_basis="", user=None,
                dry_run=False) -> Outcome:
    day = parse_day(effective_on)
    holder = {}

    def involved():
        a = agency_by_code(code, "code")
        p = agency_by_code(new_parent_code, "new_parent_code") if new_parent_code else None
        holder.update(a=a, p=p)
        return [a] + ([p] if p else [])

    def op():
        a, p = holder["a"], holder["p"]
        require_active(a, day, "code")
        if p is not None:
            require_active(p, day, "new_parent_code")
        old_parent_id = tree.parents_on([a.pk], day)[a.pk]
        if (p.pk if p else None) == old_parent_id:
            raise DomainError("Cơ quan đã trực thuộc cơ quan này vào ngày hiệu lực", "invalid", "new_parent_code")
        if tree.would_cycle(a, p, day):
            raise DomainError(
                f"Không thể chuyển '{a.code}' vào '{p.code}': '{p.code}' thuộc cây con của '{a.code}' (tạo vòng)",
                "conflict", "new_parent_code",
            )
        old_parent = Agency.objects.filter(pk=old_parent_id).first()
        ev = new_event(ChangeEvent.Kind.MOVE, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        ev.results.add(a)
        tree.set_parents([a.pk], p.pk if p else None, valid_from=day, change_event=ev)
        ev.details = {"before": {"parent": old_parent.code if old_parent else None},
                      "after": {"parent": p.code if p else None}}
        ev.save()
        return Outcome(a, ev, None, dry_run, [a])

    return run(op, dry_run=dry_run, day=day, involved=involved)


# --- merge -----------------------------------------------------------------------------------
def _merge_inputs(codes: list[str], target_code, new_code, new_name, new_kind):
    if not codes:
        raise DomainError("Cần ít nhất một cơ quan bị hợp nhất", "invalid", "source_codes")
    if len(set(codes)) != len(codes):
        raise DomainError("Danh sách cơ quan bị hợp nhất có mã trùng", "invalid", "source_codes")
    if bool(target_code) == bool(new_code):
        raise DomainError("Cần đúng một trong hai: cơ quan nhận, hoặc mã và tên cơ quan mới", "invalid", "target_code")
    if new_code and not (new_name or "").strip():
        raise DomainError("Cần tên của cơ quan mới", "invalid", "new_name")
    if new_kind and new_kind not in AgencyKind.values:
        raise DomainError(f"Loại cơ quan không hợp lệ: {new_kind}", "invalid", "new_kind")


def _check_merge(sources: list[Agency], target: Agency | None, codes: list[str], new_code, day: dt.date):
    for s in sources:
        require_active(s, day - ONE_DAY, "source_codes", "còn hoạt động")
        require_active(s, day, "source_codes", "còn hoạt động")
    if target is None:
        if Agency.objects.filter(code=new_code.strip()).exists():
            raise DomainError(f"Mã cơ quan '{new_code}' đã tồn tại", "conflict", "new_code")
        return
    if target.code in codes:
        raise DomainError("Cơ quan hợp nhất vào không được nằm trong danh sách bị hợp nhất", "invalid", "target_code")
    require_active(target, day, "target_code")
    anc = {x.pk for x in tree.ancestors_on([target.pk], day)[target.pk]}
    bad = [s.code for s in sources if s.pk in anc]
    if bad:
        raise DomainError(f"Cơ quan nhận '{target.code}' thuộc cây con của {', '.join(bad)}", "conflict", "target_code")


def _new_target(first: Agency, new_code: str, new_name: str, new_kind, day: dt.date, ev: ChangeEvent,
                basis: str) -> Agency:
    """The agency a merge creates, placed where the first source is on `day`."""
    parent_id = tree.parents_on([first.pk], day)[first.pk]
    target = Agency.objects.create(
        code=new_code.strip(), name=new_name.strip(), kind=new_kind or first.kind, level=first.level,
        agency_class=first.agency_class, parent_id=parent_id if day <= today() else first.parent_id,
        established_on=day, legal_basis=basis,
    )
    tree.set_parents([target.pk], parent_id, valid_from=day, change_event=ev)
    return target


def merge_agencies(source_codes, effective_on, *, target_code=None, new_code=None, new_name=None, new_kind=None,
                   decision_no="", legal_basis="", user=None, dry_run=False) -> Outcome:
    day = parse_day(effective_on)
    codes = [str(c).strip() for c in (source_codes or []) if str(c).strip()]
    _merge_inputs(codes, target_code, new_code, new_name, new_kind)
    holder = {}

    def involved():
        sources = [agency_by_code(c, "source_codes") for c in codes]
        target = agency_by_code(target_code, "target_code") if target_code else None
        holder.update(sources=sources, target=target)
        return sources + ([target] if target else [])

    def op():
        sources, target = holder["sources"], holder["target"]
        _check_merge(sources, target, codes, new_code, day)
        ev = new_event(ChangeEvent.Kind.MERGE, day, decision_no, legal_basis, user)
        log = new_log()
        if target is None:
            target = _new_target(sources[0], new_code, new_name, new_kind, day, ev, legal_basis or decision_no or "")
            log["created"].append(target.code)
            ev.originals.add(*sources)
        else:
            ev.originals.add(*sources, target)
        ev.results.add(target)
        before = {"sources": [brief(s) for s in sources], "target": brief(target) if not log["created"] else None}
        for i, s in enumerate(sources):
            keep_head = bool(log["created"]) and i == 0
            carry(s, target, day, ev, end_heads=not keep_head, log=log)
        ev.details = {"before": before, "after": {"target": brief(target), "dissolved": codes}, **log}
        ev.save()
        return Outcome(target, ev, None, dry_run, [target, *sources])

    return run(op, dry_run=dry_run, day=day, involved=involved)


# --- dissolve --------------------------------------------------------------------------------
def _require_empty(a: Agency, day: dt.date) -> list[Assignment]:
    """RULES §3: a dissolution without a receiving agency is refused (`conflict`) while the
    agency has holders on or after the date (nobody may be left without a post) or active
    children. Returns its other open assignments (acting, concurrent, secondment), which end."""
    pids = positions_on(a, day)
    open_ = Assignment.objects.select_for_update().filter(Q(end_on__isnull=True) | Q(end_on__gte=day),
                                                           position_id__in=pids).select_related("official", "position")
    held = sorted({x.official.code for x in open_ if x.kind not in NON_HOLDING_KINDS or x.start_on >= day})
    kids = [k.code for ks in tree.children_on([a.pk], day).values() for k in ks]
    problems = []
    if held:
        problems.append(f"người đang giữ vị trí ({', '.join(held[:20])})")
    if kids:
        problems.append(f"đơn vị trực thuộc đang hoạt động ({', '.join(kids[:20])})")
    if problems:
        raise DomainError(
            f"Không thể giải thể '{a.code}' khi còn " + "; ".join(problems)
            + ": cần chỉ định cơ quan tiếp nhận hoặc chuyển đi trước", "conflict", "destination_code",
        )
    return [x for x in open_ if x.kind in NON_HOLDING_KINDS]


def _end_side_posts(assignments: list[Assignment], day: dt.date, ev: ChangeEvent, log: dict):
    """Acting, concurrent and secondment assignments in a dissolved agency end the day before."""
    for x in assignments:
        log["assignments_ended"].append({"official": x.official.code, "position": x.position.code,
                                         "start_on": x.start_on.isoformat(), "end_on_before": x.end_on and x.end_on.isoformat()})
        x.end_on, x.change_event = day - ONE_DAY, ev
        x.save()


def _check_destination(a: Agency, d: Agency, day: dt.date):
    if d.pk == a.pk:
        raise DomainError("Cơ quan nhận phải khác cơ quan bị giải thể", "invalid", "destination_code")
    require_active(d, day, "destination_code")
    if a.pk in {x.pk for x in tree.ancestors_on([d.pk], day)[d.pk]}:
        raise DomainError(f"Cơ quan nhận '{d.code}' thuộc cây con của '{a.code}'", "conflict", "destination_code")


def dissolve_agency(code, effective_on, *, destination_code=None, decision_no="", legal_basis="", user=None,
                    dry_run=False) -> Outcome:
    day = parse_day(effective_on)
    holder = {}

    def involved():
        a = agency_by_code(code, "code")
        d = agency_by_code(destination_code, "destination_code") if destination_code else None
        holder.update(a=a, d=d)
        return [a] + ([d] if d else [])

    def op():
        a, d = holder["a"], holder["d"]
        require_active(a, day - ONE_DAY, "code", "còn hoạt động")
        require_active(a, day, "code", "còn hoạt động")
        log = new_log()
        side_posts = _require_empty(a, day) if d is None else _check_destination(a, d, day)
        ev = new_event(ChangeEvent.Kind.DISSOLVE, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        if d is None:
            _end_side_posts(side_posts, day, ev, log)
            end_mandates(a, day, log)
            dissolve_row(a, day)
        else:
            ev.results.add(d)
            carry(a, d, day, ev, end_heads=True, log=log)
        ev.details = {"before": brief(Agency.objects.get(pk=a.pk)) | {"dissolved_on": None},
                      "after": {"dissolved_on": day.isoformat(), "destination": d.code if d else None}, **log}
        ev.save()
        return Outcome(d or a, ev, None, dry_run, [a] + ([d] if d else []))

    return run(op, dry_run=dry_run, day=day, involved=involved)


# --- rename ----------------------------------------------------------------------------------
def rename_agency(code, new_name, effective_on, *, new_short_name=None, decision_no="", legal_basis="", user=None,
                  dry_run=False) -> Outcome:
    day = parse_day(effective_on)
    if not (new_name or "").strip():
        raise DomainError("Cần nhập tên mới", "invalid", "new_name")
    holder = {}

    def involved():
        holder["a"] = agency_by_code(code, "code")
        return [holder["a"]]

    def op():
        a = holder["a"]
        require_active(a, day, "code")
        ev = new_event(ChangeEvent.Kind.RENAME, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        ev.results.add(a)
        after = {"name": new_name.strip()}
        if new_short_name is not None:
            after["short_name"] = new_short_name.strip()
        ev.details = {"before": {"name": a.name, "short_name": a.short_name}, "after": after}
        ev.save()
        return Outcome(a, ev, None, dry_run, [a])

    out = run(op, dry_run=dry_run, day=day, involved=involved)
    if out.agency is not None and not dry_run:
        out.agency.refresh_from_db()
    return out


# --- plans -----------------------------------------------------------------------------------
OPERATIONS = {"move": move_agency, "merge": merge_agencies, "split": split_agency, "dissolve": dissolve_agency,
              "rename": rename_agency}


def run_plan(operations: list[dict], *, user=None, dry_run=True) -> dict:
    """Run several operations in order in one transaction; one impact report for the whole
    plan (before the first, after the last). Each item: {"op": "merge", ...keyword arguments}."""
    if not operations:
        raise DomainError("Kế hoạch trống", "invalid", "operations")
    with memo.suspended(), transaction.atomic():
        tree.lock_tree()
        tree.ensure_links()
        days, involved = [], []
        for i, item in enumerate(operations):
            op = item.get("op")
            if op not in OPERATIONS:
                raise DomainError(f"Thao tác {i + 1}: không rõ '{op}'", "invalid", f"operations[{i}].op")
            days.append(parse_day(item.get("effective_on"), f"operations[{i}].effective_on"))
            for key in ("code", "target_code", "new_parent_code", "destination_code"):
                if item.get(key):
                    involved.append(agency_by_code(item[key], f"operations[{i}].{key}", lock=False))
            for c in item.get("source_codes") or []:
                involved.append(agency_by_code(c, f"operations[{i}].source_codes", lock=False))
        day = max(days)
        scope = impact.scope_roots(involved, day)
        before = impact.snapshot(scope, day)
        outcomes = []
        for i, item in enumerate(operations):
            args = {k: v for k, v in item.items() if k != "op"}
            try:
                outcomes.append(OPERATIONS[item["op"]](user=user, dry_run=False, **args))
            except DomainError as e:
                raise e.within(f"operations[{i}]")
            except TypeError as e:
                raise DomainError(f"Thao tác {i + 1}: tham số không hợp lệ ({e})", "invalid", f"operations[{i}]")
        after = impact.snapshot(scope, day)
        report = impact.report(before, after, *outcomes)
        if dry_run:
            transaction.set_rollback(True)
    return {"impact": report, "outcomes": outcomes, "dry_run": dry_run}
