"""eligibleCandidates: ranking, scope, limits and a query count independent of the pool size."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgchart.personnel.models import Discipline, Rating, Separation

from .conftest import ON, assign, make_official

Q = """query($p: String!, $a: AppointmentAction!, $d: Date, $f: Int, $u: String) {
  eligibleCandidates(positionCode: $p, action: $a, onDate: $d, first: $f, under: $u) {
    official { code fullName birthDate retirementDate currentAssignments { position { code } } } eligible violations { code message citation } warnings { code } } }"""


def candidates(gql, token, position="DEP", action="FIRST_APPOINTMENT", first=None, under=None):
    status, body = gql(Q, {"p": position, "a": action, "d": ON.isoformat(), "f": first, "u": under}, token)
    assert status == 200
    return body


def test_ranked_eligible_first_then_fewer_violations_then_fewer_warnings_then_code(world, gql, make_token):
    late = make_official("LATE", hired_on=dt.date(2010, 1, 1))
    early = make_official("EARLY", hired_on=dt.date(2000, 1, 1))
    warned = make_official("WARNED", hired_on=dt.date(1999, 1, 1))
    Rating.objects.filter(official=warned, year=2025).delete()  # APPT-RATING-MISSING (warning)
    barred = make_official("BARRED", hired_on=dt.date(1990, 1, 1))
    Discipline.objects.create(official=barred, form="warning", decided_on=dt.date(2025, 12, 1))
    twice = make_official("AA-TWICE", hired_on=dt.date(1980, 1, 1), health_ok=False)  # 2 violations
    Discipline.objects.create(official=twice, form="warning", decided_on=dt.date(2025, 12, 1))
    gone = make_official("GONE")
    Separation.objects.create(official=gone, separated_on=dt.date(2026, 1, 1), reason="resignation")
    retired = make_official("RETIRED", birth_date=dt.date(1963, 1, 1))  # retired 2023: never a candidate
    near = make_official("NEAR", birth_date=dt.date(1966, 1, 1))  # APPT-AGE-TERM: ranked by its violation count
    for o in (late, early, warned, barred, twice, gone, retired, near):
        assign(o, world.cv)
    body = candidates(gql, make_token("personnel"))
    rows = body["data"]["eligibleCandidates"]
    assert [r["official"]["code"] for r in rows] == ["A", "EARLY", "LATE", "WARNED", "BARRED", "NEAR", "AA-TWICE"]
    assert [r["eligible"] for r in rows] == [True, True, True, True, False, False, False]
    assert rows[3]["warnings"] == [{"code": "APPT-RATING-MISSING"}]
    assert rows[4]["violations"][0]["code"] == "APPT-DISCIPLINE" and rows[4]["violations"][0]["citation"]
    assert [v["code"] for v in rows[5]["violations"]] == ["APPT-AGE-TERM"]
    assert len(rows[6]["violations"]) == 2
    assert rows[1]["official"]["fullName"] == "Cán bộ EARLY"
    body = candidates(gql, make_token("personnel"), first=2)
    assert [r["official"]["code"] for r in body["data"]["eligibleCandidates"]] == ["A", "EARLY"]


def test_rank_key_is_the_contract_order():
    from orgchart.eligibility.engine import Result, rank_key
    from orgchart.eligibility.facts import OfficialFacts
    from orgchart.eligibility.rules import Finding

    def result(code, v, w):
        findings = [Finding(f"V{i}", "violation", "", "") for i in range(v)]
        findings += [Finding(f"W{i}", "warning", "", "") for i in range(w)]
        return Result(OfficialFacts(1, code), findings)

    items = [result("Z", 0, 0), result("B", 1, 0), result("A", 2, 0), result("C", 0, 2), result("D", 1, 3),
             result("E", 0, 1), result("F", 1, 1)]
    assert [r.official.code for r in sorted(items, key=rank_key)] == ["Z", "E", "C", "B", "F", "D", "A"]


def test_scope_limits_the_pool(world, gql, make_token):
    b = make_official("B", hired_on=dt.date(1995, 1, 1))
    assign(b, world.ocv)  # works in OTHER
    codes = [r["official"]["code"] for r in candidates(gql, make_token("personnel"))["data"]["eligibleCandidates"]]
    assert codes == ["A", "B"]
    scoped = make_token("personnel", scope=world.dept)
    codes = [r["official"]["code"] for r in candidates(gql, scoped)["data"]["eligibleCandidates"]]
    assert codes == ["A"]
    codes = [r["official"]["code"] for r in
             candidates(gql, make_token("auditor"), under="OTHER")["data"]["eligibleCandidates"]]
    assert codes == ["B"]
    body = candidates(gql, scoped, under="OTHER")
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
    body = candidates(gql, make_token("personnel", scope=world.other, username="o"))
    assert body["errors"][0]["extensions"]["code"] == "forbidden"  # position outside the scope


@pytest.mark.parametrize("first", [-1, 5001])
def test_first_over_the_limit_is_an_error(world, gql, make_token, first):
    body = candidates(gql, make_token("personnel"), first=first)
    assert body["data"]["eligibleCandidates"] is None
    assert body["errors"][0]["extensions"]["code"] == "invalid"


def test_anonymous_and_unknown(world, gql, make_token):
    assert candidates(gql, None)["errors"][0]["extensions"]["code"] == "forbidden"
    body = candidates(gql, make_token("personnel"), position="NOPE")
    assert body["errors"][0]["extensions"]["code"] == "not_found"


def _populate(world, n, start):
    for i in range(start, start + n):
        o = make_official(f"P{i:03}", hired_on=dt.date(2000, 1, 1) + dt.timedelta(days=i))
        assign(o, world.cv, start=dt.date(2010, 1, 1))
        assign(o, world.ddep, "first_appointment", dt.date(2015, 1, 1), dt.date(2019, 12, 31))
        Discipline.objects.create(official=o, form="reprimand", decided_on=dt.date(2020, 1, 1))


def _count(gql, token, scope_token=False):
    with CaptureQueriesContext(connection) as ctx:
        body = candidates(gql, token, first=5000)
    assert "errors" not in body, body
    return len(ctx.captured_queries), len(body["data"]["eligibleCandidates"])


@pytest.mark.parametrize("role, scoped", [("personnel", False), ("personnel", True)])
def test_query_count_is_the_same_for_5_and_50_candidates(world, gql, make_token, django_assert_max_num_queries,
                                                          role, scoped):
    token = make_token(role, scope=world.pc if scoped else None)
    _populate(world, 5, 0)
    small, n_small = _count(gql, token)
    _populate(world, 45, 5)
    with django_assert_max_num_queries(small):
        large, n_large = _count(gql, token)
    assert (n_small, n_large) == (6, 51)
    assert large == small <= 25
