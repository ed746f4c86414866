"""The engine's loaders: every fact reaches the rules, with a fixed number of queries."""
import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgchart.eligibility import engine
from orgchart.personnel.models import Discipline, Official, Rating, Separation, SuccessionPlan
from orgchart.positions.models import PositionLink

from .conftest import ON, assign, make_official


def test_load_officials_brings_every_record(world):
    SuccessionPlan.objects.create(official=world.a, position=world.dep, period="2026-2030")
    Discipline.objects.create(official=world.a, form="warning", decided_on=dt.date(2020, 1, 2),
                              effective_on=dt.date(2020, 2, 1))
    Separation.objects.create(official=world.a, separated_on=dt.date(2030, 1, 1), reason="retirement")
    with CaptureQueriesContext(connection) as ctx:
        facts = engine.load_officials([world.a.pk])
    assert len(ctx.captured_queries) == 3
    o, h = facts[world.a.pk]
    assert (o.code, o.retirement_date) == ("A", dt.date(2042, 1, 31))
    assert h.ratings == {2025: "good", 2024: "excellent"}
    assert [(d.form, d.start) for d in h.disciplines] == [("warning", dt.date(2020, 2, 1))]
    assert [(p.position_id, p.period_start, p.period_end) for p in h.succession_plans] == [(world.dep.pk, 2026, 2030)]
    assert h.separations == (dt.date(2030, 1, 1),)
    assert [(a.position_id, a.kind, a.leadership_role) for a in h.assignments] == [(world.cv.pk, "recruitment", "none")]


def test_a_large_pool_is_loaded_in_the_same_number_of_queries(world):
    officials = Official.objects.bulk_create([
        Official(code=f"Z{i:04}", full_name=f"Z {i}", birth_date=dt.date(1985, 1, 1), gender="female",
                 staff_type="civil_servant") for i in range(950)])
    Rating.objects.bulk_create([Rating(official=o, year=2025, rating="good") for o in officials])
    pool = Official.objects.filter(code__startswith="Z")
    with CaptureQueriesContext(connection) as ctx:
        results = engine.candidates(world.dep.pk, "first_appointment", ON, pool)
    assert len(ctx.captured_queries) == 8
    assert len(results) == 950
    assert all("APPT-RATING-MISSING" not in r.codes for r in results)


def test_the_agency_of_a_position_on_the_date_comes_from_its_links(world):
    # DEP moved from OTHER to DIV on 2026-01-01: before that date it is a deputy post of a department
    PositionLink.objects.create(position=world.dep, agency=world.other, valid_to=dt.date(2025, 12, 31))
    PositionLink.objects.create(position=world.dep, agency=world.div, valid_from=dt.date(2026, 1, 1))
    b = make_official("B")
    assign(b, world.ocv, "first_appointment")
    side = engine.PositionSide([world.dep.pk])
    before, after = side.facts(world.dep.pk, dt.date(2025, 6, 1)), side.facts(world.dep.pk, ON)
    assert (before.agency_id, before.agency_kind) == (world.other.pk, "department")
    assert (after.agency_id, after.agency_kind) == (world.div.pk, "division")
    assert after.agency_staff == 1  # A holds CV in DIV
    assert before.agency_staff == 1  # B holds OCV in OTHER
