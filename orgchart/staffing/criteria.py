"""Reduction criteria, exemption and regime (RULES.md §3) as pure functions over plain data.

Each criterion returns a `Finding` (code, severity `warning`: a criterion flags, the agency
decides; Vietnamese message, citation) or None; the legal
numbers and citations come from `legal.py`, the entry in force on the reference date.
"""
import datetime as dt
import functools

from orgchart.core.choices import Education, Gender, Regime, rank
from orgchart.core.dates import add_months
from orgchart.core.findings import WARNING, Finding
from orgchart.core.text import fold, split_list

from . import legal


def _make(code: str, on: dt.date, **fmt) -> Finding:
    r = legal.rule(code, on)
    return Finding(code, WARNING, str(r.value).format(**fmt), r.citation)


def is_exempt(gender: str, youngest_child_born_on: dt.date | None, on: dt.date) -> bool:
    """A woman whose youngest child is younger than N (36) months on `on` (N months counted
    with add_months: exempt while child's birth date + N months > on)."""
    if gender != Gender.FEMALE or youngest_child_born_on is None:
        return False
    return add_months(youngest_child_born_on, legal.value("exempt_child_months", on)) > on


def exemption(gender: str, youngest_child_born_on: dt.date | None, on: dt.date) -> Finding | None:
    """RED-EXEMPT-CHILD: why an official who meets a criterion is not reduced (is_exempt); a
    `warning` like the criteria (it informs, the agency decides nothing on it)."""
    if not is_exempt(gender, youngest_child_born_on, on):
        return None
    months = legal.value("exempt_child_months", on)
    r = legal.rule("RED-EXEMPT-CHILD", on)
    return Finding("RED-EXEMPT-CHILD", WARNING, str(r.value).format(
        months=months, born=youngest_child_born_on.strftime("%d/%m/%Y"),
        until=add_months(youngest_child_born_on, months).strftime("%d/%m/%Y"),
    ), r.citation)


def regime(retirement: dt.date | None, on: dt.date) -> str:
    """early_retirement when on + 24 months ≤ retirement date ≤ on + 60 months (both bounds
    inclusive: at least a full 2 and at most a full 5 years remain), else leave_service."""
    if retirement is None:
        return Regime.LEAVE_SERVICE.value
    lo = add_months(on, legal.value("early_retirement_min_months", on))
    hi = add_months(on, legal.value("early_retirement_max_months", on))
    return Regime.EARLY_RETIREMENT.value if lo <= retirement <= hi else Regime.LEAVE_SERVICE.value


def rating(not_completed_years: set[int], year: int, on: dt.date) -> Finding | None:
    """RED-RATING: rated not_completed in Y or Y − 1."""
    if not_completed_years & {year, year - 1}:
        return _make("RED-RATING", on, year=year, prev=year - 1)
    return None


@functools.lru_cache(maxsize=65536)
def _fold(value: str) -> str:
    return fold(value)


@functools.lru_cache(maxsize=4096)
def _allowed(education_fields: str) -> frozenset:
    return frozenset(_fold(f) for f in split_list(education_fields))


def qualification_gap(education_level: str, education_field: str, min_education: str, education_fields: str) -> bool:
    if min_education and rank(Education, education_level) < rank(Education, min_education):
        return True
    allowed = _allowed(education_fields or "")
    return bool(allowed) and _fold(education_field or "") not in allowed


def qualification(official, positions, on: dt.date) -> Finding | None:
    """RED-QUALIFICATION: education below a held position's min_education, or field outside
    its education_fields (case/diacritics-insensitive; a missing field is outside)."""
    for p in positions:
        if qualification_gap(official.education_level, official.education_field, p.min_education, p.education_fields):
            return _make("RED-QUALIFICATION", on, position=p.code)
    return None


def over_quota(positions, holders: dict[int, int], on: dt.date) -> Finding | None:
    """RED-OVER-QUOTA: a held position whose holders (exempt ones included) exceed its quota."""
    for p in positions:
        n = holders.get(p.pk, 0)
        if p.quota is not None and n > p.quota:
            return _make("RED-OVER-QUOTA", on, position=p.code, holders=n, quota=p.quota)
    return None


def leader_restructured(former: list, held_role: str | None, on: dt.date) -> Finding | None:
    """RED-LEADER-RESTRUCT: a head or deputy post held the day before a recorded restructuring
    dissolved or absorbed its agency (within the window, see `restructured`), and no post of the
    same leadership role or higher held on the reference date (head > deputy > none)."""
    from .restructured import rank

    lost = [p for p in former if rank(held_role) < rank(p.role)]
    if not lost:
        return None
    lost.sort(key=lambda p: (-rank(p.role), p.effective_on, p.position_code))
    roles = {"head": "người đứng đầu", "deputy": "cấp phó"}
    posts = "; ".join(f"{roles[p.role]} {p.agency_name} ({p.position_code}) đến ngày "
                      f"{p.effective_on - dt.timedelta(days=1):%d/%m/%Y}" for p in lost)
    now = roles.get(held_role or "", "không giữ chức vụ lãnh đạo")
    return _make("RED-LEADER-RESTRUCT", on, posts=posts, now=now)
