"""The ONE dated table of legal numbers used by the eligibility rules (RULES.md §2).

Each entry holds a value on [valid_from, valid_to] (both inclusive, None = unbounded) with
the instrument it comes from. `numbers_on(day)` returns the numbers in force on the date
checked, so a change of regime (QĐ 80-QĐ/TW → QĐ 377-QĐ/TW on 2025-10-08) switches on the
date of the check, never on the date the code runs. To change a number, add a dated row.
"""
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

QD377_FROM = dt.date(2025, 10, 8)
QD80_TO = QD377_FROM - dt.timedelta(days=1)


@dataclass(frozen=True)
class LegalNumber:
    key: str
    value: object
    valid_from: dt.date | None
    valid_to: dt.date | None
    citation: str

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


def _bars(**months):
    return MappingProxyType(months)


TABLE: tuple[LegalNumber, ...] = (
    LegalNumber("term_months", 60, None, None, "QĐ 80-QĐ/TW 2022 Đ18(5); NĐ 138/2020 Đ41; NĐ 115/2020 (VC)"),
    LegalNumber("reappointment_min_months", 24, None, None, "NĐ 115/2020 Đ49(3); NĐ 138/2020 → NĐ 170/2025"),
    LegalNumber("rotation_min_months", 120, None, None, "QĐ 65-QĐ/TW 2022 Đ5"),
    LegalNumber("time_in_post_days", 730, None, QD80_TO, "QĐ 80-QĐ/TW 2022 Đ18(3); NĐ 85/2023"),
    LegalNumber("time_in_post_days", 730, QD377_FROM, None, "QĐ 377-QĐ/TW 2025 Đ34; NĐ 85/2023"),
    LegalNumber("recruitment_min_age", 18, None, None, "Luật CBCC 2025 (điều kiện dự tuyển)"),
    LegalNumber("reappointment_max_terms", 2, None, None, "NĐ 138/2020 Đ41(2)"),
    LegalNumber("consecutive_gap_days", 1, None, None, "NĐ 138/2020 Đ41(2)"),
    LegalNumber("term_recent_end_days", 90, None, None, "NĐ 138/2020 Đ41(2)"),
    # Disciplines barring a first/higher appointment, months from effective_on (else decided_on).
    LegalNumber(
        "appointment_discipline_bar_months",
        _bars(reprimand=12, warning=30, dismissal_from_post=60, removal=60, salary_demotion=12, demotion=24),
        None, QD80_TO, "QĐ 80-QĐ/TW 2022 Đ18(7); Luật CBCC 2008 Đ82 sđ 2019",
    ),
    LegalNumber(
        "appointment_discipline_bar_months",
        _bars(reprimand=24, warning=36, dismissal_from_post=60, removal=60, salary_demotion=12, demotion=24),
        QD377_FROM, None, "QĐ 377-QĐ/TW 2025 Đ34; Luật CBCC 2008 Đ82 sđ 2019",
    ),
    LegalNumber(
        "reappointment_discipline_bar_months",
        _bars(reprimand=12, warning=12, salary_demotion=12, demotion=24, dismissal_from_post=24, removal=24),
        None, None, "Luật CBCC 2008 Đ82 sđ 2019",
    ),
    # Deputy caps: division/sub_department by staff ((minimum staff, cap), highest first); department 3.
    LegalNumber("division_deputy_cap", ((15, 3), (10, 2), (0, 1)), None, None,
                "NĐ 150/2025 (sửa đổi NĐ 24/2014); trước đó NĐ 107/2020"),
    LegalNumber("department_deputy_cap", 3, None, None, "NĐ 45/2025 Đ6; NĐ 150/2025"),
    LegalNumber("age_term_citation", "QĐ 80-QĐ/TW 2022 Đ18(5); HD 06-HD/BTCTW 2021; NĐ 138/2020 Đ41; NĐ 115/2020 (VC)",
                None, QD80_TO, "QĐ 80-QĐ/TW 2022 Đ18(5)"),
    LegalNumber("age_term_citation", "QĐ 377-QĐ/TW 2025 Đ34; HD 06-HD/BTCTW 2021; NĐ 170/2025; NĐ 115/2020 (VC)",
                QD377_FROM, None, "QĐ 377-QĐ/TW 2025 Đ34"),
    LegalNumber("succession_citation", "QĐ 80-QĐ/TW 2022 Đ18(2)", None, QD80_TO, "QĐ 80-QĐ/TW 2022 Đ18(2)"),
    LegalNumber("succession_citation", "QĐ 377-QĐ/TW 2025 Đ34", QD377_FROM, None, "QĐ 377-QĐ/TW 2025 Đ34"),
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


def lookup(key: str, day: dt.date) -> LegalNumber:
    """The row of `key` in force on `day` (KeyError when none)."""
    for row in TABLE:
        if row.key == key and row.holds_on(day):
            return row
    raise KeyError(f"no legal number {key!r} in force on {day}")


@lru_cache(maxsize=4096)
def numbers_on(day: dt.date) -> Numbers:
    return Numbers(day, {key: lookup(key, day) for key in dict.fromkeys(r.key for r in TABLE)})


def division_deputy_cap(staff: int, day: dt.date) -> int:
    for minimum, cap in numbers_on(day).division_deputy_cap:
        if staff >= minimum:
            return cap
    return 1
