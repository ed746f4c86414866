"""The tree package's seam: one rule for the agency of a position on a date (four renderings
that must agree), the storage interface against the dated reads, and no storage column named
outside the package."""
import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import connection

from orgchart.core.dates import today
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.structure import tree
from orgchart.structure.models import Agency

D1, D2, D3 = dt.date(2020, 1, 1), dt.date(2022, 6, 1), dt.date(2024, 3, 1)


def agency(code, parent=None):
    a = Agency.objects.create(code=code, name=code, kind="division", level="province", parent=parent)
    tree.set_parent(a, parent)
    return a


def position(code, a):
    return JobPosition.objects.create(code=code, agency=a, title=code, category="professional")


def link(p, a, start=None, end=None):
    return PositionLink.objects.create(position=p, agency=a, valid_from=start, valid_to=end)


@pytest.fixture
def places(db):
    """Positions with every shape of history: none, one move, a start after D1, and bad data
    (two rows covering D2) that the tie-break must settle."""
    root = agency("R")
    a, b, c = agency("R.A", root), agency("R.B", root), agency("R.C", root)
    plain = position("PLAIN", a)  # no link row: its current agency on every date
    moved = position("MOVED", b)
    link(moved, a, None, D2 - dt.timedelta(days=1))
    link(moved, b, D2, None)
    late = position("LATE", c)  # exists from D2 only
    link(late, c, D2, None)
    overlap = position("OVERLAP", a)
    link(overlap, a, None, None)
    link(overlap, b, D1, D3)  # starts later: wins while it covers
    link(overlap, c, D1, D3)  # same start, written later: wins over b
    return {"A": a, "B": b, "C": c, "R": root}, [plain, moved, late, overlap]


EXPECTED = {
    D1 - dt.timedelta(days=1): {"PLAIN": "R.A", "MOVED": "R.A", "LATE": None, "OVERLAP": "R.A"},
    D2: {"PLAIN": "R.A", "MOVED": "R.B", "LATE": "R.C", "OVERLAP": "R.C"},
    D3 + dt.timedelta(days=1): {"PLAIN": "R.A", "MOVED": "R.B", "LATE": "R.C", "OVERLAP": "R.A"},
}


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_the_agency_of_a_position_is_one_rule(places, day):
    agencies, positions = places
    code_of = {a.pk: a.code for a in agencies.values()} | {None: None}
    expected = EXPECTED[day]
    # ORM expression
    orm = dict(JobPosition.objects.annotate(on=tree.position_agency(day)).values_list("code", "on"))
    assert {k: code_of[v] for k, v in orm.items()} == expected
    # SQL
    sql, params = tree.position_agency_sql("p", "%s", [day])
    with connection.cursor() as cur:
        cur.execute(f"SELECT p.code, {sql} FROM positions_jobposition p", params)
        assert {k: code_of[v] for k, v in cur.fetchall()} == expected
    # in memory
    rows = tree.placement_rows([p.pk for p in positions])
    memory = {p.code: code_of[tree.agency_of(rows.get(p.pk, []), p.agency_id, day)] for p in positions}
    assert memory == expected
    # as a filter and as rows per agency (from the link rows, or today's tree after D3)
    for a in agencies.values():
        members = set(JobPosition.objects.filter(tree.positions_q([a.pk], day, prefix="")).values_list("code", flat=True))
        assert members == {code for code, where in expected.items() if where == a.code}, (a.code, day)
        of = {JobPosition.objects.get(pk=pid).code for pid, aid, _ in tree.positions_of([a.pk], day)}
        assert of == members


def test_contains_and_size_agree_with_the_dated_reads(places):
    agencies, _ = places
    day = today()
    assert tree.is_current(day)
    loaded = {a.code: Agency.objects.only("pk", "code", *tree.CONTAIN_FIELDS).get(pk=a.pk) for a in agencies.values()}
    for root in loaded.values():
        inside = set(tree.subtree_ids(root.pk, day, active_only=False))
        assert {a.pk for a in loaded.values() if tree.contains(root, a)} == inside
        assert tree.subtree_size(root) == len(inside)


def test_forest_values_equal_a_rebuild(db):
    root = agency("R")
    for code in ("R.B", "R.A"):
        mid = agency(code, root)
        agency(f"{code}.2", mid)
        agency(f"{code}.1", mid)
    tree.rebuild()
    agencies = list(Agency.objects.order_by("pk"))
    index = {a.pk: i for i, a in enumerate(agencies)}
    forest = Agency.objects.get(code="R")
    values = tree.forest_values([index.get(a.parent_id) for a in agencies], [a.code for a in agencies],
                                getattr(forest, tree.storage.locator_fields[0]))
    stored = [tuple(getattr(a, f) for f in tree.NODE_FIELDS) for a in agencies]
    assert values == stored


STORAGE_NAMES = {"lft", "rght", "tree_id", "mptt_level", "mptt"}
ROOT = Path(__file__).resolve().parents[2] / "orgchart"


def _names(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.keyword) and node.arg:
            found.add(node.arg.split("__")[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(re.findall(r"\b(lft|rght|tree_id|mptt_level|mptt)\b", node.value))
        elif isinstance(node, ast.alias):
            found.update(node.name.split("."))
    return found & STORAGE_NAMES


def test_no_storage_column_is_named_outside_the_tree_package():
    offenders = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in rel or rel.startswith("structure/tree/"):
            continue
        names = _names(path)
        if names:
            offenders[rel] = sorted(names)
    assert offenders == {}
