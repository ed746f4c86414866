"""The ONE dated table of legal numbers used by the structure rules (RULES.md §4).

Each row holds a value on [valid_from, valid_to] (both inclusive, None = unbounded) with the
instrument it comes from; `numbers_on(day)` gives the numbers in force on the date checked.
NĐ 150/2025/NĐ-CP replaced NĐ 45/2025 and NĐ 107/2020 from 2025-07-01: the numbers the spec
gives are unchanged across that date, only the citation switches. To change a number, add a
dated row (and end the old one the day before).
"""
import datetime as dt
from types import MappingProxyType

from orgchart.core.legal import LegalNumber, LegalTable
from orgchart.core.legal import Numbers as _Numbers

ND150_FROM = dt.date(2025, 7, 1)
ND45_TO = ND150_FROM - dt.timedelta(days=1)


_ROWS = (
    # STRUCT-DEPT-COUNT: departments (sở + cơ quan ngang sở) of a province-level people's committee.
    LegalNumber("dept_max", 14, None, None, "NĐ 45/2025 Đ8 → NĐ 150/2025"),
    LegalNumber("dept_max_special", 15, None, None, "NĐ 45/2025 Đ8 → NĐ 150/2025"),
    # STRUCT-DEPUTY-DEPT-AVG: deputies of the departments ≤ 3 × departments (+10 for class special).
    LegalNumber("dept_deputy_avg", 3, None, None, "NĐ 45/2025 Đ6; NĐ 150/2025"),
    LegalNumber("dept_deputy_special_extra", 10, None, None, "NĐ 45/2025 Đ6; NĐ 150/2025"),
    # STRUCT-DEPUTY-DIVISION: ((minimum staff, deputy cap), …) highest first.
    LegalNumber("division_deputy_caps", ((15, 3), (10, 2), (0, 1)), None, ND45_TO, "NĐ 107/2020 (trước NĐ 150/2025)"),
    LegalNumber("division_deputy_caps", ((15, 3), (10, 2), (0, 1)), ND150_FROM, None,
                "NĐ 150/2025 (sửa đổi); trước 01/7/2025: NĐ 107/2020"),
    # STRUCT-DIVISION-MIN-STAFF: a division of a department needs at least 7 staff.
    LegalNumber("division_min_staff", 7, None, ND45_TO, "NĐ 45/2025 Đ5"),
    LegalNumber("division_min_staff", 7, ND150_FROM, None, "NĐ 150/2025 (từ 01/7/2025); NĐ 45/2025 Đ5"),
    # STRUCT-SUBDEPT-MIN-STAFF.
    LegalNumber("subdept_min_staff", 12, None, None, "NĐ 45/2025; NĐ 150/2025"),
    # Warnings and head-of-agency rules (values are not numbers; the row carries the citation).
    LegalNumber("single_child", 1, None, None, "NQ 18-NQ/TW 2017 (giảm cấp trung gian)"),
    LegalNumber("no_function", 0, None, None, "NĐ 158/2018"),
    LegalNumber("head_max", 1, None, None, "Luật CBCC 2025 (trách nhiệm người đứng đầu)"),
    # Merged bodies (2025 orientation of the Central Organisation Commission): extra deputies by
    # number of bodies merged (3 or more: +2), never above the ceiling, for N years after the merger.
    LegalNumber("merged_deputy_extra", MappingProxyType({2: 1, 3: 2}), None, None,
                "Định hướng 2025 của Ban Tổ chức Trung ương (cơ quan hợp nhất: vượt số cấp phó trong 5 năm)"),
    LegalNumber("merged_deputy_ceiling", 7, None, None,
                "Định hướng 2025 của Ban Tổ chức Trung ương (cơ quan hợp nhất: vượt số cấp phó trong 5 năm)"),
    LegalNumber("merged_allowance_years", 5, None, None,
                "Định hướng 2025 của Ban Tổ chức Trung ương (cơ quan hợp nhất: vượt số cấp phó trong 5 năm)"),
)


class Numbers(_Numbers):
    def merged_extra(self, bodies: int) -> int:
        """Extra deputies allowed for a merger of `bodies` agencies (0 below 2)."""
        if bodies < 2:
            return 0
        table = self.merged_deputy_extra
        return table.get(bodies, table[max(table)])


TABLE = LegalTable(_ROWS, Numbers)
numbers_on = TABLE.numbers_on


def division_deputy_cap(staff: int, day: dt.date) -> tuple[int, str]:
    """(cap, citation) of deputies of a division or sub-department with `staff` on `day`:
    staff < 10 → 1; 10–14 → 2; ≥ 15 → 3 (used by STRUCT-DEPUTY-DIVISION and POS-DEPUTY-CAP)."""
    n = numbers_on(day)
    caps = n.division_deputy_caps
    cap = next((c for minimum, c in caps if staff >= minimum), caps[-1][1])
    return cap, n.cite("division_deputy_caps")
