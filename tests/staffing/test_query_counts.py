"""The number of SQL queries does not depend on the size of the tree."""
import datetime as dt

import pytest

from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota, ReductionTarget
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink

D = dt.date
Y = 2024
MAX_QUERIES = 18  # PostgreSQL: + SAVEPOINT, SET LOCAL jit = off, RELEASE per analytic block
COLD_MAX_QUERIES = 30  # PostgreSQL roll-up: the first request of a day (re)builds the snapshot

SUMMARY = """query($code: String!) { staffingSummary(agencyCode: $code, year: 2024) {
  agency { code } quota headcount vacancies overQuota separations reductions baselineQuota targetPercent
  achievedPercent onTrack retiredStillHolding byKind { kind quota } target { agency { code } percent } } }"""
BREAKDOWN = """query($code: String!) { staffingBreakdown(agencyCode: $code, year: 2024) {
  agency { code name } quota headcount vacancies overQuota separations reductions baselineQuota achievedPercent onTrack
  target { agency { code } } } }"""
CANDIDATES = """query($code: String!) { reductionCandidates(agencyCode: $code, year: 2024) {
  official { code fullName } criteria { code } regime } }"""
FORECAST = """query($code: String!) { attritionForecast(agencyCode: $code, fromYear: 2024) {
  kinds { kind headcount years { year retiring } } } }"""


def make_tree(n: int, fanout: int = 8, history: bool = False):
    """n agencies (ROOT + children breadth-first), a position, a quota and two holders in each."""
    agencies = [Agency(code="ROOT", name="Gốc", kind="people_committee", level="province",
                       **tree.blank_node_values())]
    for i in range(1, n):
        agencies.append(Agency(code=f"N{i:04d}", name=f"Đơn vị {i}", kind="division", level="province",
                               **tree.blank_node_values()))
    Agency.objects.bulk_create(agencies)
    agencies = list(Agency.objects.order_by("id"))
    for i, a in enumerate(agencies[1:], start=1):
        a.parent_id = agencies[(i - 1) // fanout].pk
    Agency.objects.bulk_update(agencies, ["parent"])
    tree.rebuild()
    if history:  # parent intervals with a boundary in 2025: 2024 is read through the link CTE, not MPTT
        last = agencies[-1]
        AgencyLink.objects.bulk_create(
            [AgencyLink(agency=a, parent_id=a.parent_id) for a in agencies[:-1]]
            + [AgencyLink(agency=last, parent_id=last.parent_id, valid_to=D(2025, 3, 31)),
               AgencyLink(agency=last, parent_id=last.parent_id, valid_from=D(2025, 4, 1))]
        )
    positions = JobPosition.objects.bulk_create(
        JobPosition(code=f"P{a.pk}", agency=a, title="Chuyên viên", category="professional", quota=1) for a in agencies
    )
    officials = Official.objects.bulk_create(
        Official(code=f"O{i:05d}", full_name=f"Người {i}", birth_date=D(1965 + i % 30, 1 + i % 12, 1),
                 gender="male" if i % 2 else "female", staff_type="civil_servant") for i in range(2 * n)
    )
    Assignment.objects.bulk_create(
        Assignment(official=o, position=positions[i // 2], kind="recruitment", start_on=D(2020, 1, 1))
        for i, o in enumerate(officials)
    )
    Quota.objects.bulk_create(Quota(agency=a, year=y, kind="civil_servant", amount=2) for a in agencies for y in (2021, Y))
    ReductionTarget.objects.create(agency=agencies[0], period_start=2022, period_end=2026, baseline_year=2021, percent=5)
    ReductionTarget.objects.create(agency=agencies[1], period_start=2022, period_end=2026, baseline_year=2021, percent=7)
    return agencies


@pytest.mark.parametrize("history", [False, True], ids=["mptt", "links"])
@pytest.mark.parametrize("n", [20, 500])
@pytest.mark.parametrize("query", [SUMMARY, BREAKDOWN, CANDIDATES, FORECAST], ids=["summary", "breakdown", "candidates", "forecast"])
def test_query_count_independent_of_tree_size(gql, make_token, django_assert_max_num_queries, n, query, history,
                                              rollup_mode):
    make_tree(n, history=history)
    token = make_token("admin")
    with django_assert_max_num_queries(COLD_MAX_QUERIES):
        gql(query, {"code": "ROOT"}, token)
    with django_assert_max_num_queries(MAX_QUERIES):
        status, body = gql(query, {"code": "ROOT"}, token)
    assert status == 200 and "errors" not in body, body
    if query is SUMMARY:
        s = body["data"]["staffingSummary"]
        assert (s["quota"], s["headcount"], s["vacancies"], s["overQuota"]) == (2 * n, 2 * n, 0, 0)
    if query is BREAKDOWN:
        assert len(body["data"]["staffingBreakdown"]) == 8
    if query is CANDIDATES:
        assert len(body["data"]["reductionCandidates"]) > 0  # every position holds 2 > quota 1
