"""RULES.md §4 boundaries, rule by rule (pure functions, no database)."""
import datetime as dt

import pytest

from orgchart.restructuring import rules
from orgchart.restructuring.legal import TABLE, numbers_on
from orgchart.restructuring.rules import Merger, UnitFacts

DAY = dt.date(2026, 3, 1)
N = numbers_on(DAY)


def codes(f, day=DAY):
    return {x.code: x for x in rules.check(f, day, numbers_on(day))}


def pc(n_depts, cls="", deputies_each=0, merger=None):
    f = UnitFacts(kind="people_committee", level="province", agency_class=cls, active_children=n_depts,
                  function_mandates=1)
    f.departments = [UnitFacts(kind="department", deputies=deputies_each, function_mandates=1, merger=merger)
                     for _ in range(n_depts)]
    return f


@pytest.mark.parametrize("n,cls,hit", [(14, "", False), (15, "", True), (15, "special", False), (16, "special", True)])
def test_dept_count(n, cls, hit):
    assert ("STRUCT-DEPT-COUNT" in codes(pc(n, cls))) is hit


def test_dept_count_only_province_people_committee():
    f = pc(20)
    f.level = "commune"
    assert "STRUCT-DEPT-COUNT" not in codes(f)


@pytest.mark.parametrize("total_extra,cls,hit", [(0, "", False), (1, "", True), (10, "special", False), (11, "special", True)])
def test_deputy_dept_avg(total_extra, cls, hit):
    f = pc(10, cls, deputies_each=3)
    f.departments[0].deputies += total_extra
    found = codes(f).get("STRUCT-DEPUTY-DEPT-AVG")
    assert (found is not None) is hit
    if found:
        assert found.severity == "violation"


def test_deputy_dept_avg_merged_allowance():
    f = pc(2, deputies_each=3)
    f.departments[0].merger = Merger(on=dt.date(2025, 7, 1), bodies=2)
    f.departments[0].deputies = 4  # 7 > 6, within +1
    assert codes(f)["STRUCT-DEPUTY-DEPT-AVG"].severity == "warning"
    f.departments[0].deputies = 5  # beyond +1
    assert codes(f)["STRUCT-DEPUTY-DEPT-AVG"].severity == "violation"


@pytest.mark.parametrize("staff,deputies,hit", [
    (9, 1, False), (9, 2, True), (10, 2, False), (10, 3, True), (14, 2, False), (14, 3, True),
    (15, 3, False), (15, 4, True),
])
def test_deputy_division_caps(staff, deputies, hit):
    f = UnitFacts(kind="division", staff=staff, deputies=deputies, function_mandates=1, parent_kind="department")
    assert ("STRUCT-DEPUTY-DIVISION" in codes(f)) is hit


def test_deputy_cap_applies_to_sub_department_too():
    f = UnitFacts(kind="sub_department", staff=12, deputies=3, function_mandates=1)
    assert codes(f)["STRUCT-DEPUTY-DIVISION"].severity == "violation"


@pytest.mark.parametrize("bodies,deputies,sev", [(2, 3, "warning"), (2, 4, "violation"), (3, 4, "warning"),
                                                 (3, 5, "violation"), (4, 4, "warning")])
def test_merged_allowance_within_five_years(bodies, deputies, sev):
    # staff 12 → cap 2; merger of 2 → up to 3, of 3 (or more) → up to 4
    f = UnitFacts(kind="division", staff=12, deputies=deputies, function_mandates=1,
                  merger=Merger(on=dt.date(2025, 7, 1), bodies=bodies))
    found = codes(f)["STRUCT-DEPUTY-DIVISION"]
    assert found.severity == sev
    if sev == "warning":
        assert found.citation == N.cite("merged_deputy_extra")


def test_merged_allowance_ends_after_five_years():
    f = UnitFacts(kind="division", staff=12, deputies=3, function_mandates=1,
                  merger=Merger(on=dt.date(2025, 7, 1), bodies=2))
    assert codes(f, dt.date(2030, 6, 30))["STRUCT-DEPUTY-DIVISION"].severity == "warning"
    assert codes(f, dt.date(2030, 7, 1))["STRUCT-DEPUTY-DIVISION"].severity == "violation"
    assert codes(f, dt.date(2025, 6, 30))["STRUCT-DEPUTY-DIVISION"].severity == "violation"


def test_merged_allowance_never_above_seven():
    f = UnitFacts(kind="division", staff=20, deputies=5, function_mandates=1,
                  merger=Merger(on=dt.date(2025, 7, 1), bodies=3))
    assert codes(f)["STRUCT-DEPUTY-DIVISION"].severity == "warning"  # cap 3 + 2 = 5
    n = numbers_on(DAY)
    assert min(3 + n.merged_extra(3), n.merged_deputy_ceiling) == 5
    assert n.merged_extra(10) == 2 and n.merged_extra(1) == 0


@pytest.mark.parametrize("staff,hit", [(6, True), (7, False), (8, False)])
def test_division_min_staff(staff, hit):
    f = UnitFacts(kind="division", staff=staff, function_mandates=1, parent_kind="department")
    assert ("STRUCT-DIVISION-MIN-STAFF" in codes(f)) is hit


def test_division_min_staff_only_under_departments():
    f = UnitFacts(kind="division", staff=2, function_mandates=1, parent_kind="people_committee")
    assert "STRUCT-DIVISION-MIN-STAFF" not in codes(f)
    f.parent_kind = "department_equivalent"
    assert "STRUCT-DIVISION-MIN-STAFF" in codes(f)


@pytest.mark.parametrize("staff,hit", [(11, True), (12, False), (13, False)])
def test_subdept_min_staff(staff, hit):
    f = UnitFacts(kind="sub_department", staff=staff, function_mandates=1)
    assert ("STRUCT-SUBDEPT-MIN-STAFF" in codes(f)) is hit


@pytest.mark.parametrize("children,hit", [(0, False), (1, True), (2, False)])
def test_single_child(children, hit):
    f = UnitFacts(kind="department", active_children=children, function_mandates=1)
    found = codes(f).get("STRUCT-SINGLE-CHILD")
    assert (found is not None) is hit
    if found:
        assert found.severity == "warning"


def test_no_function():
    assert codes(UnitFacts(kind="board"))["STRUCT-NO-FUNCTION"].severity == "warning"
    assert "STRUCT-NO-FUNCTION" not in codes(UnitFacts(kind="board", function_mandates=1))


@pytest.mark.parametrize("positions,holders,vacant,multiple", [
    (0, 0, False, False), (1, 0, True, False), (1, 1, False, False), (2, 2, False, True), (1, 2, False, True),
])
def test_head_rules(positions, holders, vacant, multiple):
    c = codes(UnitFacts(kind="board", function_mandates=1, head_positions=positions, head_holders=holders))
    assert ("STRUCT-HEAD-VACANT" in c) is vacant
    assert ("STRUCT-HEAD-MULTIPLE" in c) is multiple
    if multiple:
        assert c["STRUCT-HEAD-MULTIPLE"].severity == "violation"


def test_every_code_has_a_vietnamese_message_and_citation():
    f = pc(16, deputies_each=9)
    f.function_mandates = 0
    f.head_positions, f.head_holders, f.active_children = 1, 0, 1
    found = codes(f)
    found |= codes(UnitFacts(kind="division", staff=3, deputies=4, parent_kind="department", head_positions=1,
                             head_holders=2))
    found |= codes(UnitFacts(kind="sub_department", staff=3))
    assert set(found) == set(rules.CODES)
    for x in found.values():
        assert x.message and x.citation and x.severity in ("violation", "warning")


def test_table_is_dated_and_citation_switches_on_1_july_2025():
    keys = {r.key for r in TABLE}
    assert {"dept_max", "division_deputy_caps", "division_min_staff", "subdept_min_staff"} <= keys
    assert numbers_on(dt.date(2025, 6, 30)).cite("division_min_staff") != numbers_on(dt.date(2025, 7, 1)).cite(
        "division_min_staff")
    for day in (dt.date(2020, 1, 1), dt.date(2025, 6, 30), dt.date(2025, 7, 1), dt.date(2031, 1, 1)):
        n = numbers_on(day)
        for key in keys:  # exactly one row of each key holds on any date
            assert sum(1 for r in TABLE if r.key == key and r.holds_on(day)) == 1, (key, day)
        assert n.dept_max == 14
