"""attritionForecast: how many holders retire naturally in each coming year, per quota kind,
and whether the kind's reduction target can be met by attrition alone.

Definitions (documented decisions):
- population: officials holding a primary assignment in the subtree on the reference date of
  `from_year` (each once), as headcount counts them;
- `alreadyRetired`: those of them already past their retirement date on that date (they
  leave first; counted in the first year's projection);
- `retiring` in year y: retirement date within year y and after the reference date;
- `projectedHeadcount` (end of y) = headcount − alreadyRetired − retirements through y
  (no recruitment assumed);
- `allowedQuota` in y = ⌊baselineQuota × (1 − requiredPercent(y) / 100)⌋, requiredPercent(y)
  the pro-rata of RULES.md §3 (the full target after period_end); `meetsTarget` = projectedHeadcount ≤ allowedQuota;
- `canMeetByAttrition` = meetsTarget at the target's period_end (computed even when
  period_end lies beyond the forecast window); no target → null.
"""
import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import connection

from orgchart.core.dates import reference_date
from orgchart.structure.models import Agency
from orgchart.structure.tree import ancestors_on

from . import selectors
from .cohorts import retiring_between_sql
from .dbutil import analytic
from .models import ReductionTarget
from .targets import candidate_rows, pick, required_fraction


@dataclass
class ForecastYear:
    year: int
    retiring: int
    cumulative: int
    projected_headcount: int
    allowed_quota: int | None = None
    meets_target: bool | None = None


@dataclass
class KindForecast:
    kind: str
    headcount: int
    already_retired: int
    target: ReductionTarget | None = None
    baseline_quota: int | None = None
    target_quota: int | None = None
    retiring_by_period_end: int | None = None
    reduction_needed: int | None = None
    can_meet_by_attrition: bool | None = None
    years: list[ForecastYear] = field(default_factory=list)


@dataclass
class Forecast:
    agency: Agency
    from_year: int
    reference_date: dt.date
    kinds: list[KindForecast]


def allowed_quota(baseline: int, target: ReductionTarget, year: int) -> int:
    """After period_end the full target stays the bound (the pro-rata does not grow further)."""
    frac = required_fraction(target, min(year, target.period_end))
    return math.floor(baseline * (1 - frac / 100))


def _counts(agency: Agency, day: dt.date, buckets: list[int]):
    """{kind: (headcount, already_retired, {year: retiring})} in one statement."""
    head, params = selectors.holders_cte([agency.pk], day, None)
    cols, col_params = [], []
    after = day + dt.timedelta(days=1)
    for y in buckets:
        lo = max(dt.date(y, 1, 1), after)
        hi = dt.date(y, 12, 31)
        if lo > hi:
            cols.append("0")
            continue
        cond, p = retiring_between_sql("o", lo, hi)
        cols.append(f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)")
        col_params += p
    sql = (
        f"{head} SELECT held.kind, COUNT(*), SUM(held.retired){''.join(', ' + c for c in cols)}"
        f" FROM held JOIN {selectors.T_OFFICIAL} o ON o.id = held.official_id WHERE held.rn = 1 GROUP BY held.kind"
    )
    with analytic(), connection.cursor() as cur:
        cur.execute(sql, [*params, *col_params])
        out = {}
        for kind, n, retired, *per_year in cur.fetchall():
            out[kind] = (int(n or 0), int(retired or 0), {y: int(v or 0) for y, v in zip(buckets, per_year, strict=True)})
        return out


def attrition_forecast(agency: Agency, from_year: int, years: int = 5) -> Forecast:
    if years < 1 or years > 50:
        raise ValueError("years phải từ 1 đến 50")
    day = reference_date(from_year)
    chain = [a.pk for a in ancestors_on([agency.pk], day)[agency.pk]] + [agency.pk]
    rows = candidate_rows(chain, from_year, [*selectors.KINDS, ""])
    targets = {k: pick(rows, chain, k) for k in selectors.KINDS}
    sums = selectors.quota_sums_by_kind(agency.pk, {t.baseline_year for t in targets.values() if t}, day)
    baselines = {k: sums.get((t.baseline_year, k), 0) for k, t in targets.items() if t is not None}
    last = max([from_year + years - 1, *(t.period_end for t in targets.values() if t)])
    buckets = list(range(from_year, last + 1))
    counts = _counts(agency, day, buckets)
    kinds = []
    for k in selectors.KINDS:
        headcount, retired, per_year = counts.get(k, (0, 0, dict.fromkeys(buckets, 0)))
        t = targets[k]
        kf = KindForecast(k, headcount, retired, t, baselines.get(k))
        cumulative = retired
        for y in buckets:
            cumulative += per_year[y]
            projected = headcount - cumulative
            fy = ForecastYear(y, per_year[y], cumulative, projected)
            if t is not None and kf.baseline_quota is not None:
                fy.allowed_quota = allowed_quota(kf.baseline_quota, t, y)
                fy.meets_target = projected <= fy.allowed_quota
                if y == t.period_end:
                    kf.target_quota = fy.allowed_quota
                    kf.retiring_by_period_end = cumulative
                    kf.reduction_needed = max(projected - fy.allowed_quota, 0)
                    kf.can_meet_by_attrition = fy.meets_target
            if y < from_year + years:
                kf.years.append(fy)
        kinds.append(kf)
    return Forecast(agency, from_year, day, kinds)
