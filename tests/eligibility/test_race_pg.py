"""Two appointments racing for the last seat (PostgreSQL row locks): exactly one wins."""
import datetime as dt
import threading

import pytest
from django.db import connection, connections

from orgchart.accounts.permissions import Actor
from orgchart.eligibility import services
from orgchart.personnel.models import Assignment

from .conftest import ON, assign, make_official

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


def _race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, kwargs):
        try:
            barrier.wait()
            outcomes[i] = services.appoint(Actor(None, "personnel", None), **kwargs)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, kw)) for i, kw in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_appointments_race_for_the_last_seat(world):
    b, c = make_official("B"), make_official("C")
    assign(b, world.cv)
    assign(c, world.cv)
    calls = [dict(official_code=o, position_code="HEAD", action="first_appointment", start_on=ON) for o in ("B", "C")]
    outcomes = _race(calls)
    winners = [o for o in outcomes if o.assignment is not None]
    losers = [o for o in outcomes if o.assignment is None]
    assert len(winners) == 1 and len(losers) == 1
    assert [e.code for e in losers[0].errors] == ["POS-QUOTA-FULL"]
    assert Assignment.objects.filter(position=world.head, start_on=ON).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_appointments_race_for_the_last_deputy_seat_of_a_division(world):
    world.dep.quota = 5
    world.dep.save()
    second_dep = type(world.dep).objects.create(code="DEP2", agency=world.div, title="Phó 2", category="leadership",
                                                leadership_role="deputy", quota=5)
    b, c = make_official("B"), make_official("C")
    assign(b, world.cv)
    assign(c, world.cv)
    calls = [dict(official_code="B", position_code="DEP", action="first_appointment", start_on=ON),
             dict(official_code="C", position_code=second_dep.code, action="first_appointment", start_on=ON)]
    outcomes = _race(calls)
    assert sorted(o.assignment is not None for o in outcomes) == [False, True]
    loser = next(o for o in outcomes if o.assignment is None)
    assert [e.code for e in loser.errors] == ["POS-DEPUTY-CAP"]
    assert Assignment.objects.filter(position__leadership_role="deputy", start_on__lte=dt.date.max,
                                     end_on__isnull=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_eight_racers_for_the_last_seat_exactly_one_wins(world):
    codes = [f"R{i}" for i in range(8)]
    for code in codes:
        assign(make_official(code), world.cv)
    outcomes = _race([dict(official_code=o, position_code="HEAD", action="first_appointment", start_on=ON) for o in codes])
    winners = [o for o in outcomes if o.assignment is not None]
    assert len(winners) == 1
    assert all([e.code for e in o.errors] == ["POS-QUOTA-FULL"] for o in outcomes if o.assignment is None)
    assert Assignment.objects.filter(position=world.head, start_on=ON).count() == 1
