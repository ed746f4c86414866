"""Plain-fact builders for rule unit tests (no database): a well-qualified official and a
leadership position, changed field by field in each test."""
import datetime as dt
from dataclasses import replace

from orgchart.eligibility.facts import AssignmentFact, Case, HistoryFacts, OfficialFacts, PositionFacts

D = dt.date
ON = D(2026, 3, 15)
POS = 10
OTHER_POS = 20


def official(**kw) -> OfficialFacts:
    base = dict(
        id=1, code="CB1", full_name="Nguyễn Văn A", birth_date=D(1980, 1, 1), gender="male",
        staff_type="civil_servant", rank_code="01.002", education_level="master", education_field="Luật",
        political_theory="advanced", state_mgmt="principal", hired_on=D(2005, 1, 1), health_ok=True,
    )
    base.update(kw)
    return OfficialFacts(**base)


def history(**kw) -> HistoryFacts:
    base = dict(
        assignments=(AssignmentFact(OTHER_POS, "first_appointment", D(2020, 1, 1), None, "head", 100),),
        ratings={2024: "good", 2025: "excellent"},
    )
    base.update(kw)
    return HistoryFacts(**base)


def position(**kw) -> PositionFacts:
    base = dict(id=POS, code="P10", category="leadership", leadership_role="deputy", agency_id=5,
                agency_kind="other")
    base.update(kw)
    return PositionFacts(**base)


def case(action="first_appointment", on=ON, o=None, h=None, p=None) -> Case:
    return Case(o or official(), h or history(), p or position(), action, on)


def holding(start, end=None, kind="first_appointment", pos=POS, role="deputy", aid=None) -> AssignmentFact:
    return AssignmentFact(pos, kind, start, end, role, aid)


def with_assignments(*extra, keep=True) -> HistoryFacts:
    h = history()
    return replace(h, assignments=(h.assignments if keep else ()) + tuple(extra))
