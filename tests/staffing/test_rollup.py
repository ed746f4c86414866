"""The materialised roll-up (PostgreSQL): used when valid, rebuilt after any logged write."""
import datetime as dt
import importlib

import pytest

from orgchart.staffing import snapshot
from orgchart.staffing.models import RollupSnapshot
from orgchart.staffing.summary import summary

D = dt.date
Y = 2024


def test_migration_watches_the_same_tables():
    migration = importlib.import_module("orgchart.staffing.migrations.0003_changelog_triggers")
    assert migration.WATCHED == snapshot.WATCHED
    assert migration.FUNCTION == snapshot.FUNCTION


def test_snapshot_reused_then_rebuilt_after_a_write(build, tree, rollup_mode):
    if rollup_mode != "rollup":
        assert snapshot.usable(D(Y, 12, 31)) is None
        return
    build.quota(tree["A"], Y, "civil_servant", 3)
    build.holder(tree["pA"])
    assert summary(tree["root"], Y).figures.headcount == 1
    first = RollupSnapshot.objects.get(day=D(Y, 12, 31))
    assert summary(tree["A"], Y).figures.headcount == 1
    assert RollupSnapshot.objects.get(day=D(Y, 12, 31)).pk == first.pk  # reused
    o = build.holder(tree["pA1"])
    f = summary(tree["A"], Y).figures
    assert (f.quota, f.headcount, f.vacancies) == (3, 2, 2)
    assert RollupSnapshot.objects.get(day=D(Y, 12, 31)).pk != first.pk  # rebuilt
    # an update (not only an insert) invalidates too
    type(o).objects.filter(pk=o.pk).update(staff_type="contract")
    assert summary(tree["A"], Y, "civil_servant").figures.headcount == 1
    # officials with several primary assignments go through the multi table
    build.assign(o, tree["pB"], start=D(2023, 1, 1), kind="transfer")
    assert summary(tree["root"], Y).figures.headcount == 2
    assert summary(tree["A"], Y).figures.headcount == 2
    assert summary(tree["B"], Y).figures.headcount == 1
    assert RollupSnapshot.objects.get(day=D(Y, 12, 31)).multi.count() == 2


def test_old_snapshots_are_pruned(build, tree, rollup_mode):
    if rollup_mode != "rollup":
        pytest.skip("PostgreSQL roll-up only")
    for y in range(2000, 2000 + snapshot.KEEP_SNAPSHOTS + 5):
        summary(tree["A"], y)
    assert RollupSnapshot.objects.count() <= snapshot.KEEP_SNAPSHOTS + 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollup_equals_live_query_on_random_data(build, seed, monkeypatch):
    """Every agency, every kind, two years: the materialised roll-up gives the live answer."""
    import random

    from django.db import connection

    from orgchart.core.dates import today
    from orgchart.staffing import selectors

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL roll-up only")
    rng = random.Random(seed)
    agencies = [build.agency("R0", kind="people_committee")]
    for i in range(1, 14):
        agencies.append(build.agency(f"R{i}", rng.choice(agencies)))
    positions = [build.position(rng.choice(agencies)) for _ in range(20)]
    kinds = ["recruitment", "transfer", "concurrent", "acting", "secondment", "first_appointment"]
    staff = ["cadre", "civil_servant", "public_employee", "contract"]
    for _ in range(70):
        o = build.official(staff_type=rng.choice(staff), gender=rng.choice(["male", "female"]),
                           birth=D(rng.randint(1955, 2000), rng.randint(1, 12), 1))
        for _ in range(rng.choice([1, 1, 2, 3])):
            start = D(rng.randint(2015, 2026), rng.randint(1, 12), 1)
            end = rng.choice([None, start + dt.timedelta(days=rng.randint(0, 2000))])
            build.assign(o, rng.choice(positions), start, end, rng.choice(kinds))
        if rng.random() < 0.3:
            build.separation(o, D(rng.choice([2024, 2025, today().year]), rng.randint(1, 12), rng.randint(1, 28)),
                             rng.choice(["reduction", "retirement", "resignation"]))
    for a in agencies:
        for y in (2024, today().year):
            build.quota(a, y, rng.choice(["civil_servant", "public_employee", "contract"]), rng.randint(0, 6))
    ids = [a.pk for a in agencies]
    answers = {}
    for mode in ("live", "rollup"):
        if mode == "rollup":
            snapshot.install()
            monkeypatch.setattr(snapshot, "MIN_AGENCIES", 0)
        for y in (2024, today().year):
            for kind in (None, "civil_servant", "public_employee", "contract"):
                answers[(mode, y, kind)] = selectors.figures(ids, y, kind, size_hint=len(ids))
    snapshot._installed = False
    for (mode, y, kind), value in answers.items():
        if mode == "rollup":
            assert value == answers[("live", y, kind)], (y, kind)
    assert RollupSnapshot.objects.exists()
    assert sum(f.headcount for f in answers[("live", 2024, None)][ids[0]].values()) > 0


def test_log_compaction_keeps_invalidation_exact(build, tree, rollup_mode, monkeypatch):
    if rollup_mode != "rollup":
        pytest.skip("PostgreSQL roll-up only")
    from orgchart.staffing.models import ChangeLog

    monkeypatch.setattr(snapshot, "LOG_COMPACT_AT", 2)
    build.holder(tree["pA"])
    build.holder(tree["pA"])
    assert ChangeLog.objects.count() > 2
    assert summary(tree["A"], Y).figures.headcount == 2
    assert ChangeLog.objects.count() == 0 and RollupSnapshot.objects.get().log_count == 0
    assert summary(tree["A"], Y).figures.headcount == 2  # reused
    build.holder(tree["pA"])
    assert summary(tree["A"], Y).figures.headcount == 3  # one new log row: rebuilt
