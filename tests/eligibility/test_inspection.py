"""appointmentViolations: past decisions re-checked on their own start date, fixed query count."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgchart.personnel.models import Discipline, Rating

from .conftest import assign, make_official

Q = """query($u: String, $f: Date, $t: Date) { appointmentViolations(under: $u, from: $f, to: $t) {
  official { code } position { code } kind startOn decisionNo eligible overrideRecorded overrideReason
  violations { code message citation } warnings { code } } }"""
D = dt.date


def run(gql, token, under=None, f=None, t=None):
    status, body = gql(Q, {"u": under, "f": f and f.isoformat(), "t": t and t.isoformat()}, token)
    assert status == 200
    return body


def _promote(o, world, start, **kw):
    """Appointment as appointOfficial would record it: the previous post ends the day before."""
    prev = o.assignments.get(end_on__isnull=True)
    prev.end_on = start - dt.timedelta(days=1)
    prev.save()
    return assign(o, world.dep, "first_appointment", start, **kw)


def test_lists_decisions_that_broke_the_rules_on_their_start_date(world, gql, make_token):
    # A: appointed 2024-05-01 while a 2023-12-01 reprimand barred it (QĐ 80: 12 months) — override recorded
    Discipline.objects.create(official=world.a, form="reprimand", decided_on=D(2023, 12, 1))
    _promote(world.a, world, D(2024, 5, 1), override_reason="Thiếu cán bộ", decision_no="9/QĐ")
    # B: appointed after the bar ended — clean; the earlier recruitment is not re-reported
    b = make_official("B")
    assign(b, world.cv, start=D(2010, 1, 1))
    Discipline.objects.create(official=b, form="reprimand", decided_on=D(2022, 1, 1))
    Rating.objects.create(official=b, year=2023, rating="good")
    Rating.objects.create(official=b, year=2022, rating="good")
    # C: a reappointment whose previous term is consecutive: the first term held is not "not holding"
    c = make_official("C")
    Rating.objects.create(official=c, year=2023, rating="good")
    Rating.objects.create(official=c, year=2022, rating="good")
    assign(c, world.ddep, "first_appointment", D(2019, 5, 1), D(2024, 4, 30))
    assign(c, world.ddep, "reappointment", D(2024, 5, 1))
    # D: recruited to a leadership post (mismatch), no override; acting assignments are not decisions
    d = make_official("D")
    assign(d, world.head, "recruitment", D(2024, 6, 1))
    assign(d, world.ddep, "acting", D(2024, 6, 1))
    body = run(gql, make_token("auditor"), f=D(2024, 1, 1), t=D(2024, 12, 31))
    rows = body["data"]["appointmentViolations"]
    assert [(r["official"]["code"], r["kind"]) for r in rows] == [("A", "first_appointment"), ("D", "recruitment")]
    a, dd = rows
    assert [v["code"] for v in a["violations"]] == ["APPT-DISCIPLINE"]
    assert "QĐ 80" in a["violations"][0]["citation"]
    assert (a["overrideRecorded"], a["overrideReason"], a["decisionNo"], a["position"]["code"]) == (
        True, "Thiếu cán bộ", "9/QĐ", "DEP")
    assert [v["code"] for v in dd["violations"]] == ["ACTION-POSITION-MISMATCH"] and dd["overrideRecorded"] is False
    # the window and the subtree filter
    assert run(gql, make_token("auditor"), f=D(2024, 5, 2), t=D(2024, 12, 31))["data"]["appointmentViolations"][0][
        "official"]["code"] == "D"
    assert run(gql, make_token("auditor"), under="OTHER")["data"]["appointmentViolations"] == []


def test_quota_of_the_time_excludes_the_inspected_assignment(world, gql, make_token):
    make_official("B")
    b = make_official("B2")
    assign(b, world.head, "first_appointment", D(2024, 1, 1))  # the only seat: fine for itself
    body = run(gql, make_token("auditor"))
    assert body["data"]["appointmentViolations"] == []
    c = make_official("C")
    assign(c, world.head, "first_appointment", D(2025, 1, 1))  # a second holder: over quota
    rows = run(gql, make_token("auditor"))["data"]["appointmentViolations"]
    assert [(r["official"]["code"], [v["code"] for v in r["violations"]]) for r in rows] == [("C", ["POS-QUOTA-FULL"])]


def test_access(world, gql, make_token):
    assert run(gql, None)["errors"][0]["extensions"]["code"] == "forbidden"
    body = run(gql, make_token("personnel", scope=world.dept), under="OTHER")
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
    assert run(gql, make_token("personnel", scope=world.dept), under="DIV")["data"]["appointmentViolations"] == []


@pytest.mark.parametrize("n", [3])
def test_query_count_is_fixed(world, gql, make_token, n):
    token = make_token("auditor")

    def add(k, start):
        for i in range(k):
            o = make_official(f"X{start + i}")
            assign(o, world.head, "recruitment", D(2020, 1, 1) + dt.timedelta(days=start + i))

    add(n, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(run(gql, token)["data"]["appointmentViolations"]) == n
    add(10 * n, n)
    with CaptureQueriesContext(connection) as large:
        assert len(run(gql, token)["data"]["appointmentViolations"]) == 11 * n
    assert len(large.captured_queries) == len(small.captured_queries)
