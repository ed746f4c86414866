"""RULES.md §3 figures: headcount, vacancies, over-quota, separations, reductions."""
import datetime as dt

import pytest

from orgchart.core.dates import today
from orgchart.staffing.summary import breakdown, summary

D = dt.date
Y = 2024
pytestmark = pytest.mark.usefixtures("rollup_mode")


def fig(agency, year=Y, kind=None):
    return summary(agency, year, kind).figures


@pytest.mark.parametrize("kind", ["concurrent", "acting", "secondment"])
def test_non_holding_kinds_never_count(build, tree, kind):
    build.holder(tree["pA"], kind=kind)
    build.holder(tree["pA"], kind="recruitment")
    assert fig(tree["root"]).headcount == 1
    assert fig(tree["A"]).headcount == 1


def test_each_official_counted_once(build, tree):
    o = build.holder(tree["pA"], start=D(2020, 1, 1))
    build.assign(o, tree["pB"], start=D(2023, 1, 1))  # a second primary assignment (data error)
    build.assign(o, tree["pA1"], start=D(2022, 1, 1))
    assert fig(tree["root"]).headcount == 1
    # inside ROOT's subtree the official is counted in B (latest start); A's subtree counts them itself
    rows = {s.agency.code: s.figures.headcount for s in breakdown(tree["root"], Y)}
    assert rows == {"A": 1, "B": 1}
    assert fig(tree["A"]).headcount == 1
    build.quota(tree["A"], Y, "civil_servant", 1)
    build.quota(tree["B"], Y, "civil_servant", 1)
    f = fig(tree["root"])
    assert (f.quota, f.headcount, f.vacancies, f.over_quota) == (2, 1, 1, 0)


def test_holding_interval_on_reference_date(build, tree):
    build.holder(tree["pA"], start=D(Y, 12, 31))
    build.holder(tree["pA"], start=D(2020, 1, 1), end=D(Y, 12, 31))
    build.holder(tree["pA"], start=D(2020, 1, 1), end=D(Y, 12, 30))
    build.holder(tree["pA"], start=D(Y + 1, 1, 1))
    assert fig(tree["A"]).headcount == 2


def test_kinds_and_cadre_counts_as_civil_servant(build, tree):
    build.holder(tree["pA"], staff_type="cadre")
    build.holder(tree["pA"], staff_type="civil_servant")
    build.holder(tree["pA"], staff_type="public_employee")
    build.holder(tree["pA1"], staff_type="contract")
    s = summary(tree["A"], Y)
    assert {k: f.headcount for k, f in s.by_kind.items()} == {"civil_servant": 2, "public_employee": 1, "contract": 1}
    assert fig(tree["A"], kind="civil_servant").headcount == 2
    assert fig(tree["A"], kind="contract").headcount == 1
    assert fig(tree["A"]).headcount == 4


def test_vacancies_and_over_quota_per_agency_and_kind(build, tree):
    build.quota(tree["A"], Y, "civil_servant", 3)
    build.holder(tree["pA"])
    build.quota(tree["B"], Y, "civil_servant", 1)
    for _ in range(3):
        build.holder(tree["pB"])
    # kinds are not netted against each other either
    build.quota(tree["A1"], Y, "public_employee", 2)
    build.holder(tree["pA1"], staff_type="contract")
    build.quota(tree["A1"], Y - 1, "civil_servant", 50)  # another year: ignored
    f = fig(tree["root"])
    assert (f.quota, f.headcount, f.vacancies, f.over_quota) == (6, 5, 4, 3)
    f = fig(tree["root"], kind="civil_servant")
    assert (f.quota, f.headcount, f.vacancies, f.over_quota) == (4, 4, 2, 2)
    f = fig(tree["A"])
    assert (f.quota, f.headcount, f.vacancies, f.over_quota) == (5, 2, 4, 1)


def test_separation_on_31_december_counts_in_that_year_not_next(build, tree):
    o1 = build.holder(tree["pA"], end=D(Y, 12, 30))
    build.separation(o1, D(Y, 12, 31), "reduction")
    o2 = build.holder(tree["pA"], end=D(Y, 12, 31))
    build.separation(o2, D(Y + 1, 1, 1), "retirement")
    o3 = build.holder(tree["pA"], end=D(Y - 1, 12, 31))
    build.separation(o3, D(Y, 1, 1), "death")
    f = fig(tree["A"])
    assert (f.separations, f.reductions) == (2, 1)
    f = fig(tree["A"], Y + 1)
    assert (f.separations, f.reductions) == (1, 0)


def test_separation_counted_in_agency_of_latest_assignment_started_before(build, tree):
    o = build.official()
    build.assign(o, tree["pA1"], start=D(2018, 1, 1), end=D(2023, 12, 31))
    build.assign(o, tree["pB"], start=D(2024, 1, 1), end=D(Y, 6, 30))
    build.assign(o, tree["pA"], start=D(Y, 3, 1), end=D(Y, 6, 30), kind="concurrent")  # never the one
    build.assign(o, tree["proot"], start=D(Y, 8, 1))  # starts after the separation: ignored
    build.separation(o, D(Y, 7, 1), "reduction")
    assert fig(tree["B"]).separations == 1
    assert fig(tree["B"]).reductions == 1
    assert fig(tree["A"]).separations == 0
    assert fig(tree["root"]).separations == 1
    assert {s.agency.code: s.figures.separations for s in breakdown(tree["root"], Y)} == {"A": 0, "B": 1}


def test_separation_counted_by_kind_of_staff_type(build, tree):
    o = build.holder(tree["pA"], staff_type="public_employee", end=D(Y, 5, 31))
    build.separation(o, D(Y, 6, 1), "reduction")
    assert fig(tree["A"], kind="public_employee").reductions == 1
    assert fig(tree["A"], kind="civil_servant").reductions == 0


def test_separation_on_start_day_of_latest_assignment(build, tree):
    o = build.official()
    build.assign(o, tree["pA"], start=D(2019, 1, 1), end=D(Y, 4, 9))
    build.assign(o, tree["pB"], start=D(Y, 4, 10))
    build.separation(o, D(Y, 4, 10), "resignation")
    assert fig(tree["B"]).separations == 1 and fig(tree["A"]).separations == 0


def test_retired_and_separated_holders_are_counted_and_flagged(build, tree):
    build.holder(tree["pA"], birth=D(1955, 3, 10))  # man retired in 2015
    o = build.holder(tree["pA"])
    build.separation(o, D(Y, 2, 1), "resignation")
    build.holder(tree["pA"])
    f = fig(tree["A"])
    assert (f.headcount, f.retired_still_holding, f.separated_still_holding) == (3, 1, 1)


def test_reference_date_is_today_for_current_year(build, tree):
    t = today()
    s = summary(tree["A"], t.year)
    assert s.reference_date == t
    assert summary(tree["A"], t.year - 1).reference_date == D(t.year - 1, 12, 31)
    build.holder(tree["pA"], start=t)
    build.holder(tree["pA"], start=D(2020, 1, 1), end=t - dt.timedelta(days=1))
    if t < D(t.year, 12, 31):
        build.holder(tree["pA"], start=t + dt.timedelta(days=1))  # starts later this year: not yet
    assert summary(tree["A"], t.year).figures.headcount == 1


def test_position_moved_uses_position_links_for_past_dates(build, tree):
    """P belonged to A until 31 Dec Y, then to B (today's tree)."""
    p = build.position(tree["B"], code="P-MOVED")
    build.link(p, tree["A"], None, D(Y, 12, 31))
    build.link(p, tree["B"], D(Y + 1, 1, 1), None)
    build.holder(p, start=D(2020, 1, 1))
    assert fig(tree["A"], Y).headcount == 1
    assert fig(tree["B"], Y).headcount == 0
    assert fig(tree["B"], today().year).headcount == 1
    o = build.holder(p, start=D(2020, 1, 1), end=D(Y, 9, 30))
    build.separation(o, D(Y, 10, 1), "reduction")
    assert fig(tree["A"], Y).reductions == 1 and fig(tree["B"], Y).reductions == 0


def test_quota_natural_sum_over_subtree(build, tree):
    build.quota(tree["root"], Y, "civil_servant", 10)
    build.quota(tree["A1"], Y, "civil_servant", 5)
    build.quota(tree["A1"], Y, "contract", 2)
    assert fig(tree["root"]).quota == 17
    assert fig(tree["A"]).quota == 7
    assert fig(tree["B"]).quota == 0
    assert fig(tree["A"], kind="contract").quota == 2
