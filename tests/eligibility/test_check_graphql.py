"""checkEligibility through GraphQL: one scenario per RULES.md §2 code, plus access rules."""
import datetime as dt

import pytest

from orgchart.personnel.models import Discipline, Rating, Separation, SuccessionPlan

from .conftest import ON, assign, make_official

CHECK = """query($o: String!, $p: String!, $a: AppointmentAction!, $d: Date) {
  checkEligibility(officialCode: $o, positionCode: $p, action: $a, onDate: $d) {
    eligible violations { code message citation severity } warnings { code message citation severity } } }"""
D = dt.date


def check(gql, token, position="DEP", action="FIRST_APPOINTMENT", official="A", on=ON):
    status, body = gql(CHECK, {"o": official, "p": position, "a": action, "d": on.isoformat() if on else None}, token)
    assert status == 200, body
    return body


def result(gql, token, **kw):
    body = check(gql, token, **kw)
    assert "errors" not in body, body
    return body["data"]["checkEligibility"]


def _upd(obj, **kw):
    for k, v in kw.items():
        setattr(obj, k, v)
    obj.save()


# code → (action, position code, setup(world))
SCENARIOS = {
    "ELIG-RETIRED": ("TRANSFER", "OCV", lambda w: _upd(w.a, birth_date=D(1960, 1, 1))),
    "ELIG-SEPARATED": ("TRANSFER", "OCV", lambda w: Separation.objects.create(
        official=w.a, separated_on=ON, reason="resignation")),
    "ACTION-POSITION-MISMATCH": ("FIRST_APPOINTMENT", "OCV", lambda w: None),
    "ASSIGN-ALREADY-HOLDS": ("TRANSFER", "CV", lambda w: None),
    "REAPPT-NOT-HOLDING": ("REAPPOINTMENT", "DEP", lambda w: None),
    "APPT-STAFF-TYPE": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.a, staff_type="contract")),
    "RECRUIT-AGE": ("RECRUITMENT", "OCV", lambda w: _upd(w.a, birth_date=D(2008, 3, 16))),
    "APPT-AGE-TERM": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.a, birth_date=D(1965, 1, 1))),
    "REAPPT-EXTEND-INSTEAD": ("REAPPOINTMENT", "DEP", lambda w: (
        _upd(w.a, birth_date=D(1965, 1, 1)), assign(w.a, w.dep, "first_appointment", D(2021, 3, 15)))),
    "REAPPT-TERM-TO-RETIREMENT": ("REAPPOINTMENT", "DEP", lambda w: (
        _upd(w.a, birth_date=D(1967, 1, 1)), assign(w.a, w.dep, "first_appointment", D(2021, 3, 15)))),
    "REAPPT-TERM-LIMIT": ("REAPPOINTMENT", "DEP", lambda w: (
        assign(w.a, w.dep, "first_appointment", D(2016, 3, 15), D(2021, 3, 14)),
        assign(w.a, w.dep, "reappointment", D(2021, 3, 15)))),
    "REAPPT-RATING": ("REAPPOINTMENT", "DEP", lambda w: (
        assign(w.a, w.dep, "first_appointment", D(2021, 3, 15)),
        Rating.objects.create(official=w.a, year=2023, rating="not_completed"))),
    "APPT-RATING": ("FIRST_APPOINTMENT", "DEP", lambda w: Rating.objects.filter(official=w.a, year=2025).update(
        rating="completed")),
    "APPT-RATING-MISSING": ("FIRST_APPOINTMENT", "DEP", lambda w: Rating.objects.filter(official=w.a, year=2025)
                            .delete()),
    "APPT-SUCCESSION-PLAN": ("FIRST_APPOINTMENT", "DEP", lambda w: (
        _upd(w.dep, requires_succession_plan=True),
        SuccessionPlan.objects.create(official=w.a, position=w.dep, period="2021-2025"))),
    "APPT-TIME-IN-POST": ("HIGHER_APPOINTMENT", "HEAD", lambda w: assign(
        w.a, w.ddep, "first_appointment", ON - dt.timedelta(days=729), None)),
    "ROT-REMAINING": ("ROTATION", "DEP", lambda w: _upd(w.a, birth_date=D(1967, 1, 1))),
    "APPT-DISCIPLINE": ("FIRST_APPOINTMENT", "DEP", lambda w: Discipline.objects.create(
        official=w.a, form="reprimand", decided_on=D(2024, 6, 1))),
    "REAPPT-DISCIPLINE": ("REAPPOINTMENT", "DEP", lambda w: (
        assign(w.a, w.dep, "first_appointment", D(2021, 3, 15)),
        Discipline.objects.create(official=w.a, form="demotion", decided_on=D(2024, 1, 1),
                                  effective_on=D(2024, 3, 16)))),
    "STD-EDUCATION": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.dep, min_education="doctor")),
    "STD-EDU-FIELD": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.dep, education_fields="Kinh tế;Tài chính")),
    "STD-RANK": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.dep, required_rank="01.001")),
    "STD-POLITICAL-THEORY": ("FIRST_APPOINTMENT", "DEP", lambda w: (
        _upd(w.a, political_theory=""), _upd(w.dep, min_political_theory="elementary"))),
    "STD-STATE-MGMT": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.dep, min_state_mgmt="senior")),
    "STD-EXPERIENCE": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.dep, min_years_experience=22)),
    "STD-HEALTH": ("FIRST_APPOINTMENT", "DEP", lambda w: _upd(w.a, health_ok=False)),
    "POS-QUOTA-FULL": ("FIRST_APPOINTMENT", "HEAD", lambda w: assign(make_official("B"), w.head, "first_appointment")),
    "POS-DEPUTY-CAP": ("FIRST_APPOINTMENT", "DEP", lambda w: assign(make_official("B"), w.dep, "first_appointment")),
}


def test_every_code_has_a_scenario():
    from orgchart.eligibility.rules import CODES

    assert set(SCENARIOS) == set(CODES)


def test_a_well_qualified_official_is_eligible(world, gql, make_token):
    r = result(gql, make_token("personnel"))
    assert r == {"eligible": True, "violations": [], "warnings": []}


@pytest.mark.parametrize("code", list(SCENARIOS))
def test_each_code_through_graphql(code, world, gql, make_token):
    action, position, setup = SCENARIOS[code]
    setup(world)
    r = result(gql, make_token("auditor"), position=position, action=action)
    warnings = {f["code"]: f for f in r["warnings"]}
    violations = {f["code"]: f for f in r["violations"]}
    found = violations.get(code) or warnings.get(code)
    assert found, r
    assert found["message"] and found["citation"]
    assert found["severity"] == ("warning" if code in ("APPT-RATING-MISSING", "REAPPT-TERM-TO-RETIREMENT") else "violation")
    assert r["eligible"] is (not violations)


def test_deputy_cap_grows_with_the_division_staff_quota(world, gql, make_token):
    from orgchart.staffing.models import Quota

    assign(make_official("B"), world.dep, "first_appointment")
    token = make_token("personnel")
    assert "POS-DEPUTY-CAP" in [v["code"] for v in result(gql, token)["violations"]]
    Quota.objects.create(agency=world.div, year=ON.year, kind="civil_servant", amount=10)
    assert result(gql, token)["eligible"] is True
    Quota.objects.filter(agency=world.div).update(amount=9)
    assert "POS-DEPUTY-CAP" in [v["code"] for v in result(gql, token)["violations"]]


def test_deputy_cap_counts_staff_holding_positions_when_no_quota(world, gql, make_token):
    assign(make_official("B"), world.dep, "first_appointment")
    assign(make_official("VC", staff_type="public_employee"), world.cv)  # not a civil servant: not staff
    assign(make_official("KN"), world.cv, "concurrent")  # concurrent: not a holder
    for i in range(7):  # A + B + 7 = 9 civil servants in DIV → cap 1
        assign(make_official(f"S{i}", staff_type="cadre" if i == 0 else "civil_servant"), world.cv)
    token = make_token("personnel")
    assert "POS-DEPUTY-CAP" in [v["code"] for v in result(gql, token)["violations"]]
    assign(make_official("S7"), world.cv)  # 10 → cap 2
    assert result(gql, token)["eligible"] is True


def test_on_date_defaults_to_today(world, gql, make_token):
    body = check(gql, make_token("personnel"), on=None)
    assert body["data"]["checkEligibility"]["eligible"] in (True, False)


def test_anonymous_gets_forbidden(world, gql):
    body = check(gql, None)
    assert body["data"]["checkEligibility"] is None
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_unknown_codes_are_not_found(world, gql, make_token):
    token = make_token("personnel")
    for kw in ({"official": "NOPE"}, {"position": "NOPE"}):
        body = check(gql, token, **kw)
        assert body["data"]["checkEligibility"] is None
        assert body["errors"][0]["extensions"]["code"] == "not_found"


def test_scoped_token_needs_position_and_official_in_scope(world, gql, make_token):
    inside = make_token("personnel", scope=world.dept)
    assert result(gql, inside)["eligible"] is True
    outside = make_token("personnel", scope=world.other, username="other")
    body = check(gql, outside)
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
    b = make_official("B")
    assign(b, world.ocv)
    body = check(gql, inside, official="B")  # position inside, official outside
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


@pytest.mark.parametrize("role", ["admin", "personnel", "auditor", "restructuring"])
def test_every_role_may_check(world, gql, make_token, role):
    assert result(gql, make_token(role))["eligible"] is True


def test_the_regime_of_the_date_checked_applies(world, gql, make_token):
    """A reprimand effective 2024-06-01 bars for 12 months under QĐ 80 and 24 under QĐ 377."""
    Discipline.objects.create(official=world.a, form="reprimand", decided_on=D(2024, 5, 20), effective_on=D(2024, 6, 1))
    Rating.objects.create(official=world.a, year=2023, rating="good")
    token = make_token("personnel")
    assert "APPT-DISCIPLINE" not in [v["code"] for v in result(gql, token, on=D(2025, 10, 7))["violations"]]
    r = result(gql, token, on=D(2025, 10, 8))
    assert [v["code"] for v in r["violations"]] == ["APPT-DISCIPLINE"] and "377" in r["violations"][0]["citation"]
