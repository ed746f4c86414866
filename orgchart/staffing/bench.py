"""Benchmark helper: p95 latency of the staffingSummary GraphQL request (metric
`staffing_rollup_p95_ms`), executed through the schema as an anonymous caller."""
import time

from django.test import RequestFactory

QUERY = """query($code: String!, $year: Int!) { staffingSummary(agencyCode: $code, year: $year) {
  quota headcount vacancies overQuota separations reductions baselineQuota targetPercent achievedPercent onTrack
} }"""


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def measure(agency_code: str, year: int, n: int = 20) -> float:
    """Run the request n times (after one warm-up) and return the p95 in milliseconds."""
    from django.contrib.auth.models import AnonymousUser

    from orgchart.api.schema import schema

    def once():
        request = RequestFactory().post("/graphql/")
        request.user = AnonymousUser()
        t0 = time.perf_counter()
        result = schema.execute(QUERY, variable_values={"code": agency_code, "year": year}, context_value=request)
        elapsed = (time.perf_counter() - t0) * 1000
        if result.errors:
            raise RuntimeError(f"staffingSummary failed: {result.errors[0]}")
        return elapsed

    once()
    return _p95([once() for _ in range(max(1, n))])
