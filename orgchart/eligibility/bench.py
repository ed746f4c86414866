"""Benchmark hook (called by bench/metrics.py, not a timed test): eligibility checks per second
inside eligibleCandidates over the province of a position."""
import datetime as dt
import statistics
import time

from orgchart.positions.models import JobPosition
from orgchart.structure.models import Agency
from orgchart.structure.tree import ancestors_on

from . import engine
from .graphql import candidate_pool


def province_of(agency: Agency, on_date: dt.date) -> Agency:
    """The nearest province-level people's committee above (or at) the agency, else its root."""
    chain = ancestors_on([agency.pk], on_date)[agency.pk] + [agency]
    for a in reversed(chain):
        if a.kind == "people_committee" and a.level == "province":
            return a
    return chain[0]


def measure_detail(position_code: str, action: str, on_date: dt.date, under: str | None = None,
                   repeat: int = 5) -> dict:
    """One warm-up run, then `repeat` timed runs of the whole eligibleCandidates evaluation (facts
    loaded from the database + every rule + ranking); the median rate is reported."""
    position = JobPosition.objects.select_related("agency").get(code=position_code)
    area = Agency.objects.get(code=under) if under else province_of(position.agency, on_date)
    pool = candidate_pool(on_date, area, None)
    engine.candidates(position.pk, action, on_date, pool)
    rates, results = [], []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        results = engine.candidates(position.pk, action, on_date, pool)
        seconds = time.perf_counter() - t0
        rates.append(len(results) / seconds if seconds > 0 else 0.0)
    return {
        "checks_per_s": statistics.median(rates),
        "best_checks_per_s": max(rates),
        "checks": len(results),
        "eligible": sum(1 for r in results if r.eligible),
        "runs": len(rates),
        "under": area.code,
    }


def measure(position_code: str, action: str, on_date: dt.date) -> float:
    """Checks per second inside eligibleCandidates (median of 5 runs, facts loading included) over
    the officials holding a post in the position's province on `on_date`."""
    return measure_detail(position_code, action, on_date)["checks_per_s"]
