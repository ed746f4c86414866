"""onDate and under semantics (CONTRACT §3)."""
import datetime as dt

import pytest

from orgchart.core.dates import today
from orgchart.structure import tree
from orgchart.structure.models import Agency

Q = """query($code: String!, $d: Date) { agency(code: $code, onDate: $d) { code active establishedOn dissolvedOn
  parent { code } children { code } ancestors { code } descendantCount } }"""


def make(code, parent=None, **kw):
    a = Agency.objects.create(code=code, name=code, kind=kw.pop("kind", "department"), level="province", parent=parent, **kw)
    tree.set_parent(a, parent)
    return a


@pytest.fixture
def province(db):
    root = make("R", kind="people_committee")
    a = make("R.A", root)
    b = make("R.B", root)
    make("R.A.X", a, kind="division")
    make("R.NEW", root, established_on=today() + dt.timedelta(days=10))
    make("R.OLD", root, dissolved_on=dt.date(2025, 7, 1))
    return root, a, b


def test_children_exclude_agencies_not_active_on_the_date(province, gql):
    _, body = gql(Q, {"code": "R"})
    assert [c["code"] for c in body["data"]["agency"]["children"]] == ["R.A", "R.B"]
    _, body = gql(Q, {"code": "R", "d": "2025-06-30"})
    assert [c["code"] for c in body["data"]["agency"]["children"]] == ["R.A", "R.B", "R.OLD"]
    _, body = gql(Q, {"code": "R", "d": (today() + dt.timedelta(days=10)).isoformat()})
    assert [c["code"] for c in body["data"]["agency"]["children"]] == ["R.A", "R.B", "R.NEW"]


def test_inactive_agency_is_still_returned_by_code(province, gql):
    _, body = gql(Q, {"code": "R.OLD"})
    agency = body["data"]["agency"]
    assert agency["active"] is False and agency["dissolvedOn"] == "2025-07-01"
    _, body = gql(Q, {"code": "R.OLD", "d": "2025-06-30"})
    assert body["data"]["agency"]["active"] is True


def test_dissolved_on_is_the_first_day_not_active(province, gql):
    for day, active in (("2025-06-30", True), ("2025-07-01", False), ("2025-07-02", False)):
        _, body = gql(Q, {"code": "R.OLD", "d": day})
        assert body["data"]["agency"]["active"] is active, day


def test_a_move_with_an_effective_date_changes_the_tree_from_that_day_only(province, gql):
    _, a, b = province
    x = Agency.objects.get(code="R.A.X")
    move_on = dt.date(2024, 1, 1)
    tree.set_parent(x, b, valid_from=move_on)
    for day, parent in (("2023-12-31", "R.A"), ("2024-01-01", "R.B"), ("2024-01-02", "R.B")):
        _, body = gql(Q, {"code": "R.A.X", "d": day})
        assert body["data"]["agency"]["parent"]["code"] == parent, day
        assert [x["code"] for x in body["data"]["agency"]["ancestors"]] == ["R", parent]
    _, body = gql(Q, {"code": "R.A", "d": "2023-06-01"})
    assert body["data"]["agency"]["children"] == [{"code": "R.A.X"}]
    assert body["data"]["agency"]["descendantCount"] == 1
    _, body = gql(Q, {"code": "R.A"})
    assert body["data"]["agency"]["children"] == [] and body["data"]["agency"]["descendantCount"] == 0


def test_under_includes_the_agency_itself_and_its_subtree(province, gql):
    _, body = gql('{ agencies(under: "R.A") { totalCount edges { node { code } } } }')
    assert [e["node"]["code"] for e in body["data"]["agencies"]["edges"]] == ["R.A", "R.A.X"]


def test_filters_search_and_pagination(province, gql):
    _, body = gql('{ agencies(kind: "department", first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }')
    conn = body["data"]["agencies"]
    assert conn["totalCount"] == 2 and [e["node"]["code"] for e in conn["edges"]] == ["R.A", "R.B"]
    assert conn["pageInfo"]["hasNextPage"] is False
    _, body = gql('{ agencies(first: 1) { pageInfo { endCursor hasNextPage } edges { node { code } } } }')
    cursor = body["data"]["agencies"]["pageInfo"]["endCursor"]
    _, body = gql('query($c: String) { agencies(first: 1, after: $c) { edges { node { code } } } }', {"c": cursor})
    assert body["data"]["agencies"]["edges"][0]["node"]["code"] == "R.A"
    _, body = gql('{ agencies(search: "r.a.x") { edges { node { code } } } }')
    assert [e["node"]["code"] for e in body["data"]["agencies"]["edges"]] == ["R.A.X"]


@pytest.mark.parametrize("args,code", [
    ('kind: "sở"', "invalid"), ('level: "planet"', "invalid"), ("first: 1001", "limit_exceeded"),
    ('under: "NOPE"', "not_found"), ('after: "garbage"', "invalid"),
])
def test_bad_arguments_are_graphql_errors_never_truncation(province, gql, args, code):
    status, body = gql("{ agencies(%s) { totalCount } }" % args)
    assert status == 200
    assert body["errors"][0]["extensions"]["code"] == code


def test_unknown_agency_code_is_not_found(province, gql):
    _, body = gql('{ agency(code: "NOPE") { code } }')
    assert body["data"]["agency"] is None and body["errors"][0]["extensions"]["code"] == "not_found"


def test_mptt_internals_are_not_exposed(gql, make_token):
    _, body = gql('{ __type(name: "Agency") { fields { name } } }', token=make_token("auditor"))
    names = {f["name"] for f in body["data"]["__type"]["fields"]}
    assert not names & {"lft", "rght", "treeId", "mpttLevel"}
    assert {"code", "name", "shortName", "kind", "level", "active", "establishedOn", "dissolvedOn", "parent", "children",
            "ancestors", "descendantCount", "mandates", "positions", "headcount"} <= names
