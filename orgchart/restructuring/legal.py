"""The ONE dated table of legal numbers used by the structure rules (RULES.md §4).

Each row holds a value on [valid_from, valid_to] (both inclusive, None = unbounded) with the
instrument it comes from; `numbers_on(day)` gives the numbers in force on the date checked.
NĐ 150/2025/NĐ-CP replaced NĐ 45/2025 and NĐ 107/2020 from 2025-07-01: the numbers the spec
gives are unchanged across that date, only the citation switches. To change a number, add a
dated row (and end the old one the day before).
"""
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

ND150_FROM = dt.date(2025, 7, 1)
ND45_TO = ND150_FROM - dt.timedelta(days=1)


@dataclass(frozen=True)
class LegalNumber:
    key: str
    value: object
    valid_from: dt.date | None
    valid_to: dt.date | None
    citation: str

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


TABLE: tuple[LegalNumber, ...] = (
    # STRUCT-DEPT-COUNT: departments (sở + cơ quan ngang sở) of a province-level people's committee.
    LegalNumber("dept_max", 14, None, None, "NĐ 45/2025 Đ8 → NĐ 150/2025"),
    LegalNumber("dept_max_special", 15, None, None, "NĐ 45/2025 Đ8 → NĐ 150/2025"),
    # STRUCT-DEPUTY-DEPT-AVG: deputies of the departments ≤ 3 × departments (+10 for class special).
    LegalNumber("dept_deputy_avg", 3, None, None, "NĐ 45/2025 Đ6; NĐ 150/2025"),
    LegalNumber("dept_deputy_special_extra", 10, None, None, "NĐ 45/2025 Đ6; NĐ 150/2025"),
    # STRUCT-DEPUTY-DIVISION: ((minimum staff, deputy cap), …) highest first.
    LegalNumber("division_deputy_caps", ((15, 3), (10, 2), (0, 1)), None, ND45_TO, "NĐ 107/2020 (trước NĐ 150/2025)"),
    LegalNumber("division_deputy_caps", ((15, 3), (10, 2), (0, 1)), ND150_FROM, None,
                "NĐ 150/2025 (sửa đổi); earlier NĐ 107/2020"),
    # STRUCT-DIVISION-MIN-STAFF: a division of a department needs at least 7 staff.
    LegalNumber("division_min_staff", 7, None, ND45_TO, "NĐ 45/2025 Đ5"),
    LegalNumber("division_min_staff", 7, ND150_FROM, None, "NĐ 150/2025 (from 2025-07-01); NĐ 45/2025 Đ5"),
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


class Numbers:
    """The legal numbers in force on one date: one attribute per key, `cite(key)` its citation."""

    def __init__(self, day: dt.date, rows: dict[str, LegalNumber]):
        self.day = day
        self._rows = rows
        for key, row in rows.items():
            setattr(self, key, row.value)

    def cite(self, key: str) -> str:
        return self._rows[key].citation

    def has(self, key: str) -> bool:
        return key in self._rows

    def merged_extra(self, bodies: int) -> int:
        """Extra deputies allowed for a merger of `bodies` agencies (0 below 2)."""
        if bodies < 2:
            return 0
        table = self.merged_deputy_extra
        return table.get(bodies, table[max(table)])


@lru_cache(maxsize=512)
def numbers_on(day: dt.date) -> Numbers:
    rows: dict[str, LegalNumber] = {}
    for row in TABLE:
        if row.holds_on(day):
            rows[row.key] = row
    return Numbers(day, rows)
