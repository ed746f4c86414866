"""The dated table of legal numbers: the date checked picks the rule in force."""
import datetime as dt

import pytest

from orgchart.eligibility.legal import TABLE, department_deputy_cap, division_deputy_cap, lookup, numbers_on


def test_discipline_regime_switches_on_2025_10_08():
    before, after = numbers_on(dt.date(2025, 10, 7)), numbers_on(dt.date(2025, 10, 8))
    assert before.appointment_discipline_bar_months["reprimand"] == 12
    assert before.appointment_discipline_bar_months["warning"] == 30
    assert after.appointment_discipline_bar_months["reprimand"] == 24
    assert after.appointment_discipline_bar_months["warning"] == 36
    assert "forced_resignation" not in after.appointment_discipline_bar_months
    assert "QĐ 80" in before.cite("appointment_discipline_bar_months")
    assert "QĐ 377" in after.cite("appointment_discipline_bar_months")


def test_core_numbers():
    n = numbers_on(dt.date(2026, 1, 1))
    assert (n.term_months, n.reappointment_min_months, n.rotation_min_months, n.time_in_post_days,
            n.recruitment_min_age) == (60, 24, 120, 730, 18)
    assert department_deputy_cap(dt.date(2026, 1, 1))[0] == 3


@pytest.mark.parametrize("staff, cap", [(0, 1), (9, 1), (10, 2), (14, 2), (15, 3), (80, 3)])
def test_division_deputy_cap(staff, cap):
    assert division_deputy_cap(staff, dt.date(2026, 1, 1))[0] == cap


def test_rows_of_one_key_never_overlap_and_every_row_has_a_citation():
    for row in TABLE:
        assert row.citation
        for other in TABLE:
            if other is not row and other.key == row.key:
                lo = max(row.valid_from or dt.date.min, other.valid_from or dt.date.min)
                hi = min(row.valid_to or dt.date.max, other.valid_to or dt.date.max)
                assert lo > hi, row.key


def test_unknown_key():
    with pytest.raises(KeyError):
        lookup("nope", dt.date(2026, 1, 1))
