"""Chia, tách: split an agency into parts from a mapping of its positions, mandates and
children (CONTRACT §3 `splitAgency`). Validation first (a domain error naming the part and its
snake_case key), then the writes; `operation.run` gives atomicity, the lock and the impact."""
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from orgchart.core.choices import AgencyKind, AgencyLevel
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.personnel.models import Assignment
from orgchart.positions.models import JobPosition
from orgchart.structure import tree
from orgchart.structure.models import Agency, ChangeEvent, Mandate

from .carry import carry_mandates, dissolve_row, end_mandates, positions_on
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


@dataclass
class Plan:
    """A validated split: the parts (normalised), and what the original holds on the day."""

    parts: list[dict]
    keeps: bool  # a part has the original's code: the original continues (tách)
    pos_by_code: dict[str, int] = field(default_factory=dict)
    kids: dict[str, Agency] = field(default_factory=dict)
    mapped_positions: set[str] = field(default_factory=set)
    mapped_children: set[str] = field(default_factory=set)

    @property
    def new_parts(self) -> list[dict]:
        return [p for p in self.parts if not p.get("original")]


def split_agency(code, parts, effective_on, *, decision_no="", legal_basis="", user=None, dry_run=False) -> Outcome:
    """Split `code` on `effective_on` into `parts` = [{code, name, kind?, level?, short_name?,
    position_codes: [...], mandate_refs: [...], child_codes: [...]}]. A part whose code is the
    original's keeps the original going (tách: the other parts are separated from it; unmapped
    positions, mandates and children stay). Otherwise (chia) the original is dissolved: every
    position with a holder on or after the date must be mapped (else `conflict`), unmapped
    active children go to the first part, unmapped mandates end, vacant unmapped positions stay
    with the dissolved original. Quotas are not divided (record them per part afterwards)."""
    day = parse_day(effective_on)
    if not parts or not isinstance(parts, list | tuple):
        raise DomainError("Cần ít nhất một phần sau khi chia, tách", "invalid", "parts")
    holder = {}

    def involved():
        holder["a"] = agency_by_code(code, "code")
        return [holder["a"]]

    def op():
        a = holder["a"]
        require_active(a, day - ONE_DAY, "code", "còn hoạt động")
        require_active(a, day, "code", "còn hoạt động")
        plan = _plan(a, parts, day)
        ev = new_event(ChangeEvent.Kind.SPLIT, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        log = new_log()
        created = _create_parts(a, plan, day, ev, legal_basis or decision_no or "", log)
        if plan.keeps:
            ev.results.add(a)
        ev.results.add(*created.values())
        _hand_over(a, plan, created, day, ev, log)
        ev.details = {"before": brief(a) | {"dissolved_on": None},
                      "after": {"parts": [p["code"] for p in plan.parts], "original_continues": plan.keeps}, **log}
        ev.save()
        return Outcome(created[plan.new_parts[0]["code"]], ev, None, dry_run, [a, *created.values()])

    return run(op, dry_run=dry_run, day=day, involved=involved)


# --- validation --------------------------------------------------------------------------------
def _part(i: int, p, a: Agency) -> dict:
    def get(k):
        return p.get(k) if isinstance(p, dict) else getattr(p, k, None)

    pcode = (get("code") or "").strip()
    if not pcode:
        raise DomainError(f"Phần {i + 1}: cần mã", "invalid", f"parts[{i}].code")
    kind = get("kind") or a.kind
    level = get("level") or a.level
    if kind not in AgencyKind.values or level not in AgencyLevel.values:
        raise DomainError(f"Phần {i + 1}: loại hoặc cấp không hợp lệ", "invalid", f"parts[{i}].kind")
    return {
        "code": pcode, "name": (get("name") or "").strip(), "kind": kind, "level": level,
        "short_name": (get("short_name") or "").strip(), "original": pcode == a.code,
        "positions": list(get("position_codes") or []),
        "mandates": list(get("mandate_refs") or []),
        "children": list(get("child_codes") or []),
    }


def _plan(a: Agency, parts, day: dt.date) -> Plan:
    norm = [_part(i, p, a) for i, p in enumerate(parts)]
    codes = [p["code"] for p in norm]
    if len(set(codes)) != len(codes):
        raise DomainError("Mã các phần bị trùng", "invalid", "parts")
    plan = Plan(norm, a.code in codes)
    new_parts = plan.new_parts
    if not new_parts:
        raise DomainError("Cần ít nhất một phần mới", "invalid", "parts")
    clash = list(Agency.objects.filter(code__in=[p["code"] for p in new_parts]).values_list("code", flat=True))
    if clash:
        raise DomainError(f"Mã đã tồn tại: {', '.join(clash)}", "conflict", "parts")
    for i, p in enumerate(new_parts):
        if not p["name"]:
            raise DomainError(f"Phần '{p['code']}': cần tên", "invalid", f"parts[{i}].name")
    plan.pos_by_code = dict(JobPosition.objects.filter(pk__in=set(positions_on(a, day))).values_list("code", "pk"))
    plan.kids = {k.code: k for ks in tree.children_on([a.pk], day).values() for k in ks}
    refs = set(Mandate.objects.filter(Mandate.covering_q(day), agency=a).exclude(ref="").values_list("ref", flat=True))
    for p in norm:
        _check_mapping(a, plan, p, refs)
    if not plan.keeps:
        _require_holders_mapped(plan, day)
    return plan


def _check_mapping(a: Agency, plan: Plan, p: dict, refs: set[str]):
    for c in p["positions"]:
        if c not in plan.pos_by_code:
            raise DomainError(f"Vị trí '{c}' không thuộc '{a.code}' vào ngày hiệu lực", "invalid", "parts")
        if c in plan.mapped_positions:
            raise DomainError(f"Vị trí '{c}' được giao cho hai phần", "invalid", "parts")
        plan.mapped_positions.add(c)
    for c in p["children"]:
        if c not in plan.kids or c in plan.mapped_children:
            raise DomainError(f"Đơn vị trực thuộc '{c}' không hợp lệ hoặc bị lặp", "invalid", "parts")
        plan.mapped_children.add(c)
    bad = [r for r in p["mandates"] if r not in refs]
    if bad:
        raise DomainError(f"Không tìm thấy nhiệm vụ số hiệu {', '.join(bad)} của '{a.code}'", "invalid", "parts")


def _require_holders_mapped(plan: Plan, day: dt.date):
    unmapped = [pk for c, pk in plan.pos_by_code.items() if c not in plan.mapped_positions]
    held = sorted(set(Assignment.objects.filter(
        Q(end_on__isnull=True) | Q(end_on__gte=day), position_id__in=unmapped,
    ).values_list("position__code", flat=True)))
    if held:
        raise DomainError(
            f"Các vị trí còn người giữ chưa được phân về phần nào: {', '.join(held[:30])}", "conflict", "parts"
        )


# --- writes ------------------------------------------------------------------------------------
def _create_parts(a: Agency, plan: Plan, day: dt.date, ev: ChangeEvent, basis: str, log: dict) -> dict[str, Agency]:
    parent_id = tree.parents_on([a.pk], day)[a.pk]
    created = {}
    for p in plan.new_parts:
        b = Agency.objects.create(
            code=p["code"], name=p["name"], short_name=p["short_name"], kind=p["kind"], level=p["level"],
            parent_id=parent_id if day <= today() else a.parent_id, established_on=day, legal_basis=basis,
        )
        tree.set_parents([b.pk], parent_id, valid_from=day, change_event=ev)
        created[b.code] = b
        log["created"].append(b.code)
    return created


def _hand_over(a: Agency, plan: Plan, created: dict[str, Agency], day: dt.date, ev: ChangeEvent, log: dict):
    """Each part receives its positions, children and mandates; without a continuing original,
    the rest of the children go to the first part, its mandates end and it is dissolved."""
    for p in plan.new_parts:
        b = created[p["code"]]
        tree.set_positions_agency([plan.pos_by_code[c] for c in p["positions"]], b, valid_from=day, change_event=ev)
        log["positions"] += [{"code": c, "from": a.code, "to": b.code} for c in p["positions"]]
        tree.set_parents([plan.kids[c].pk for c in p["children"]], b.pk, valid_from=day, change_event=ev)
        log["children"] += [{"code": c, "from": a.code, "to": b.code} for c in p["children"]]
        if p["mandates"]:
            carry_mandates(a, b, day, log, refs=p["mandates"], close=True)
    if plan.keeps:
        return
    first_new = created[plan.new_parts[0]["code"]]
    rest = [c for c in plan.kids if c not in plan.mapped_children]
    tree.set_parents([plan.kids[c].pk for c in rest], first_new.pk, valid_from=day, change_event=ev)
    log["children"] += [{"code": c, "from": a.code, "to": first_new.code} for c in rest]
    end_mandates(a, day, log)
    log["positions_left"] = sorted(c for c in plan.pos_by_code if c not in plan.mapped_positions)
    dissolve_row(a, day)
