"""Reduction targets: nearest ancestor, baseline of the queried subtree, rounding, on-track."""
from decimal import Decimal

import pytest

from orgchart.staffing.summary import breakdown, summary
from orgchart.staffing.targets import achieved_percent

Y = 2024
pytestmark = pytest.mark.usefixtures("rollup_mode")


def test_no_target_gives_nulls(build, tree):
    build.quota(tree["A"], Y, "civil_servant", 3)
    st = summary(tree["A"], Y).status
    assert (st.target, st.baseline_quota, st.achieved_percent, st.on_track) == (None, None, None, None)


def test_nearest_ancestor_target_wins(build, tree):
    build.target(tree["root"], percent=5)
    near = build.target(tree["A"], percent=7)
    assert summary(tree["A1"], Y).status.target == near
    assert summary(tree["A"], Y).status.target == near
    assert summary(tree["B"], Y).status.target.percent == 5
    assert summary(tree["root"], Y).status.target.percent == 5
    assert {s.agency.code: s.status.target.percent for s in breakdown(tree["root"], Y)} == {"A": 7, "B": 5}


def test_period_must_cover_year(build, tree):
    build.target(tree["A"], start=2015, end=2021, baseline=2015, percent=10)
    build.target(tree["root"], start=2022, end=2026, percent=5)
    assert summary(tree["A"], Y).status.target.percent == 5
    assert summary(tree["A"], 2020).status.target.percent == 10
    assert summary(tree["A"], 2027).status.target is None


def test_kind_rows(build, tree):
    build.target(tree["root"], percent=5, kind="civil_servant")
    build.target(tree["root"], percent=10, kind="public_employee")
    build.target(tree["root"], percent=3, kind="")
    assert summary(tree["A"], Y, "civil_servant").status.target.percent == 5
    assert summary(tree["A"], Y, "public_employee").status.target.percent == 10
    assert summary(tree["A"], Y, "contract").status.target.percent == 3  # '' applies to all kinds
    assert summary(tree["A"], Y).status.target.percent == 3  # all kinds: only a '' row
    # nearest agency first, whatever the kind of its row
    build.target(tree["A"], percent=4, kind="")
    assert summary(tree["A1"], Y, "civil_servant").status.target.percent == 4


def test_all_kinds_query_ignores_kind_specific_rows(build, tree):
    build.target(tree["root"], percent=5, kind="civil_servant")
    assert summary(tree["A"], Y).status.target is None


def test_baseline_is_the_queried_subtree(build, tree):
    build.target(tree["root"], percent=5)
    build.quota(tree["A"], 2021, "civil_servant", 100)
    build.quota(tree["A1"], 2021, "civil_servant", 100)
    build.quota(tree["B"], 2021, "civil_servant", 1000)
    build.quota(tree["A"], Y, "civil_servant", 95)
    build.quota(tree["A1"], Y, "civil_servant", 95)
    st = summary(tree["A"], Y).status
    assert st.baseline_quota == 200
    assert st.achieved_percent == Decimal("5.00")
    st = summary(tree["root"], Y).status
    assert st.baseline_quota == 1200


def test_baseline_same_kind(build, tree):
    build.target(tree["root"], percent=5, kind="civil_servant")
    build.quota(tree["A"], 2021, "civil_servant", 100)
    build.quota(tree["A"], 2021, "public_employee", 400)
    build.quota(tree["A"], Y, "civil_servant", 90)
    st = summary(tree["A"], Y, "civil_servant").status
    assert (st.baseline_quota, st.achieved_percent) == (100, Decimal("10.00"))


@pytest.mark.parametrize("baseline, quota, expected", [
    (800, 799, "0.13"),     # 0.125 → half-up (banker's rounding would give 0.12)
    (800, 801, "-0.13"),    # quota grew: half away from zero
    (8000, 7999, "0.01"),   # 0.0125
    (3, 2, "33.33"),
    (3, 1, "66.67"),
    (200, 190, "5.00"),
    (1, 1, "0.00"),
])
def test_achieved_percent_rounding_half_up(baseline, quota, expected):
    assert achieved_percent(baseline, quota) == Decimal(expected)


def test_achieved_percent_zero_baseline():
    assert achieved_percent(0, 10) is None


@pytest.mark.parametrize("quota, achieved, on_track", [
    (9701, "2.99", False),  # just below the pro-rata 3 %
    (9700, "3.00", True),   # exactly at it
    (9699, "3.01", True),   # above
])
def test_on_track_boundaries(build, tree, quota, achieved, on_track):
    build.target(tree["root"], start=2022, end=2026, baseline=2021, percent=5)  # 2024: 5 × 3/5 = 3 %
    build.quota(tree["A"], 2021, "civil_servant", 10000)
    build.quota(tree["A"], Y, "civil_servant", quota)
    st = summary(tree["A"], Y).status
    assert st.achieved_percent == Decimal(achieved)
    assert st.required_percent == Decimal("3.00")
    assert st.on_track is on_track


def test_on_track_compares_the_rounded_value(build, tree):
    build.target(tree["root"], start=2022, end=2026, baseline=2021, percent=5)
    build.quota(tree["A"], 2021, "civil_servant", 100000)
    build.quota(tree["A"], Y, "civil_servant", 97001)  # 2.999 % → rounds to 3.00
    st = summary(tree["A"], Y).status
    assert st.achieved_percent == Decimal("3.00") and st.on_track is True


def test_on_track_pro_rata_exact_fraction(build, tree):
    build.target(tree["root"], start=2022, end=2024, baseline=2021, percent=10)  # 2022: 10 × 1/3 = 3.333…
    build.quota(tree["A"], 2021, "civil_servant", 10000)
    build.quota(tree["A"], 2022, "civil_servant", 9667)  # 3.33 < 3.333…
    assert summary(tree["A"], 2022).status.on_track is False
    build.quota(tree["B"], 2021, "civil_servant", 10000)
    build.quota(tree["B"], 2022, "civil_servant", 9666)  # 3.34
    assert summary(tree["B"], 2022).status.on_track is True
