"""RULES.md §1: retirement dates on every schedule block boundary, for men and women."""
import datetime as dt

import pytest

from orgchart.eligibility.calendar import remaining_months, retirement_age_months, retirement_date

D = dt.date


@pytest.mark.parametrize(
    "born, expected",
    [
        # examples of RULES.md §1
        (D(1961, 1, 20), D(2021, 4, 30)),
        (D(1962, 1, 1), D(2022, 7, 31)),
        (D(1970, 5, 9), D(2032, 5, 31)),
        # before the schedule: 60 years
        (D(1960, 12, 31), D(2020, 12, 31)),
        (D(1950, 2, 28), D(2010, 2, 28)),
        # block 0 (m = 0..8): 60y3m
        (D(1961, 1, 1), D(2021, 4, 30)),
        (D(1961, 9, 30), D(2021, 12, 31)),
        # block 1 (m = 9..17): 60y6m
        (D(1961, 10, 1), D(2022, 4, 30)),
        (D(1962, 6, 15), D(2022, 12, 31)),
        # block 2 (m = 18): 60y9m
        (D(1962, 7, 1), D(2023, 4, 30)),
        # block 5 last month (m = 53) / block 6 first (m = 54): 61y6m / 61y9m
        (D(1965, 6, 30), D(2026, 12, 31)),
        (D(1965, 7, 1), D(2027, 4, 30)),
        # block 6 last (m = 62) / block 7 first (m = 63) reaches the cap 62y
        (D(1966, 3, 31), D(2027, 12, 31)),
        (D(1966, 4, 1), D(2028, 4, 30)),
        # capped afterwards
        (D(1966, 12, 1), D(2028, 12, 31)),
        (D(1967, 1, 1), D(2029, 1, 31)),
        (D(1990, 2, 14), D(2052, 2, 29)),
    ],
)
def test_men(born, expected):
    assert retirement_date(born, "male") == expected


@pytest.mark.parametrize(
    "born, expected",
    [
        (D(1966, 1, 5), D(2021, 5, 31)),  # example of RULES.md §1
        (D(1965, 12, 31), D(2020, 12, 31)),  # before the schedule: 55 years
        (D(1966, 8, 31), D(2021, 12, 31)),  # m = 7: still 55y4m
        (D(1966, 9, 1), D(2022, 5, 31)),  # m = 8: 55y8m
        (D(1967, 4, 1), D(2022, 12, 31)),  # m = 15: 55y8m
        (D(1967, 5, 1), D(2023, 5, 31)),  # m = 16: 56y0m
        (D(1975, 4, 30), D(2034, 12, 31)),  # m = 111: 59y8m
        (D(1975, 5, 1), D(2035, 5, 31)),  # m = 112: 60y, the cap
        (D(1976, 1, 1), D(2036, 1, 31)),  # capped
        (D(1984, 2, 29), D(2044, 2, 29)),
    ],
)
def test_women(born, expected):
    assert retirement_date(born, "female") == expected


def test_every_month_of_each_block_gets_its_block_age():
    for gender, start, first, step, every, cap in (("male", D(1961, 1, 1), 723, 3, 9, 744),
                                                   ("female", D(1966, 1, 1), 664, 4, 8, 720)):
        for m in range(0, 200):
            born = D(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1, 1)
            assert retirement_age_months(born, gender) == min(first + step * (m // every), cap)


def test_day_of_birth_does_not_matter():
    assert retirement_date(D(1970, 3, 1), "female") == retirement_date(D(1970, 3, 31), "female")


def test_missing_inputs():
    assert retirement_date(None, "male") is None
    assert retirement_date(D(1970, 1, 1), "") is None


def test_remaining_months():
    born = D(1961, 1, 20)  # retires 2021-04-30
    assert remaining_months(born, "male", D(2021, 4, 30)) == 0
    assert remaining_months(born, "male", D(2021, 3, 30)) == 1
    assert remaining_months(born, "male", D(2021, 3, 31)) == 1  # + 1 month clamps to 04-30
    assert remaining_months(born, "male", D(2021, 4, 1)) == 0
    assert remaining_months(born, "male", D(2020, 4, 30)) == 12
    assert remaining_months(born, "male", D(2021, 5, 31)) == -1
