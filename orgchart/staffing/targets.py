"""Reduction targets (RULES.md §3): which target applies, achieved % and on-track.

Choice of the target row for agency A, year Y and kind K (documented decision):
- candidate rows: on A or one of its ancestors (tree of the reference date), period
  `period_start ≤ Y ≤ period_end`; with K given, rows of kind K or kind '' (all kinds);
  without K (all kinds summed), only rows of kind '' — a per-kind target is not comparable
  with an all-kinds quota;
- the nearest agency wins (A itself, then its parent, …), whatever the kind of its row;
- on the same agency an exact-kind row beats a '' row, then the latest `period_start` wins.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from .models import ReductionTarget

CENT = Decimal("0.01")


def candidate_rows(agency_ids, year: int, kinds) -> list[ReductionTarget]:
    """Target rows on these agencies covering `year`, of one of `kinds` ('' included by callers)."""
    return list(
        ReductionTarget.objects.filter(
            agency_id__in=list(agency_ids), period_start__lte=year, period_end__gte=year, kind__in=list(kinds)
        ).select_related("agency")
    )


def pick(rows: list[ReductionTarget], chain: list[int], kind: str | None) -> ReductionTarget | None:
    """The applicable row for an agency whose chain is [root, …, parent, agency]."""
    wanted = {kind, ""} if kind else {""}
    by_agency: dict[int, list[ReductionTarget]] = {}
    for r in rows:
        if r.kind in wanted:
            by_agency.setdefault(r.agency_id, []).append(r)
    for agency_id in reversed(chain):
        found = by_agency.get(agency_id)
        if found:
            return max(found, key=lambda r: (bool(kind) and r.kind == kind, r.period_start, r.pk))
    return None


def achieved_percent(baseline: int, quota: int) -> Decimal | None:
    """(baseline − quota) / baseline × 100, rounded half-up (away from zero) to 2 decimals."""
    if not baseline:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(baseline - quota) * 100 / Decimal(baseline)
        return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def required_fraction(target: ReductionTarget, year: int) -> Fraction:
    """targetPercent × (Y − baseline_year) / (period_end − baseline_year), exactly."""
    span = target.period_end - target.baseline_year
    percent = Fraction(target.percent)
    if span <= 0:
        return percent
    return percent * (year - target.baseline_year) / span


def required_percent(target: ReductionTarget, year: int) -> Decimal:
    f = required_fraction(target, year)
    with localcontext() as ctx:
        ctx.prec = 60
        return (Decimal(f.numerator) / Decimal(f.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def on_track(achieved: Decimal | None, target: ReductionTarget, year: int) -> bool | None:
    if achieved is None:
        return None
    return Fraction(achieved) >= required_fraction(target, year)


@dataclass
class TargetStatus:
    target: ReductionTarget | None = None
    baseline_quota: int | None = None
    achieved_percent: Decimal | None = None
    required_percent: Decimal | None = None
    on_track: bool | None = None

    @classmethod
    def of(cls, target: ReductionTarget | None, baseline: int | None, quota: int, year: int) -> "TargetStatus":
        if target is None:
            return cls()
        achieved = achieved_percent(baseline or 0, quota)
        return cls(target, baseline or 0, achieved, required_percent(target, year), on_track(achieved, target, year))
