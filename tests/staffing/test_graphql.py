"""GraphQL surface: shapes, errors, access rules."""
import datetime as dt

D = dt.date
Y = 2024

SUMMARY = """query($code: String!, $year: Int!, $kind: String) {
  staffingSummary(agencyCode: $code, year: $year, kind: $kind) {
    agency { code name } year kind referenceDate quota headcount vacancies overQuota separations reductions
    baselineQuota targetPercent achievedPercent requiredPercent onTrack retiredStillHolding separatedStillHolding
    target { agency { code } periodStart periodEnd baselineYear percent kind }
    byKind { kind quota headcount }
  } }"""
BREAKDOWN = """query($code: String!, $year: Int!) { staffingBreakdown(agencyCode: $code, year: $year) {
  agency { code } quota headcount vacancies } }"""
CANDIDATES = """query($code: String!, $year: Int!) { reductionCandidates(agencyCode: $code, year: $year) {
  official { code fullName } criteria { code message citation } regime positionCodes agencyCodes } }"""
FORECAST = """query($code: String!, $year: Int!) { attritionForecast(agencyCode: $code, fromYear: $year, years: 3) {
  agency { code } fromYear referenceDate
  kinds { kind headcount alreadyRetired baselineQuota targetQuota reductionNeeded canMeetByAttrition
          years { year retiring cumulative projectedHeadcount allowedQuota meetsTarget } } } }"""


def codes(body):
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


def test_summary_shape_and_values(gql, build, tree):
    build.target(tree["root"], percent=5)
    build.quota(tree["A"], 2021, "civil_servant", 200)
    build.quota(tree["A"], Y, "civil_servant", 194)
    build.holder(tree["pA"])
    build.holder(tree["pA"], birth=D(1950, 1, 1))
    status, body = gql(SUMMARY, {"code": "A", "year": Y})
    assert status == 200 and "errors" not in body, body
    s = body["data"]["staffingSummary"]
    assert s["agency"] == {"code": "A", "name": "Cơ quan A"}
    assert s["referenceDate"] == "2024-12-31"
    assert (s["quota"], s["headcount"], s["vacancies"], s["overQuota"]) == (194, 2, 192, 0)
    assert (s["baselineQuota"], s["targetPercent"], s["achievedPercent"], s["requiredPercent"]) == (200, 5.0, 3.0, 3.0)
    assert s["onTrack"] is True and s["retiredStillHolding"] == 1
    assert s["target"] == {"agency": {"code": "ROOT"}, "periodStart": 2022, "periodEnd": 2026, "baselineYear": 2021,
                           "percent": 5.0, "kind": None}
    assert {k["kind"] for k in s["byKind"]} == {"civil_servant", "public_employee", "contract"}


def test_summary_without_target_is_null(gql, tree):
    _, body = gql(SUMMARY, {"code": "B", "year": Y, "kind": "contract"})
    s = body["data"]["staffingSummary"]
    assert s["kind"] == "contract"
    assert [s[k] for k in ("baselineQuota", "targetPercent", "achievedPercent", "onTrack", "target")] == [None] * 5


def test_unknown_agency_and_invalid_kind(gql, tree):
    status, body = gql(SUMMARY, {"code": "NOPE", "year": Y})
    assert status == 200 and codes(body) == ["not_found"]
    _, body = gql(SUMMARY, {"code": "A", "year": Y, "kind": "cadre"})
    assert codes(body) == ["invalid"]
    _, body = gql(BREAKDOWN, {"code": "NOPE", "year": Y})
    assert codes(body) == ["not_found"]
    _, body = gql(SUMMARY, {"code": "A", "year": 99999})
    assert codes(body) == ["invalid"]


def test_breakdown_lists_children(gql, build, tree):
    build.quota(tree["A1"], Y, "civil_servant", 4)
    build.holder(tree["pB"])
    _, body = gql(BREAKDOWN, {"code": "ROOT", "year": Y})
    assert body["data"]["staffingBreakdown"] == [
        {"agency": {"code": "A"}, "quota": 4, "headcount": 0, "vacancies": 4},
        {"agency": {"code": "B"}, "quota": 0, "headcount": 1, "vacancies": 0},
    ]


def test_candidates_need_a_role(gql, build, tree):
    o = build.holder(tree["pA"])
    build.rating(o, Y, "not_completed")
    _, body = gql(CANDIDATES, {"code": "ROOT", "year": Y})
    assert codes(body) == ["forbidden"]


def test_candidates_with_role(gql, make_token, build, tree):
    o = build.holder(tree["pA"])
    build.rating(o, Y, "not_completed")
    _, body = gql(CANDIDATES, {"code": "ROOT", "year": Y}, make_token("restructuring"))
    assert "errors" not in body, body
    (c,) = body["data"]["reductionCandidates"]
    assert c["official"] == {"code": o.code, "fullName": o.full_name}
    assert c["criteria"][0]["code"] == "RED-RATING" and c["criteria"][0]["citation"]
    assert c["regime"] == "leave_service" and c["positionCodes"] == ["P-A"] and c["agencyCodes"] == ["A"]


EXEMPT = """query($code: String!, $year: Int!, $x: Boolean) { reductionCandidates(agencyCode: $code, year: $year,
  includeExempt: $x) { official { code } criteria { code } exempt exemptions { code message citation } } }"""


def test_include_exempt_through_graphql(gql, make_token, build, tree):
    o = build.holder(tree["pA"])
    mother = build.holder(tree["pA"], gender="female", birth=D(1990, 1, 1), youngest_child_born_on=D(Y - 1, 3, 1))
    for x in (o, mother):
        build.rating(x, Y, "not_completed")
    token = make_token("restructuring")
    for variables in ({"code": "ROOT", "year": Y}, {"code": "ROOT", "year": Y, "x": False}):
        _, body = gql(EXEMPT, variables, token)
        assert [(c["official"]["code"], c["exempt"], c["exemptions"]) for c in body["data"]["reductionCandidates"]] == [
            (o.code, False, [])]
    _, body = gql(EXEMPT, {"code": "ROOT", "year": Y, "x": True}, token)
    items = {c["official"]["code"]: c for c in body["data"]["reductionCandidates"]}
    assert set(items) == {o.code, mother.code}
    m = items[mother.code]
    assert m["exempt"] is True and m["criteria"] == [{"code": "RED-RATING"}]
    assert m["exemptions"][0]["code"] == "RED-EXEMPT-CHILD" and "Đ2 k2" in m["exemptions"][0]["citation"]


def test_scoped_token_sees_only_its_scope(gql, make_token, build, tree):
    in_a = build.holder(tree["pA1"])
    in_b = build.holder(tree["pB"])
    for o in (in_a, in_b):
        build.rating(o, Y, "not_completed")
    token = make_token("personnel", scope=tree["A"])
    _, body = gql(CANDIDATES, {"code": "ROOT", "year": Y}, token)
    assert [c["official"]["code"] for c in body["data"]["reductionCandidates"]] == [in_a.code]
    _, body = gql(CANDIDATES, {"code": "A1", "year": Y}, token)
    assert [c["official"]["code"] for c in body["data"]["reductionCandidates"]] == [in_a.code]
    _, body = gql(CANDIDATES, {"code": "B", "year": Y}, token)
    assert codes(body) == ["forbidden"]
    _, body = gql(CANDIDATES, {"code": "ROOT", "year": Y}, make_token("admin"))
    assert len(body["data"]["reductionCandidates"]) == 2


def test_forecast(gql, build, tree):
    build.target(tree["root"], start=2022, end=2026, baseline=2021, percent=5, kind="civil_servant")
    build.quota(tree["A"], 2021, "civil_servant", 4)
    build.holder(tree["pA"], birth=D(1950, 1, 1))  # already retired
    b1, g1 = _birth(D(2025, 6, 30))
    build.holder(tree["pA"], birth=b1, gender=g1)
    b2, g2 = _birth(D(2026, 4, 30))
    build.holder(tree["pA"], birth=b2, gender=g2)
    build.holder(tree["pA"])
    build.holder(tree["pA"])
    _, body = gql(FORECAST, {"code": "A", "year": Y})
    assert "errors" not in body, body
    f = body["data"]["attritionForecast"]
    cs = next(k for k in f["kinds"] if k["kind"] == "civil_servant")
    assert (cs["headcount"], cs["alreadyRetired"], cs["baselineQuota"]) == (5, 1, 4)
    assert [(y["year"], y["retiring"], y["cumulative"], y["projectedHeadcount"]) for y in cs["years"]] == [
        (2024, 0, 1, 4), (2025, 1, 2, 3), (2026, 1, 3, 2)]
    # 2026: allowed ⌊4 × 0.95⌋ = 3 ≥ 2 projected
    assert cs["years"][2]["allowedQuota"] == 3 and cs["years"][2]["meetsTarget"] is True
    assert cs["years"][0]["allowedQuota"] == 3 and cs["years"][0]["meetsTarget"] is False  # ⌊4 × 0.97⌋
    assert (cs["targetQuota"], cs["reductionNeeded"], cs["canMeetByAttrition"]) == (3, 0, True)
    pe = next(k for k in f["kinds"] if k["kind"] == "public_employee")
    assert pe["canMeetByAttrition"] is None and pe["headcount"] == 0


def _birth(rd):
    from tests.staffing.conftest import birth_for_retirement

    return birth_for_retirement(rd)


def test_errors_null_only_the_field(gql, tree):
    _, body = gql("{ a: staffingSummary(agencyCode: \"A\", year: 2024) { quota } "
                  "b: reductionCandidates(agencyCode: \"A\", year: 2024) { regime } }")
    assert body["data"] == {"a": {"quota": 0}, "b": None}
    assert codes(body) == ["forbidden"]


def test_forecast_allowed_quota_capped_after_period_end():
    from decimal import Decimal

    from orgchart.staffing.forecast import allowed_quota
    from orgchart.staffing.models import ReductionTarget

    t = ReductionTarget(period_start=2022, period_end=2026, baseline_year=2021, percent=Decimal("5"))
    assert [allowed_quota(1000, t, y) for y in (2021, 2024, 2026, 2028)] == [1000, 970, 950, 950]
