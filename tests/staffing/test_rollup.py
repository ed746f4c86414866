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
