"""appointOfficial (CONTRACT §3): refusal, override with audit, never-overridable codes, other
primary assignments ended the day before, reappointment, access and bad input."""
import datetime as dt
import json

import pytest

from orgchart.eligibility.models import AppointmentDecision
from orgchart.personnel.models import Assignment, Discipline, Rating, Separation

from .conftest import ON, assign, make_official

M = """mutation($i: AppointOfficialInput!) { appointOfficial(input: $i) {
  assignment { id } eligibility { eligible violations { code } warnings { code } } errors { field message code } } }"""


def appoint(gql, token, official="A", position="DEP", action="FIRST_APPOINTMENT", start=ON, reason=None,
            decision="123/QĐ-UBND"):
    i = {"officialCode": official, "positionCode": position, "action": action,
         "startOn": start.isoformat() if start else None, "decisionNo": decision}
    if reason is not None:
        i["overrideReason"] = reason
    status, body = gql(M, {"i": i}, token)
    assert status == 200, body
    assert "errors" not in body, body
    return body["data"]["appointOfficial"]


def test_an_eligible_appointment_ends_other_primary_assignments_the_day_before(world, gql, make_token):
    acting = assign(world.a, world.ddep, "acting", dt.date(2025, 1, 1))
    r = appoint(gql, make_token("personnel"))
    assert r["errors"] == [] and r["eligibility"]["eligible"] is True
    new = Assignment.objects.get(pk=r["assignment"]["id"])
    assert (new.kind, new.start_on, new.position, new.decision_no) == ("first_appointment", ON, world.dep, "123/QĐ-UBND")
    world.a_cv.refresh_from_db()
    assert world.a_cv.end_on == ON - dt.timedelta(days=1)
    acting.refresh_from_db()
    assert acting.end_on is None  # not a primary assignment
    decision = AppointmentDecision.objects.get(assignment=new)
    assert decision.eligible and decision.override_reason == "" and decision.user.username == "u-personnel-all"
    assert new.history.latest().history_user.username == "u-personnel-all"
    ended = world.a_cv.history.latest()
    assert ended.history_user.username == "u-personnel-all" and "DEP" in ended.history_change_reason


def test_an_ineligible_appointment_is_refused_with_every_violation_code(world, gql, make_token):
    Rating.objects.filter(official=world.a, year=2025).update(rating="completed")
    world.dep.min_state_mgmt = "senior"
    world.dep.save()
    r = appoint(gql, make_token("personnel"))
    assert r["assignment"] is None
    assert {e["code"] for e in r["errors"]} == {"APPT-RATING", "STD-STATE-MGMT"}
    assert r["eligibility"]["eligible"] is False
    assert Assignment.objects.count() == 1 and AppointmentDecision.objects.count() == 0
    world.a_cv.refresh_from_db()
    assert world.a_cv.end_on is None


def test_an_override_reason_accepts_it_and_is_audited(world, gql, make_token):
    Discipline.objects.create(official=world.a, form="reprimand", decided_on=dt.date(2025, 6, 1))
    r = appoint(gql, make_token("personnel", username="cbtc"), reason="Yêu cầu cấp bách của tỉnh")
    assert r["errors"] == []
    assert [v["code"] for v in r["eligibility"]["violations"]] == ["APPT-DISCIPLINE"]
    new = Assignment.objects.get(pk=r["assignment"]["id"])
    assert new.override_reason == "Yêu cầu cấp bách của tỉnh"
    h = new.history.latest()
    assert h.history_user.username == "cbtc"
    audit = json.loads(h.history_change_reason)
    assert audit["codes"] == ["APPT-DISCIPLINE"] and audit["override_reason"] == "Yêu cầu cấp bách của tỉnh"
    decision = AppointmentDecision.objects.get(assignment=new)
    assert decision.user.username == "cbtc" and not decision.eligible
    assert [f["code"] for f in decision.findings] == ["APPT-DISCIPLINE"]
    assert decision.findings[0]["citation"] and decision.findings[0]["message"]


@pytest.mark.parametrize("code", ["POS-QUOTA-FULL", "POS-DEPUTY-CAP", "ELIG-RETIRED", "ELIG-SEPARATED"])
def test_never_overridable(world, gql, make_token, code):
    position = "DEP"
    if code == "POS-QUOTA-FULL":
        position = "HEAD"
        assign(make_official("B"), world.head, "first_appointment")
        action = "HIGHER_APPOINTMENT"
        assign(world.a, world.ddep, "first_appointment", dt.date(2020, 1, 1), dt.date(2023, 1, 1))
    else:
        action = "FIRST_APPOINTMENT"
    if code == "POS-DEPUTY-CAP":
        assign(make_official("B"), world.dep, "first_appointment")
    if code == "ELIG-RETIRED":
        world.a.birth_date = dt.date(1960, 1, 1)
        world.a.save()
    if code == "ELIG-SEPARATED":
        Separation.objects.create(official=world.a, separated_on=ON, reason="transfer_out")
    r = appoint(gql, make_token("personnel"), position=position, action=action, reason="Lý do bất kỳ")
    assert r["assignment"] is None
    assert code in [e["code"] for e in r["errors"]]
    assert Assignment.objects.filter(start_on=ON).count() == 0


def test_reappointment_ends_the_current_term_and_starts_a_new_one(world, gql, make_token):
    term = assign(world.a, world.dep, "first_appointment", dt.date(2021, 3, 15))
    r = appoint(gql, make_token("personnel"), action="REAPPOINTMENT")
    assert r["errors"] == []
    term.refresh_from_db()
    assert term.end_on == ON - dt.timedelta(days=1)
    new = Assignment.objects.get(pk=r["assignment"]["id"])
    assert (new.kind, new.start_on, new.end_on) == ("reappointment", ON, None)


def test_access(world, gql, make_token):
    for token in (None, make_token("auditor"), make_token("restructuring"),
                  make_token("personnel", scope=world.other, username="o")):
        r = appoint(gql, token)
        assert r["assignment"] is None and [e["code"] for e in r["errors"]] == ["forbidden"]
    assert appoint(gql, make_token("personnel", scope=world.dept))["errors"] == []


def test_bad_input(world, gql, make_token):
    token = make_token("personnel")
    r = appoint(gql, token, official="NOPE", position="NOPE2")
    assert {(e["field"], e["code"]) for e in r["errors"]} == {("officialCode", "not_found"), ("positionCode", "not_found")}
    r = appoint(gql, token, start=None)
    assert [(e["field"], e["code"]) for e in r["errors"]] == [("startOn", "invalid")]
    assert Assignment.objects.count() == 1


def test_a_second_primary_assignment_on_the_same_day_is_a_conflict(world, gql, make_token):
    token = make_token("personnel")
    assign(world.a, world.ocv, "transfer", ON)
    r = appoint(gql, token)
    assert [e["code"] for e in r["errors"]] == ["conflict"]
    assert Assignment.objects.filter(position=world.dep).count() == 0
