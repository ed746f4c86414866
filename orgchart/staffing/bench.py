"""Benchmark helper: p95 latency of the staffingSummary GraphQL request (metric
`staffing_rollup_p95_ms`), through the API view (validation, per-request memo, JSON) as an
anonymous caller — staffing figures are public counts."""
import json
import time

from django.test import RequestFactory

QUERY = """query($code: String!, $year: Int!) { staffingSummary(agencyCode: $code, year: $year) {
  quota headcount vacancies overQuota separations reductions baselineQuota targetPercent achievedPercent onTrack
} }"""


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def measure(agency_code: str, year: int, n: int = 20) -> float:
    """Run the request n times (after one warm-up, which may build the day's roll-up) and
    return the p95 in milliseconds."""
    from django.contrib.auth.models import AnonymousUser

    from orgchart.api.views import graphql_view as view

    body = json.dumps({"query": QUERY, "variables": {"code": agency_code, "year": year}})
    factory = RequestFactory()

    def once():
        request = factory.post("/graphql/", data=body, content_type="application/json")
        request.user = AnonymousUser()
        t0 = time.perf_counter()
        response = view(request)
        elapsed = (time.perf_counter() - t0) * 1000
        payload = json.loads(response.content)
        if response.status_code != 200 or payload.get("errors"):
            raise RuntimeError(f"staffingSummary failed: {response.status_code} {payload.get('errors')}")
        return elapsed

    once()
    return _p95([once() for _ in range(max(1, n))])
