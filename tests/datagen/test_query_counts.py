"""The main queries issue the same number of SQL statements on a small and a larger generated
data set (issue 9: query counts constant in tree size)."""
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import make_generator, wipe

AGENCY = """{ agency(code: "T01") { code name parent { code } children { code } ancestors { code } descendantCount
  mandates { ref kind } positions { code title quota filled } headcount } }"""
AGENCIES = """{ agencies(first: 50, under: "T01") { totalCount edges { node { code children { code } } } } }"""
STAFFING = """{ staffingSummary(agencyCode: "VN", year: 2026) { quota headcount vacancies overQuota separations
  reductions baselineQuota targetPercent achievedPercent onTrack } }"""
CANDIDATES = """{ eligibleCandidates(positionCode: "T01.S01.VT02", action: FIRST_APPOINTMENT, first: 20) {
  official { code } eligible violations { code } } }"""


def count(client, query, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    with CaptureQueriesContext(connection) as ctx:
        resp = client.post("/graphql/", data=json.dumps({"query": query}), content_type="application/json", **headers)
    body = resp.json()
    assert resp.status_code == 200 and not body.get("errors"), body
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_main_queries_same_count_at_two_sizes(client, make_token):
    queries = {"agency": AGENCY, "agencies": AGENCIES, "staffing": STAFFING, "candidates": CANDIDATES}
    make_generator(agencies=60, officials=300).run(progress=False)
    token = make_token("admin")
    for q in queries.values():  # warm-up: per-process caches are not part of the count
        count(client, q, token)
    small = {name: count(client, q, token) for name, q in queries.items()}
    wipe()
    make_generator(agencies=140, officials=900).run(progress=False)
    big = {name: count(client, q, token) for name, q in queries.items()}
    assert big == small, (small, big)
    assert all(n > 0 for n in small.values())
