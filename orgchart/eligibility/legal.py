"""The ONE dated table of legal numbers used by the eligibility rules (RULES.md §2).

Each entry holds a value on [valid_from, valid_to] (both inclusive, None = unbounded) with
the instrument it comes from. `numbers_on(day)` returns the numbers in force on the date
checked, so a change of regime (QĐ 80-QĐ/TW → QĐ 377-QĐ/TW on 2025-10-08) switches on the
date of the check, never on the date the code runs. To change a number, add a dated row.
"""
import datetime as dt
from types import MappingProxyType

from orgchart.core.legal import LegalNumber, LegalTable, Numbers

QD377_FROM = dt.date(2025, 10, 8)
QD80_TO = QD377_FROM - dt.timedelta(days=1)


def _bars(**months):
    return MappingProxyType(months)


_ROWS = (
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
    LegalNumber("age_term_citation", "QĐ 80-QĐ/TW 2022 Đ18(5); HD 06-HD/BTCTW 2021; NĐ 138/2020 Đ41; NĐ 115/2020 (VC)",
                None, QD80_TO, "QĐ 80-QĐ/TW 2022 Đ18(5)"),
    LegalNumber("age_term_citation", "QĐ 377-QĐ/TW 2025 Đ34; HD 06-HD/BTCTW 2021; NĐ 170/2025; NĐ 115/2020 (VC)",
                QD377_FROM, None, "QĐ 377-QĐ/TW 2025 Đ34"),
    LegalNumber("succession_citation", "QĐ 80-QĐ/TW 2022 Đ18(2)", None, QD80_TO, "QĐ 80-QĐ/TW 2022 Đ18(2)"),
    LegalNumber("succession_citation", "QĐ 377-QĐ/TW 2025 Đ34", QD377_FROM, None, "QĐ 377-QĐ/TW 2025 Đ34"),
)


TABLE = LegalTable(_ROWS)
lookup = TABLE.lookup
numbers_on = TABLE.numbers_on


def division_deputy_cap(staff: int, day: dt.date) -> tuple[int, str]:
    """Deputy cap of a division/sub-department with `staff` (RULES §4, one table for both uses)."""
    from orgchart.restructuring.legal import division_deputy_cap as cap

    return cap(staff, day)


def department_deputy_cap(day: dt.date) -> tuple[int, str]:
    """A department's share of the provincial deputy average (RULES §2 POS-DEPUTY-CAP)."""
    from orgchart.restructuring.legal import numbers_on as structure_numbers

    n = structure_numbers(day)
    return n.dept_deputy_avg, n.cite("dept_deputy_avg")


__all__ = ["TABLE", "LegalNumber", "Numbers", "lookup", "numbers_on", "division_deputy_cap", "department_deputy_cap",
           "QD377_FROM", "QD80_TO"]
