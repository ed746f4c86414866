"""Cells: dates, booleans, numbers, enumerations, lists and the formula guard."""
import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgchart.transfer import parsing as P


@pytest.mark.parametrize("text", ["=1+1", "+84", "-Quản lý", "@SUM(A1)", "\tx", "\rx", "'=x", "''-x"])
def test_guard_prefixes_formula_like_text(text):
    guarded = P.guard_formula(text)
    assert guarded == "'" + text
    assert P.unguard_formula(guarded) == text


@pytest.mark.parametrize("text", ["", "Sở Nội vụ", "'quoted", "'", "2024-01-01", "5"])
def test_guard_leaves_plain_text(text):
    assert P.guard_formula(text) == text
    assert P.unguard_formula(text) == text


def test_unguard_removes_exactly_one_quote():
    assert P.unguard_formula("'-5") == "-5"
    assert P.unguard_formula("''-5") == "'-5"


@given(st.text())
def test_guard_round_trips_any_text(text):
    assert P.unguard_formula(P.guard_formula(text)) == text


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
                min_size=2, max_size=5))
def test_csv_cells_round_trip_through_export_and_import(cells):
    """Exported cells (guarded, CSV-quoted) read back as the importer reads them give the
    same texts; the importer trims surrounding whitespace, as Django forms do."""
    cells = [c.strip() for c in cells]
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerow([P.guard_formula(c) for c in cells])
    read = next(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert [P.clean_cell(c, guarded=True) for c in read] == cells


def test_dates():
    assert P.parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert P.parse_date(dt.datetime(2024, 1, 2, 0, 0)) == dt.date(2024, 1, 2)
    for bad in ("1980-13-40", "2023-02-29", "02/03/2024", "20240101", "2024-1-1", "abc"):
        with pytest.raises(P.CellError, match="invalid date"):
            P.parse_date(bad)


def test_booleans():
    assert P.parse_bool("true") is True and P.parse_bool("FALSE") is False and P.parse_bool(True) is True
    with pytest.raises(P.CellError, match="true or false"):
        P.parse_bool("maybe")


def test_numbers():
    assert P.parse_int("12") == 12 and P.parse_int(12.0) == 12 and P.parse_int("3.0") == 3
    for bad in ("1.5", "x", "-1"):
        with pytest.raises(P.CellError):
            P.parse_int(bad)
    assert P.parse_decimal("5") == Decimal("5.00")
    assert P.parse_decimal(2.5) == Decimal("2.50")
    for bad in ("101", "1.234", "abc", "NaN"):
        with pytest.raises(P.CellError):
            P.parse_decimal(bad)


def test_enum_lists_allowed_values():
    assert P.parse_enum("Male", ("male", "female")) == "male"
    with pytest.raises(P.CellError, match="allowed: male, female"):
        P.parse_enum("nam", ("male", "female"))


def test_lists_are_normalised():
    assert P.parse_list(" Luật ;Kinh tế;; ") == "Luật;Kinh tế"
    assert P.parse_list(["a", " b"]) == "a;b"


def test_format_cell():
    assert P.format_cell(None) == "" and P.format_cell(True) == "true"
    assert P.format_cell(Decimal("5.00")) == "5" and P.format_cell(Decimal("2.50")) == "2.5"
    assert P.format_cell(dt.date(2020, 1, 2)) == "2020-01-02"


def test_percent_forms():
    assert P.parse_decimal("5%") == Decimal("5.00") and P.parse_decimal("2,5") == Decimal("2.50")
    with pytest.raises(P.CellError):
        P.parse_decimal(True)
