"""Structure rules (RULES.md §4) as pure functions over facts gathered by `selectors`.

Each rule takes one agency's `UnitFacts` and the legal `Numbers` in force on the date checked
and returns a `Finding` (code, severity, Vietnamese message, citation) or None. Nothing here
touches the database.
"""
import datetime as dt
from dataclasses import dataclass, field

from orgchart.core.choices import AgencyClass, AgencyKind, AgencyLevel
from orgchart.core.dates import add_months
from orgchart.core.findings import VIOLATION, WARNING, Finding

from .legal import Numbers, division_deputy_cap

V, W = VIOLATION, WARNING
DEPARTMENT_KINDS = frozenset({AgencyKind.DEPARTMENT, AgencyKind.DEPARTMENT_EQUIVALENT})
CODES = (
    "STRUCT-DEPT-COUNT", "STRUCT-DEPUTY-DEPT-AVG", "STRUCT-DEPUTY-DIVISION", "STRUCT-DIVISION-MIN-STAFF",
    "STRUCT-SUBDEPT-MIN-STAFF", "STRUCT-SINGLE-CHILD", "STRUCT-NO-FUNCTION", "STRUCT-HEAD-VACANT",
    "STRUCT-HEAD-MULTIPLE",
)


@dataclass
class Merger:
    """The agency resulted from a merger of `bodies` agencies effective on `on`."""

    on: dt.date
    bodies: int


@dataclass
class UnitFacts:
    """What the rules need to know about one active agency on the date checked."""

    kind: str
    level: str = ""
    agency_class: str = ""
    parent_kind: str | None = None
    staff: int = 0  # own civil_servant quota of the year if recorded, else CS + cadre holders
    deputies: int = 0  # holders of its deputy positions
    head_positions: int = 0
    head_holders: int = 0
    active_children: int = 0
    function_mandates: int = 0
    merger: Merger | None = None
    # For a province-level people's committee: facts of its active department children.
    departments: list["UnitFacts"] = field(default_factory=list)


def merged_extra(facts: UnitFacts, day: dt.date, n: Numbers) -> int:
    """Deputies a merged body may have above its cap on `day` (0 outside the allowance window)."""
    m = facts.merger
    if m is None or not (m.on <= day < add_months(m.on, 12 * n.merged_allowance_years)):
        return 0
    return n.merged_extra(m.bodies)


def deputy_cap(staff: int, n: Numbers) -> int:
    return division_deputy_cap(staff, n.day)[0]


def _is_province_pc(f: UnitFacts) -> bool:
    return f.kind == AgencyKind.PEOPLE_COMMITTEE and f.level == AgencyLevel.PROVINCE


def dept_count(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if not _is_province_pc(f):
        return None
    special = f.agency_class == AgencyClass.SPECIAL
    limit = n.dept_max_special if special else n.dept_max
    count = len(f.departments)
    if count <= limit:
        return None
    return Finding(
        "STRUCT-DEPT-COUNT", V,
        f"UBND cấp tỉnh có {count} sở và cơ quan ngang sở, vượt mức tối đa {limit}"
        + (" (đơn vị hành chính loại đặc biệt)" if special else ""),
        n.cite("dept_max_special" if special else "dept_max"),
    )


def deputy_dept_avg(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if not _is_province_pc(f) or not f.departments:
        return None
    count = len(f.departments)
    total = sum(d.deputies for d in f.departments)
    special = f.agency_class == AgencyClass.SPECIAL
    limit = n.dept_deputy_avg * count + (n.dept_deputy_special_extra if special else 0)
    if total <= limit:
        return None
    allowance = sum(
        min(merged_extra(d, day, n), max(n.merged_deputy_ceiling - n.dept_deputy_avg, 0)) for d in f.departments
    )
    base = f"Các sở, cơ quan ngang sở có tổng cộng {total} cấp phó, vượt mức {limit} ({n.dept_deputy_avg} × {count} sở"
    base += f" + {n.dept_deputy_special_extra})" if special else ")"
    if allowance and total <= limit + allowance:
        return Finding(
            "STRUCT-DEPUTY-DEPT-AVG", W,
            base + f"; trong mức cho phép của cơ quan hợp nhất (thêm {allowance}) trong thời hạn "
            f"{n.merged_allowance_years} năm kể từ khi hợp nhất",
            n.cite("merged_deputy_extra"),
        )
    return Finding("STRUCT-DEPUTY-DEPT-AVG", V, base, n.cite("dept_deputy_avg"))


def deputy_division(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.kind not in (AgencyKind.DIVISION, AgencyKind.SUB_DEPARTMENT):
        return None
    cap = deputy_cap(f.staff, n)
    if f.deputies <= cap:
        return None
    unit = "Phòng" if f.kind == AgencyKind.DIVISION else "Chi cục"
    base = f"{unit} có {f.deputies} cấp phó, vượt mức tối đa {cap} (biên chế {f.staff})"
    extra = merged_extra(f, day, n)
    if extra and f.deputies <= max(cap, min(cap + extra, n.merged_deputy_ceiling)):
        return Finding(
            "STRUCT-DEPUTY-DIVISION", W,
            base + f"; trong mức cho phép của cơ quan hợp nhất ({f.merger.bodies} cơ quan, thêm {extra}, "
            f"không quá {n.merged_deputy_ceiling}) trong {n.merged_allowance_years} năm kể từ khi hợp nhất",
            n.cite("merged_deputy_extra"),
        )
    return Finding("STRUCT-DEPUTY-DIVISION", V, base, n.cite("division_deputy_caps"))


def division_min_staff(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.kind != AgencyKind.DIVISION or f.parent_kind not in DEPARTMENT_KINDS:
        return None
    if f.staff >= n.division_min_staff:
        return None
    return Finding(
        "STRUCT-DIVISION-MIN-STAFF", V,
        f"Phòng thuộc sở có {f.staff} biên chế, dưới mức tối thiểu {n.division_min_staff}",
        n.cite("division_min_staff"),
    )


def subdept_min_staff(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.kind != AgencyKind.SUB_DEPARTMENT or f.staff >= n.subdept_min_staff:
        return None
    return Finding(
        "STRUCT-SUBDEPT-MIN-STAFF", V,
        f"Chi cục có {f.staff} biên chế, dưới mức tối thiểu {n.subdept_min_staff}",
        n.cite("subdept_min_staff"),
    )


def single_child(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.active_children != n.single_child:
        return None
    return Finding(
        "STRUCT-SINGLE-CHILD", W,
        "Cơ quan chỉ có một đơn vị trực thuộc đang hoạt động (cấp trung gian, cần xem xét sắp xếp)",
        n.cite("single_child"),
    )


def no_function(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.function_mandates > n.no_function:
        return None
    return Finding(
        "STRUCT-NO-FUNCTION", W, "Cơ quan chưa có chức năng được quy định (đang có hiệu lực)", n.cite("no_function")
    )


def head_vacant(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.head_positions == 0 or f.head_holders > 0:
        return None
    return Finding("STRUCT-HEAD-VACANT", W, "Cơ quan có vị trí người đứng đầu nhưng chưa có người giữ", n.cite("head_max"))


def head_multiple(f: UnitFacts, day: dt.date, n: Numbers) -> Finding | None:
    if f.head_holders <= n.head_max:
        return None
    return Finding(
        "STRUCT-HEAD-MULTIPLE", V, f"Cơ quan có {f.head_holders} người cùng giữ vị trí người đứng đầu", n.cite("head_max")
    )


RULES = (
    dept_count, deputy_dept_avg, deputy_division, division_min_staff, subdept_min_staff,
    single_child, no_function, head_vacant, head_multiple,
)


def check(f: UnitFacts, day: dt.date, n: Numbers) -> list[Finding]:
    """Every finding for one active agency, in the order of RULES.md §4."""
    return [r for r in (rule(f, day, n) for rule in RULES) if r is not None]
