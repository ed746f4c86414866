"""The restructuring simulator's logic (no HTTP): read the form into an operation of
`orgchart.restructuring.services`, run it as a dry run (rolled back) with the org chart drawn
before and after, or for real ("Lên lịch")."""
import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction

from orgchart.core import memo
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.restructuring import services
from orgchart.structure import tree
from orgchart.structure.models import Agency

from . import chart as chart_mod
from . import lookup

OPERATIONS = [
    ("merge", "Hợp nhất, sáp nhập"), ("split", "Chia, tách"), ("move", "Chuyển trực thuộc"),
    ("dissolve", "Giải thể"), ("rename", "Đổi tên"),
]
SOURCES = 3
NAME_FIELDS = ["co_quan", "dich"] + [f"nguon{i}" for i in range(1, SOURCES + 1)]


def default_day() -> dt.date:
    """The first day of next month: restructurings take effect on a month's first day."""
    t = today()
    return dt.date(t.year + (t.month == 12), t.month % 12 + 1, 1)


@dataclass
class Plan:
    op: str = "merge"
    day: dt.date = field(default_factory=default_day)
    decision: str = ""
    new_code: str = ""
    new_name: str = ""
    children: list[str] = field(default_factory=list)
    picks: dict = field(default_factory=dict)  # field name → lookup.Choice
    errors: list[str] = field(default_factory=list)
    submitted: bool = False

    def agency(self, name: str) -> Agency | None:
        c = self.picks.get(name)
        return c.value if c is not None else None

    @property
    def sources(self) -> list[Agency]:
        return [a for a in (self.agency(f"nguon{i}") for i in range(1, SOURCES + 1)) if a is not None]

    @property
    def main(self) -> Agency | None:
        return self.agency("co_quan")

    def involved(self) -> list[Agency]:
        return [a for a in [*self.sources, self.main, self.agency("dich")] if a is not None]


def read(data) -> Plan:
    """The plan typed in the form (`data`: request.GET or request.POST)."""
    plan = Plan(submitted=data.get("xem") == "1" or data.get("thao_tac") is not None and "ngay_hieu_luc" in data)
    op = data.get("thao_tac") or "merge"
    plan.op = op if op in dict(OPERATIONS) else "merge"
    raw = (data.get("ngay_hieu_luc") or "").strip()
    if raw:
        try:
            plan.day = dt.date.fromisoformat(raw)
        except ValueError:
            plan.errors.append(f"Ngày hiệu lực «{raw}» không hợp lệ.")
    plan.decision = (data.get("so_qd") or "").strip()[:100]
    plan.new_code = (data.get("ma_moi") or "").strip()[:64]
    plan.new_name = (data.get("ten_moi") or "").strip()[:255]
    plan.children = [c for c in data.getlist("don_vi") if c][:200] if hasattr(data, "getlist") else []
    for name in NAME_FIELDS:
        choice = lookup.resolve("agency", data.get(name, ""), data.get(f"{name}_ten", ""), plan.day)
        plan.picks[name] = choice
        if choice.options:
            choice.links = [(a.name, _with(data, {name: a.code, f"{name}_ten": a.name})) for a in choice.options[:8]]
        elif choice.error and plan.submitted:
            plan.errors.append(choice.error)
    return plan


def _with(data, changes: dict) -> str:
    """The form's query string with some fields replaced (a link picking one option)."""
    params = data.copy()
    params.pop("csrfmiddlewaretoken", None)
    for key, value in changes.items():
        params[key] = value
    return "?" + params.urlencode()


def _auto_code(base: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]", "", base)[:50] or "CQ"
    code, i = stem, 2
    while Agency.objects.filter(code=code).exists():
        code, i = f"{stem}-{i}", i + 1
    return code


def call(plan: Plan, *, user=None, dry_run: bool):
    """Run the plan through the restructuring service; DomainError on bad input."""
    day, common = plan.day, {"decision_no": plan.decision, "user": user, "dry_run": dry_run}
    main, target = plan.main, plan.agency("dich")
    if plan.op == "merge":
        if not plan.sources:
            raise DomainError("Cần chọn ít nhất một cơ quan bị hợp nhất, sáp nhập.", "invalid", "nguon1")
        if target is not None:
            return services.merge_agencies([a.code for a in plan.sources], day, target_code=target.code, **common)
        if not plan.new_name:
            raise DomainError("Cần chọn cơ quan nhận hoặc nhập tên cơ quan mới.", "invalid", "ten_moi")
        code = plan.new_code or _auto_code(f"{plan.sources[0].code}-HN{day:%Y}")
        return services.merge_agencies([a.code for a in plan.sources], day, new_code=code, new_name=plan.new_name,
                                       **common)
    if main is None:
        raise DomainError("Cần chọn cơ quan, đơn vị.", "invalid", "co_quan")
    if plan.op == "move":
        if target is None:
            raise DomainError("Cần chọn cơ quan cấp trên mới.", "invalid", "dich")
        return services.move_agency(main.code, target.code, day, **common)
    if plan.op == "dissolve":
        return services.dissolve_agency(main.code, day, destination_code=target.code if target else None, **common)
    if plan.op == "rename":
        return services.rename_agency(main.code, plan.new_name, day, **common)
    if not plan.new_name:
        raise DomainError("Cần tên của đơn vị mới được tách ra.", "invalid", "ten_moi")
    code = plan.new_code or _auto_code(f"{main.code}-T{day:%Y}")
    parts = [{"code": main.code, "name": ""}, {"code": code, "name": plan.new_name, "child_codes": plan.children}]
    return services.split_agency(main.code, parts, day, **common)


def chart_root(plan: Plan) -> Agency | None:
    """The unit above everything involved (their parent on the date), where both charts start."""
    involved = plan.involved()
    if not involved:
        return None
    parents = tree.parents_on([a.pk for a in involved], plan.day)
    pid = parents.get(involved[0].pk)
    return Agency.objects.filter(pk=pid).first() if pid else involved[0]


@dataclass
class DryRun:
    impact: dict
    before: object | None
    after: object | None
    created: list[str]
    names: dict  # code → name of the agencies the operation created (gone after the rollback)


def dry_run(plan: Plan) -> DryRun:
    """The impact and the two charts; everything the operation wrote is rolled back."""
    root = chart_root(plan)
    codes = {a.code for a in plan.involved()}
    before = chart_mod.build(root, plan.day, depth=1, expanded=codes, highlight=codes) if root else None
    with transaction.atomic():
        outcome = call(plan, dry_run=False)
        created = list((outcome.impact or {}).get("agencies_created", []))
        names = dict(Agency.objects.filter(code__in=created).values_list("code", "name"))
        after = None
        if root is not None:
            with memo.suspended():
                fresh = Agency.objects.get(pk=root.pk)
                after = chart_mod.build(fresh, plan.day, depth=1, expanded=codes | set(created),
                                        highlight=codes | set(created))
                if plan.op == "rename" and plan.main is not None:  # a rename shows once applied: draw it now
                    for card in after.cards:
                        if card.agency.code == plan.main.code:
                            card.agency.name = plan.new_name
                            card.lines = chart_mod.wrap(plan.new_name, card.w - 16)
        transaction.set_rollback(True)
    return DryRun(outcome.impact or {}, before, after, created, names)
