"""Retirement dates (RULES.md §1): Labour Code 2019 Art. 169(2); Decree 135/2020 Art. 4, Appendix I."""
import datetime as dt
from functools import lru_cache

from orgchart.core.dates import add_months, end_of_month, whole_months

CITATION = "BLLĐ 2019 Đ169(2); NĐ 135/2020/NĐ-CP Đ4, Phụ lục I"

# (schedule start month, base age before it, first age, step months, every N birth months, cap age), ages in months
_SCHEDULE = {
    "male": ((1961, 1), 60 * 12, 60 * 12 + 3, 3, 9, 62 * 12),
    "female": ((1966, 1), 55 * 12, 55 * 12 + 4, 4, 8, 60 * 12),
}


def retirement_age_months(birth_date: dt.date, gender: str) -> int:
    (y0, m0), before, first, step, every, cap = _SCHEDULE[gender]
    m = (birth_date.year - y0) * 12 + (birth_date.month - m0)
    if m < 0:
        return before
    return min(first + step * (m // every), cap)


def retirement_date(birth_date: dt.date | None, gender: str | None) -> dt.date | None:
    """Last day of the month in which birth month + retirement age falls."""
    if birth_date is None or gender not in _SCHEDULE:
        return None
    return _retirement_of_month(birth_date.year, birth_date.month, gender)


@lru_cache(maxsize=8192)
def _retirement_of_month(year: int, month: int, gender: str) -> dt.date:
    born = dt.date(year, month, 1)
    end = add_months(born, retirement_age_months(born, gender))
    return end_of_month(end.year, end.month)


def remaining_months(birth_date: dt.date, gender: str, on: dt.date) -> int:
    """Whole months from `on` to the retirement date (negative once retired)."""
    rd = retirement_date(birth_date, gender)
    if rd is None:
        return 0
    if on <= rd:
        return whole_months(on, rd)
    return -whole_months(rd, on)
