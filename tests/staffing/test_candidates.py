"""reductionCandidates: criteria, exemption, regime, never-listed officials."""
import datetime as dt

import pytest

from orgchart.staffing import criteria
from orgchart.staffing.candidates import reduction_candidates
from tests.staffing.conftest import birth_for_retirement

D = dt.date
Y = 2024
REF = D(2024, 12, 31)


def listed(agency, year=Y):
    return {c.official.code: [x.code for x in c.criteria] for c in reduction_candidates(agency, year)}


def failing(build, position, **kw):
    """A holder rated not_completed in Y (meets RED-RATING)."""
    o = build.holder(position, **kw)
    build.rating(o, Y, "not_completed")
    return o


def test_rating_criterion_years(build, tree):
    o1 = failing(build, tree["pA"])
    o2 = build.holder(tree["pA"])
    build.rating(o2, Y - 1, "not_completed")
    o3 = build.holder(tree["pA"])
    build.rating(o3, Y - 2, "not_completed")
    o4 = build.holder(tree["pA"])
    build.rating(o4, Y, "completed")
    assert listed(tree["root"]) == {o1.code: ["RED-RATING"], o2.code: ["RED-RATING"]}
    c = reduction_candidates(tree["root"], Y)[0]
    assert c.criteria[0].citation == "NĐ 154/2025 Đ2 k1 điểm e"
    assert "2024" in c.criteria[0].message


def test_only_primary_holders_in_subtree(build, tree):
    failing(build, tree["pA"], kind="concurrent")
    failing(build, tree["pA"], kind="secondment")
    o = failing(build, tree["pB"])
    failing(build, tree["pA"], end=D(Y, 12, 30))
    assert listed(tree["root"]) == {o.code: ["RED-RATING"]}
    assert listed(tree["A"]) == {}


def test_qualification(build, tree):
    p = build.position(tree["A"], min_education="bachelor", education_fields="Luật; Hành chính công")
    ok = build.holder(p, education_level="master", education_field="LUAT")
    low = build.holder(p, education_level="college", education_field="Luật")
    missing = build.holder(p, education_level="", education_field="Luật")
    field = build.holder(p, education_level="bachelor", education_field="Kinh tế")
    no_field = build.holder(p, education_level="bachelor", education_field="")
    got = listed(tree["A"])
    assert ok.code not in got
    assert all(got[o.code] == ["RED-QUALIFICATION"] for o in (low, missing, field, no_field))


def test_over_quota_lists_every_non_exempt_holder(build, tree):
    p = build.position(tree["A"], quota=2)
    a = build.holder(p)
    b = build.holder(p)
    mother = build.holder(p, gender="female", birth=D(1990, 1, 1), youngest_child_born_on=D(2023, 5, 1))
    build.holder(p, kind="acting")  # not a holder: does not count
    got = listed(tree["A"])
    assert got == {a.code: ["RED-OVER-QUOTA"], b.code: ["RED-OVER-QUOTA"]}
    assert mother.code not in got


def test_position_at_quota_lists_nobody(build, tree):
    p = build.position(tree["A"], quota=2)
    build.holder(p)
    build.holder(p)
    q = build.position(tree["A"], quota=None)
    build.holder(q)
    build.holder(q)
    assert listed(tree["A"]) == {}


@pytest.mark.parametrize("child_born, is_listed", [
    (D(2021, 12, 30), True),   # + 36 months = day before the reference date
    (D(2021, 12, 31), True),   # + 36 months = the reference date: no longer exempt
    (D(2022, 1, 1), False),    # + 36 months = day after: exempt
])
def test_exempt_mother_boundary(build, tree, child_born, is_listed):
    o = failing(build, tree["pA"], gender="female", birth=D(1990, 1, 1), youngest_child_born_on=child_born)
    assert (o.code in listed(tree["A"])) is is_listed


def test_include_exempt_lists_exempt_officials_with_their_criteria_and_exemption(build, tree):
    p = build.position(tree["A"], quota=1)
    plain = build.holder(p)
    mother = build.holder(p, gender="female", birth=D(1990, 1, 1), youngest_child_born_on=D(2023, 5, 1))
    build.rating(mother, Y, "not_completed")
    assert set(listed(tree["A"])) == {plain.code}
    cands = {c.official.code: c for c in reduction_candidates(tree["A"], Y, include_exempt=True)}
    assert set(cands) == {plain.code, mother.code}
    assert not cands[plain.code].exempt and cands[plain.code].exemptions == []
    m = cands[mother.code]
    assert m.exempt and [x.code for x in m.criteria] == ["RED-RATING", "RED-OVER-QUOTA"]
    (e,) = m.exemptions
    assert e.code == "RED-EXEMPT-CHILD" and e.citation.startswith("NĐ 154/2025") and "Đ2 k2" in e.citation
    assert "36 tháng" in e.message and "01/05/2023" in e.message and "01/05/2026" in e.message


def test_an_exempt_official_meeting_no_criterion_is_not_listed(build, tree):
    build.holder(tree["pA"], gender="female", birth=D(1990, 1, 1), youngest_child_born_on=D(2023, 5, 1))
    assert reduction_candidates(tree["A"], Y, include_exempt=True) == []


def test_exemption_is_for_women_only(build, tree):
    o = failing(build, tree["pA"], gender="male", youngest_child_born_on=D(2024, 1, 1))
    assert o.code in listed(tree["A"])


@pytest.mark.parametrize("rd, regime", [
    (D(2026, 11, 30), "leave_service"),      # less than 24 months left
    (D(2026, 12, 31), "early_retirement"),   # exactly 24 months
    (D(2029, 12, 31), "early_retirement"),   # exactly 60 months
    (D(2030, 1, 31), "leave_service"),       # more than 60 months
])
def test_regime_boundaries(build, tree, rd, regime):
    birth, gender = birth_for_retirement(rd)
    o = failing(build, tree["pA"], birth=birth, gender=gender)
    (c,) = reduction_candidates(tree["A"], Y)
    assert c.official == o and c.retirement_date == rd and c.regime == regime


def test_regime_pure_function():
    assert criteria.regime(D(2027, 2, 28), D(2025, 2, 28)) == "early_retirement"
    assert criteria.regime(D(2027, 2, 27), D(2025, 2, 28)) == "leave_service"
    assert criteria.regime(None, REF) == "leave_service"


def test_retired_never_listed(build, tree):
    retired = failing(build, tree["pA"], birth=birth_for_retirement(D(2024, 11, 30))[0],
                      gender=birth_for_retirement(D(2024, 11, 30))[1])
    b, g = birth_for_retirement(D(2024, 12, 31))  # retires on the reference date itself: not yet retired
    still = failing(build, tree["pA"], birth=b, gender=g)
    got = listed(tree["A"])
    assert retired.code not in got and still.code in got


def test_separated_never_listed(build, tree):
    gone = failing(build, tree["pA"])
    build.separation(gone, REF, "resignation")
    later = failing(build, tree["pA"])
    build.separation(later, D(Y + 1, 1, 1), "resignation")
    got = listed(tree["A"])
    assert gone.code not in got and later.code in got


def _event(build, kind, on, originals, results, imported=False):
    ev = build.change(kind, on)
    ev.originals.add(*originals)
    ev.results.add(*results)
    if imported:
        ev.imported = True
        ev.save()
    return ev


EARLY = D(2018, 1, 1)


def _moved(build, first, then, eve, start=EARLY, kind="first_appointment"):
    """An official holding `first` until `eve`, then `then` from the next day."""
    o = build.official()
    build.assign(o, first, start, eve, kind=kind)
    build.assign(o, then, eve + dt.timedelta(days=1), kind="transfer")
    return o


def test_leader_restructured_widened(build, tree):
    """RULES §3: head/deputy the day before a recorded merge/split/dissolve absorbed or dissolved
    the agency, within 5 years up to the reference date, and now no post of that role or higher."""
    a, b = tree["A"], tree["B"]
    head_a = build.position(a, code="A-HEAD", category="leadership", leadership_role="head")
    dep_a = build.position(a, code="A-DEP", category="leadership", leadership_role="deputy")
    head_b = build.position(b, code="B-HEAD", category="leadership", leadership_role="head")
    dep_b = build.position(b, code="B-DEP", category="leadership", leadership_role="deputy")
    eve = D(Y, 6, 30)
    _event(build, "merge", D(Y, 7, 1), [a, b], [b])  # A absorbed into B
    head_now_deputy = _moved(build, head_a, dep_b, eve)
    deputy_still_deputy = _moved(build, dep_a, dep_b, eve)
    deputy_now_staff = _moved(build, dep_a, tree["pB"], eve)
    head_still_head = _moved(build, head_a, head_b, eve)
    left_before = _moved(build, head_a, tree["pB"], D(Y, 5, 31))  # not a holder on the eve
    got = listed(tree["root"])
    assert got == {head_now_deputy.code: ["RED-LEADER-RESTRUCT"], deputy_now_staff.code: ["RED-LEADER-RESTRUCT"]}
    for o in (deputy_still_deputy, head_still_head, left_before):
        assert o.code not in got
    (c,) = [c for c in reduction_candidates(tree["root"], Y) if c.official == head_now_deputy]
    msg = c.criteria[0].message
    assert "người đứng đầu Cơ quan A (A-HEAD) đến ngày 30/06/2024" in msg and "hiện: cấp phó" in msg
    assert c.criteria[0].citation == "NĐ 154/2025 Đ2 k1 điểm b, c"
    assert listed(tree["root"], Y - 1) == {}  # before the event


@pytest.mark.parametrize("kind, on, imported, counted", [
    ("merge", D(2020, 1, 1), False, True),      # + 5 years = 2025-01-01 > 2024-12-31: inside the window
    ("merge", D(2019, 12, 31), False, False),   # + 5 years = the reference date: outside
    ("dissolve", D(2022, 3, 1), False, True),
    ("split", D(2022, 3, 1), False, True),      # the original is not among the results: dissolved
    ("merge", D(2022, 3, 1), True, False),      # imported history never counts
    ("move", D(2022, 3, 1), False, False),
])
def test_leader_restructured_window_kinds_and_origin(build, tree, kind, on, imported, counted):
    old = build.agency("OLD", tree["root"])
    head = build.position(old, code="OLD-HEAD", category="leadership", leadership_role="head")
    results = [tree["B"]] if kind != "move" else [old]
    _event(build, kind, on, [old], results, imported=imported)
    o = _moved(build, head, tree["pB"], on - dt.timedelta(days=1), start=D(2015, 1, 1))
    assert (o.code in listed(tree["root"])) is counted


def test_split_that_keeps_the_original_does_not_count(build, tree):
    a = tree["A"]
    head = build.position(a, code="A-HEAD", category="leadership", leadership_role="head")
    new = build.agency("NEW", tree["root"])
    _event(build, "split", D(Y, 3, 1), [a], [a, new])
    o = _moved(build, head, tree["pB"], D(Y, 2, 28))
    assert o.code not in listed(tree["root"])


def test_several_criteria_in_order(build, tree):
    p = build.position(tree["A"], quota=0, min_education="master")
    o = build.holder(p, education_level="bachelor")
    build.rating(o, Y, "not_completed")
    assert listed(tree["A"]) == {o.code: ["RED-RATING", "RED-QUALIFICATION", "RED-OVER-QUOTA"]}
