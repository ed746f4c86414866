"""manage.py check_eligibility: table and CSV output, bad input."""
import csv
import io

import pytest
from django.core.management import CommandError, call_command

from orgchart.personnel.models import Discipline

from .conftest import ON, assign, make_official


def run(*args):
    out = io.StringIO()
    call_command("check_eligibility", *args, stdout=out)
    return out.getvalue()


def test_csv_lists_ranked_candidates_with_codes(world):
    b = make_official("B")
    assign(b, world.cv)
    Discipline.objects.create(official=b, form="warning", decided_on=ON)
    text = run("--position", "DEP", "--action", "first_appointment", "--on-date", ON.isoformat(), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["official_code"], r["eligible"], r["violations"]) for r in rows] == [
        ("A", "yes", ""), ("B", "no", "APPT-DISCIPLINE")]


def test_table_for_one_official(world):
    text = run("--position", "CV", "--action", "TRANSFER", "--official", "A", "--on-date", ON.isoformat())
    assert "ASSIGN-ALREADY-HOLDS" in text and "1 cán bộ, 0 đủ điều kiện." in text


@pytest.mark.parametrize("args", [
    ["--position", "NOPE", "--action", "transfer"],
    ["--position", "CV", "--action", "transfer", "--official", "NOPE"],
    ["--position", "CV", "--action", "transfer", "--on-date", "15/03/2026"],
    ["--position", "CV", "--action", "transfer", "--first", "5001"],
    ["--position", "CV", "--action", "transfer", "--under", "NOPE"],
])
def test_bad_input(world, args):
    with pytest.raises(CommandError):
        run(*args)
