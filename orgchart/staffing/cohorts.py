"""Retirement as a birth-date cut-off, so SQL can count retired / retiring officials.

The retirement date (RULES.md §1) depends only on gender and birth month and never decreases
as the birth month increases. Hence "retired on D" (D > retirement date) is exactly
`birth_date < retired_before(gender, D)`, and "retirement date within [lo, hi]" is
`retired_before(g, lo) <= birth_date < retired_before(g, hi + 1 day)`.
"""
import datetime as dt
from functools import lru_cache

from orgchart.core.choices import Gender
from orgchart.eligibility.calendar import retirement_date

_FIRST = 1850 * 12  # month index of 1850-01


def _month(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=4096)
def retired_before(gender: str, day: dt.date) -> dt.date:
    """First birth date whose holder is NOT yet retired on `day` (all earlier ones are)."""
    lo, hi = _FIRST, (day.year + 1) * 12  # someone born after `day` is certainly not retired
    while lo < hi:  # smallest month m with retirement_date(m) >= day
        mid = (lo + hi) // 2
        if retirement_date(_month(mid), gender) < day:
            lo = mid + 1
        else:
            hi = mid
    return _month(lo)


def retired_sql(alias: str, day: dt.date) -> tuple[str, list]:
    """SQL condition (and params) on official `alias`: retired on `day`."""
    return (
        f"(({alias}.gender = %s AND {alias}.birth_date < %s) OR ({alias}.gender = %s AND {alias}.birth_date < %s))",
        [Gender.MALE.value, retired_before(Gender.MALE, day), Gender.FEMALE.value, retired_before(Gender.FEMALE, day)],
    )


def retiring_between_sql(alias: str, lo: dt.date, hi: dt.date) -> tuple[str, list]:
    """SQL condition on official `alias`: retirement date within [lo, hi]."""
    after = hi + dt.timedelta(days=1)
    parts, params = [], []
    for g in (Gender.MALE, Gender.FEMALE):
        parts.append(f"({alias}.gender = %s AND {alias}.birth_date >= %s AND {alias}.birth_date < %s)")
        params += [g.value, retired_before(g, lo), retired_before(g, after)]
    return "(" + " OR ".join(parts) + ")", params
