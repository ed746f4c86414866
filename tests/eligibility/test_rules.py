"""RULES.md §2, rule by rule, on plain facts (no database): day before / of / after and value
just below / at / above for every code."""
import datetime as dt
from dataclasses import replace

import pytest

from orgchart.core.dates import add_months
from orgchart.eligibility import rules as R
from orgchart.eligibility.facts import ACTIONS, DisciplineFact, PlanFact
from orgchart.eligibility.rules import RULES, evaluate

from .factories import ON, OTHER_POS, POS, D, case, history, holding, official, position, with_assignments

ONE = dt.timedelta(days=1)


def fires(fn, c) -> bool:
    f = fn(c)
    if f is not None:
        assert f.message and f.citation and f.severity in ("violation", "warning")
    return f is not None


def codes(c) -> list[str]:
    return [f.code for f in evaluate(c)]


def test_a_well_qualified_official_is_eligible_for_a_first_appointment():
    assert codes(case()) == []


def test_every_code_of_rules_md_has_one_rule():
    assert len(R.CODES) == len(set(R.CODES)) == 28


# --- ELIG-RETIRED -------------------------------------------------------------------------------
@pytest.mark.parametrize("delta, expected", [(-1, False), (0, False), (1, True)])
def test_retired_after_the_retirement_date(delta, expected):
    rd = official().retirement_date  # born 1980-01 → 2042-01-31
    assert rd == D(2042, 1, 31)
    for action in ACTIONS:
        assert fires(R.elig_retired, case(action, on=rd + delta * ONE)) is expected


# --- ELIG-SEPARATED ------------------------------------------------------------------------------
@pytest.mark.parametrize("delta, expected", [(-1, True), (0, True), (1, False)])
def test_separated_on_or_before(delta, expected):
    h = history(separations=(ON + delta * ONE,))
    assert fires(R.elig_separated, case("transfer", h=h)) is expected


# --- ACTION-POSITION-MISMATCH -----------------------------------------------------------------------
@pytest.mark.parametrize("action, category, expected", [
    ("first_appointment", "professional", True), ("higher_appointment", "support", True),
    ("reappointment", "shared_professional", True), ("recruitment", "leadership", True),
    ("first_appointment", "leadership", False), ("recruitment", "professional", False),
    ("rotation", "professional", False), ("transfer", "leadership", False),
])
def test_action_position_mismatch(action, category, expected):
    assert fires(R.action_position_mismatch, case(action, p=position(category=category))) is expected


# --- ASSIGN-ALREADY-HOLDS / REAPPT-NOT-HOLDING ------------------------------------------------------
@pytest.mark.parametrize("start, end, kind, expected", [
    (ON - 400 * ONE, ON - ONE, "first_appointment", False),  # ended the day before
    (ON - 400 * ONE, ON, "first_appointment", True),  # ends on the day
    (ON, None, "recruitment", True),  # starts on the day
    (ON + ONE, None, "recruitment", False),  # starts the day after
    (ON - 400 * ONE, None, "acting", False),  # acting/concurrent/secondment never hold
    (ON - 400 * ONE, None, "concurrent", False),
    (ON - 400 * ONE, None, "secondment", False),
])
def test_already_holds_and_reappointment_needs_holding(start, end, kind, expected):
    h = with_assignments(holding(start, end, kind))
    assert fires(R.assign_already_holds, case("rotation", h=h)) is expected
    assert fires(R.reappt_not_holding, case("reappointment", h=h)) is (not expected)


def test_holding_another_position_is_not_holding_this_one():
    assert not fires(R.assign_already_holds, case("transfer"))
    assert fires(R.reappt_not_holding, case("reappointment"))


# --- APPT-STAFF-TYPE ---------------------------------------------------------------------------------
@pytest.mark.parametrize("staff_type, expected", [
    ("contract", True), ("civil_servant", False), ("cadre", False), ("public_employee", False)])
def test_staff_type(staff_type, expected):
    assert fires(R.appt_staff_type, case(o=official(staff_type=staff_type))) is expected


# --- RECRUIT-AGE --------------------------------------------------------------------------------------
@pytest.mark.parametrize("on, expected", [(D(2026, 3, 14), True), (D(2026, 3, 15), False), (D(2026, 3, 16), False)])
def test_recruitment_age_18_on_the_birthday(on, expected):
    o = official(birth_date=D(2008, 3, 15))
    assert fires(R.recruit_age, case("recruitment", on=on, o=o, p=position(category="professional"))) is expected


# --- APPT-AGE-TERM / REAPPT-EXTEND-INSTEAD / REAPPT-TERM-TO-RETIREMENT / ROT-REMAINING ---------------------
def _retiring(rd):
    return official(retirement_date=rd)


@pytest.mark.parametrize("delta, expected", [(-1, True), (0, False), (1, False)])
def test_age_for_a_full_term(delta, expected):
    rd = add_months(ON, 60) + delta * ONE
    assert fires(R.appt_age_term, case(o=_retiring(rd))) is expected


@pytest.mark.parametrize("delta, expected", [(-1, True), (0, False), (1, False)])
def test_reappointment_extend_instead(delta, expected):
    rd = add_months(ON, 24) + delta * ONE
    assert fires(R.reappt_extend_instead, case("reappointment", o=_retiring(rd))) is expected


@pytest.mark.parametrize("rd, expected", [
    (add_months(ON, 24) - ONE, False),  # extended instead: not this warning
    (add_months(ON, 24), True),
    (add_months(ON, 60) - ONE, True),
    (add_months(ON, 60), False),
])
def test_reappointment_term_ends_at_retirement(rd, expected):
    f = R.reappt_term_to_retirement(case("reappointment", o=_retiring(rd)))
    assert (f is not None) is expected
    if f:
        assert f.severity == "warning"


@pytest.mark.parametrize("delta, category, expected", [
    (-1, "leadership", True), (0, "leadership", False), (1, "leadership", False), (-1, "professional", False)])
def test_rotation_needs_ten_years_left(delta, category, expected):
    rd = add_months(ON, 120) + delta * ONE
    assert fires(R.rot_remaining, case("rotation", o=_retiring(rd), p=position(category=category))) is expected


# --- REAPPT-TERM-LIMIT -----------------------------------------------------------------------------------
def _two_terms(gap_days=1, latest_end=None, kinds=("first_appointment", "reappointment")):
    first_end = D(2021, 3, 14)
    return with_assignments(
        holding(D(2016, 3, 15), first_end, kinds[0]),
        holding(first_end + gap_days * ONE, latest_end, kinds[1]),
    )


@pytest.mark.parametrize("gap, expected", [(0, True), (1, True), (2, False)])
def test_term_limit_needs_consecutive_terms(gap, expected):
    assert fires(R.reappt_term_limit, case("reappointment", h=_two_terms(gap))) is expected


@pytest.mark.parametrize("days_before, expected", [(89, True), (90, True), (91, False)])
def test_term_limit_latest_term_ended_recently(days_before, expected):
    h = _two_terms(latest_end=ON - days_before * ONE)
    assert fires(R.reappt_term_limit, case("reappointment", h=h)) is expected


@pytest.mark.parametrize("staff_type, expected", [
    ("civil_servant", True), ("cadre", True), ("public_employee", False), ("contract", False)])
def test_term_limit_staff_types(staff_type, expected):
    assert fires(R.reappt_term_limit, case("reappointment", o=official(staff_type=staff_type), h=_two_terms())) is expected


def test_term_limit_counts_only_appointment_kinds_of_this_position():
    assert not fires(R.reappt_term_limit, case("reappointment", h=_two_terms(kinds=("recruitment", "reappointment"))))
    assert not fires(R.reappt_term_limit, case("reappointment", h=with_assignments(holding(D(2021, 3, 15)))))
    three = with_assignments(holding(D(2011, 1, 1), D(2015, 12, 31)), holding(D(2016, 1, 1), D(2020, 12, 31),
                             "reappointment"), holding(D(2021, 1, 1), None, "reappointment"))
    f = R.reappt_term_limit(case("reappointment", h=three))
    assert f is not None and "3" in f.message


# --- REAPPT-RATING / APPT-RATING / APPT-RATING-MISSING ---------------------------------------------------
@pytest.mark.parametrize("year, expected", [(2020, False), (2021, True), (2025, True), (2026, False)])
def test_reappointment_rating_years_of_the_current_term(year, expected):
    h = with_assignments(holding(D(2021, 3, 15)))
    h = replace(h, ratings={2020: "good", 2021: "good", 2022: "good", 2023: "good", 2024: "good", 2025: "good",
                            year: "not_completed"})
    assert fires(R.reappt_rating, case("reappointment", h=h)) is expected


def test_reappointment_rating_not_applied_without_a_current_term():
    h = history(ratings={2025: "not_completed"})
    assert not fires(R.reappt_rating, case("reappointment", h=h))


@pytest.mark.parametrize("ratings, expected", [
    ({2025: "completed", 2024: "good"}, True),
    ({2025: "not_completed"}, True),
    ({2025: "good", 2024: "not_completed"}, True),
    ({2025: "good", 2024: "completed"}, False),
    ({2025: "excellent", 2023: "not_completed"}, False),
    ({2026: "not_completed", 2025: "good"}, False),
    ({}, False),
])
def test_appointment_rating(ratings, expected):
    assert fires(R.appt_rating, case(h=history(ratings=ratings))) is expected


@pytest.mark.parametrize("ratings, expected", [({2025: "good"}, False), ({2024: "good"}, True), ({2026: "good"}, True)])
def test_appointment_rating_missing_is_a_warning(ratings, expected):
    f = R.appt_rating_missing(case(h=history(ratings=ratings)))
    assert (f is not None) is expected and (f is None or f.severity == "warning")


# --- APPT-SUCCESSION-PLAN -------------------------------------------------------------------------------
@pytest.mark.parametrize("period, expected", [((2021, 2025), True), ((2021, 2026), False), ((2026, 2030), False),
                                               ((2027, 2031), True)])
def test_succession_plan_period_covers_the_year(period, expected):
    h = history(succession_plans=(PlanFact(POS, *period),))
    assert fires(R.appt_succession_plan, case(h=h, p=position(requires_succession_plan=True))) is expected


def test_succession_plan_for_a_head_counts_for_a_deputy_post_of_the_same_agency():
    h = history(succession_plans=(PlanFact(77, 2026, 2030),))
    deputy = position(requires_succession_plan=True, head_position_ids=frozenset({77}))
    assert not fires(R.appt_succession_plan, case(h=h, p=deputy))
    head = position(requires_succession_plan=True, leadership_role="head", head_position_ids=frozenset({77}))
    assert fires(R.appt_succession_plan, case(h=h, p=head))
    other_agency = position(requires_succession_plan=True, head_position_ids=frozenset({78}))
    assert fires(R.appt_succession_plan, case(h=h, p=other_agency))


def test_succession_plan_not_required():
    assert not fires(R.appt_succession_plan, case(h=history(succession_plans=())))


# --- APPT-TIME-IN-POST --------------------------------------------------------------------------------
@pytest.mark.parametrize("days, expected", [(729, True), (730, False), (731, False)])
def test_time_in_post_730_days(days, expected):
    h = with_assignments(holding(ON - days * ONE, None, pos=OTHER_POS, role="deputy"), keep=False)
    assert fires(R.appt_time_in_post, case("higher_appointment", h=h)) is expected


def test_time_in_post_sums_closed_terms_and_skips_non_holding_and_non_leadership():
    closed = holding(D(2020, 1, 1), D(2020, 12, 30), pos=OTHER_POS, role="head")  # 365 days: end + 1 − start
    acting = holding(D(2022, 1, 1), D(2023, 12, 31), kind="acting", pos=OTHER_POS, role="head")
    expert = holding(D(2022, 1, 1), None, kind="recruitment", pos=30, role="none")
    last = holding(ON - 364 * ONE, None, pos=31, role="deputy")  # 364 days → 729 total
    h = with_assignments(closed, acting, expert, last, keep=False)
    assert fires(R.appt_time_in_post, case("higher_appointment", h=h))
    last = holding(ON - 365 * ONE, None, pos=31, role="deputy")  # 730
    h = with_assignments(closed, acting, expert, last, keep=False)
    assert not fires(R.appt_time_in_post, case("higher_appointment", h=h))
    future = holding(ON, None, pos=31, role="deputy")
    assert fires(R.appt_time_in_post, case("higher_appointment", h=with_assignments(future, keep=False)))


# --- APPT-DISCIPLINE / REAPPT-DISCIPLINE ----------------------------------------------------------------
@pytest.mark.parametrize("form, start, on, expected", [
    # QĐ 80 (before 2025-10-08): reprimand 12 months
    ("reprimand", D(2024, 6, 1), D(2025, 5, 31), True),
    ("reprimand", D(2024, 6, 1), D(2025, 6, 1), False),
    ("reprimand", D(2024, 6, 1), D(2025, 6, 2), False),
    # QĐ 377 from 2025-10-08: reprimand 24 months — the date checked picks the regime
    ("reprimand", D(2024, 6, 1), D(2025, 10, 7), False),
    ("reprimand", D(2024, 6, 1), D(2025, 10, 8), True),
    ("reprimand", D(2024, 6, 1), D(2026, 5, 31), True),
    ("reprimand", D(2024, 6, 1), D(2026, 6, 1), False),
    # warning 30 (QĐ 80) / 36 (QĐ 377)
    ("warning", D(2023, 1, 10), D(2025, 7, 9), True),
    ("warning", D(2023, 1, 10), D(2025, 7, 10), False),
    ("warning", D(2023, 1, 10), D(2026, 1, 9), True),
    ("warning", D(2023, 1, 10), D(2026, 1, 10), False),
    # dismissal_from_post / removal 60 under both
    ("dismissal_from_post", D(2021, 1, 1), D(2025, 12, 31), True),
    ("removal", D(2021, 1, 1), D(2026, 1, 1), False),
    # salary_demotion 12, demotion 24 under both
    ("salary_demotion", D(2025, 3, 15), D(2026, 3, 14), True),
    ("salary_demotion", D(2025, 3, 15), D(2026, 3, 15), False),
    ("demotion", D(2024, 3, 15), D(2026, 3, 14), True),
    ("demotion", D(2024, 3, 15), D(2026, 3, 15), False),
    # no bar for forced resignation; a discipline starting after the date does not bar yet
    ("forced_resignation", D(2026, 1, 1), D(2026, 3, 15), False),
    ("reprimand", D(2026, 3, 16), D(2026, 3, 15), False),
    ("reprimand", D(2026, 3, 15), D(2026, 3, 15), True),
])
def test_appointment_discipline_bar(form, start, on, expected):
    h = history(disciplines=(DisciplineFact(form, start - 30 * ONE, start),))
    f = R.appt_discipline(case(on=on, h=h))
    assert (f is not None) is expected
    if f:
        assert ("377" in f.citation) is (on >= D(2025, 10, 8))


def test_discipline_counts_from_decided_on_without_effective_on():
    h = history(disciplines=(DisciplineFact("reprimand", D(2025, 3, 15)),))
    assert fires(R.appt_discipline, case(on=D(2026, 3, 14), h=h))
    assert not fires(R.appt_discipline, case(on=D(2027, 3, 15), h=h))


@pytest.mark.parametrize("form, months", [("reprimand", 12), ("warning", 12), ("salary_demotion", 12),
                                          ("demotion", 24), ("dismissal_from_post", 24), ("removal", 24)])
def test_reappointment_discipline_bar(form, months):
    start = D(2024, 2, 29)
    h = history(disciplines=(DisciplineFact(form, start),))
    end = add_months(start, months)
    assert fires(R.reappt_discipline, case("reappointment", on=end - ONE, h=h))
    assert not fires(R.reappt_discipline, case("reappointment", on=end, h=h))
    assert not fires(R.reappt_discipline, case("reappointment", on=end + ONE, h=h))


def test_forced_resignation_never_bars_reappointment():
    h = history(disciplines=(DisciplineFact("forced_resignation", ON),))
    assert not fires(R.reappt_discipline, case("reappointment", h=h))


# --- standards ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("level, expected", [("college", True), ("bachelor", False), ("master", False), ("", True)])
def test_education(level, expected):
    c = case(o=official(education_level=level), p=position(min_education="bachelor"))
    assert fires(R.std_education, c) is expected


def test_education_without_minimum():
    assert not fires(R.std_education, case(o=official(education_level="")))


@pytest.mark.parametrize("field, expected", [("Luật", False), ("  LUAT ", False), ("luật  kinh tế", False),
                                             ("Kinh tế", True), ("", True)])
def test_education_field_case_and_diacritics_insensitive(field, expected):
    p = position(education_fields=("Luật", "Luật Kinh tế"))
    assert fires(R.std_edu_field, case(o=official(education_field=field), p=p)) is expected


def test_education_field_not_listed():
    assert not fires(R.std_edu_field, case(o=official(education_field="")))


@pytest.mark.parametrize("have, need, expected", [
    ("01.001", "01.002", False), ("01.002", "01.002", False), ("01.003", "01.002", True), ("", "01.002", True),
    ("04.023", "01.003", True), ("04.023", "04.023", False), ("01.001", "04.023", True), ("04.025", "04.023", True),
])
def test_rank(have, need, expected):
    assert fires(R.std_rank, case(o=official(rank_code=have), p=position(required_rank=need))) is expected


@pytest.mark.parametrize("have, expected", [("elementary", True), ("intermediate", False), ("advanced", False),
                                            ("", True), ("none", True)])
def test_political_theory(have, expected):
    c = case(o=official(political_theory=have), p=position(min_political_theory="intermediate"))
    assert fires(R.std_political_theory, c) is expected


def test_missing_political_theory_meets_none():
    assert not fires(R.std_political_theory, case(o=official(political_theory=""), p=position(min_political_theory="none")))


@pytest.mark.parametrize("have, expected", [("specialist", True), ("principal", False), ("senior", False), ("", True)])
def test_state_mgmt(have, expected):
    c = case(o=official(state_mgmt=have), p=position(min_state_mgmt="principal"))
    assert fires(R.std_state_mgmt, c) is expected


@pytest.mark.parametrize("hired, expected", [(D(2021, 3, 16), True), (D(2021, 3, 15), False), (D(2021, 3, 14), False),
                                             (None, True)])
def test_experience_whole_years(hired, expected):
    c = case(o=official(hired_on=hired), p=position(min_years_experience=5))
    assert fires(R.std_experience, c) is expected


def test_experience_zero_required_or_missing():
    assert not fires(R.std_experience, case(o=official(hired_on=None), p=position(min_years_experience=0)))
    assert not fires(R.std_experience, case(o=official(hired_on=None)))


@pytest.mark.parametrize("ok, expected", [(False, True), (True, False), (None, False)])
def test_health(ok, expected):
    assert fires(R.std_health, case(o=official(health_ok=ok))) is expected


# --- POS-QUOTA-FULL / POS-DEPUTY-CAP -------------------------------------------------------------------------
@pytest.mark.parametrize("holders, quota, expected", [
    ({2}, 2, False), ({2, 3}, 2, True), ({2, 3, 4}, 2, True), ({1, 2}, 2, False), (set(), 0, True), ({2, 3}, None, False)])
def test_quota_full(holders, quota, expected):
    c = case("transfer", p=position(quota=quota, holder_ids=frozenset(holders)))
    assert fires(R.pos_quota_full, c) is expected


@pytest.mark.parametrize("kind, staff, deputies, expected", [
    ("division", 9, 0, False), ("division", 9, 1, True),
    ("division", 10, 1, False), ("division", 10, 2, True),
    ("sub_department", 14, 1, False), ("sub_department", 14, 2, True),
    ("division", 15, 2, False), ("division", 15, 3, True),
    ("department", 100, 2, False), ("department_equivalent", 3, 3, True),
    ("board", 100, 9, False), ("people_committee", 1, 5, False),
])
def test_deputy_cap(kind, staff, deputies, expected):
    p = position(agency_kind=kind, agency_staff=staff, deputy_holder_ids=frozenset(range(100, 100 + deputies)))
    assert fires(R.pos_deputy_cap, case(p=p)) is expected


def test_deputy_cap_does_not_count_the_official_and_skips_non_deputy_posts():
    p = position(agency_kind="division", agency_staff=5, deputy_holder_ids=frozenset({1}))
    assert not fires(R.pos_deputy_cap, case(p=p))
    p = position(agency_kind="division", agency_staff=5, deputy_holder_ids=frozenset({7}), leadership_role="head")
    assert not fires(R.pos_deputy_cap, case(p=p))


# --- applicability and "every finding" ---------------------------------------------------------------------
def _bad_case(action):
    o = official(staff_type="contract", birth_date=D(2009, 1, 1), education_level="", health_ok=False, rank_code="",
                 political_theory="", state_mgmt="", hired_on=None, retirement_date=ON - ONE, education_field="Y")
    h = history(separations=(ON,), ratings={2025: "not_completed"},
                disciplines=(DisciplineFact("dismissal_from_post", ON - ONE),),
                assignments=(holding(D(2015, 1, 1), D(2020, 12, 31)), holding(D(2021, 1, 1), None, "reappointment")))
    p = position(category="professional" if action != "recruitment" else "leadership", min_education="bachelor",
                 education_fields=("Luật",), required_rank="01.003", min_political_theory="elementary",
                 min_state_mgmt="specialist", min_years_experience=3, requires_succession_plan=True, quota=1,
                 holder_ids=frozenset({9}), agency_kind="division", deputy_holder_ids=frozenset({9}))
    return case(action, o=o, h=h, p=p)


def test_each_rule_fires_only_for_its_actions_and_every_finding_is_returned():
    applies = {code: actions for code, _, actions in RULES}
    seen = set()
    for action in ACTIONS:
        got = codes(_bad_case(action))
        assert len(got) >= 9
        for code in got:
            assert action in applies[code], (code, action)
        seen |= set(got)
    # every code except the ones the bad case cannot trigger at the same time
    assert seen >= set(R.CODES) - {"REAPPT-TERM-TO-RETIREMENT", "APPT-RATING-MISSING", "APPT-TIME-IN-POST",
                                   "ROT-REMAINING", "REAPPT-NOT-HOLDING", "REAPPT-TERM-LIMIT"}


def test_findings_follow_the_order_of_the_rules_table():
    got = codes(_bad_case("first_appointment"))
    assert got == sorted(got, key=R.CODES.index)


def test_position_preconditions_never_drop_a_finding():
    """rules_for() skips rules whose position-side precondition is false: same findings as all rules."""
    positions = [
        position(), position(category="professional", leadership_role="none", quota=0),
        position(min_education="bachelor", education_fields=("Luật",), required_rank="01.003", quota=1,
                 min_political_theory="elementary", min_state_mgmt="specialist", min_years_experience=3,
                 requires_succession_plan=True, agency_kind="division", holder_ids=frozenset({9}),
                 deputy_holder_ids=frozenset({9})),
        position(leadership_role="head", agency_kind="department", requires_succession_plan=True),
    ]
    for action in ACTIONS:
        for p in positions:
            for c in (_bad_case(action), case(action), case(action, o=official(retirement_date=ON + 100 * ONE))):
                c = replace(c, position=p)
                full = [fn(c) for fn in R.RULES_BY_ACTION[action]]
                assert [f for f in full if f] == [f for f in (fn(c) for fn in R.rules_for(p, action)) if f]
