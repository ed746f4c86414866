"""Query counts stay constant as the tree grows (DEVELOPERS: performance is a feature)."""
import pytest

from .conftest import build_tree

# The request of the `subtree_query_sql_count` benchmark (CONTRACT §1): ≤ 10 queries at any size.
SUBTREE = """query($code: String!) { agency(code: $code) { code
  children { code positions { code filled }
    children { code positions { code filled quota }
      children { code positions { code filled } } } } } }"""

RICH = """query($code: String!) { agency(code: $code) { code descendantCount
  children { code headcount positions { code filled }
    children { code headcount positions { code filled quota } } } } }"""

LIST = """query($under: String!) { agencies(under: $under, first: 1000) { totalCount
  edges { node { code kind active parent { code } ancestors { code } descendantCount headcount
    mandates { kind text } positions { code filled } } } } }"""


@pytest.mark.parametrize("shape", [(4, 4), (20, 24)], ids=["21-nodes", "501-nodes"])
def test_three_levels_of_children_with_positions_cost_at_most_ten_queries(db, gql, django_assert_max_num_queries, shape):
    root = build_tree(*shape)
    with django_assert_max_num_queries(10):
        status, body = gql(SUBTREE, {"code": root.code})
    assert status == 200 and "errors" not in body
    agency = body["data"]["agency"]
    assert len(agency["children"]) == shape[0]
    division = agency["children"][0]["children"][0]
    assert division["positions"][0]["filled"] == 1


@pytest.mark.parametrize("shape", [(4, 4), (20, 24)], ids=["21-nodes", "501-nodes"])
def test_counts_and_headcounts_add_one_query_per_level(db, gql, django_assert_max_num_queries, shape):
    root = build_tree(*shape)
    with django_assert_max_num_queries(10):
        status, body = gql(RICH, {"code": root.code})
    assert status == 200 and "errors" not in body
    agency = body["data"]["agency"]
    assert agency["descendantCount"] == shape[0] + shape[0] * shape[1]
    assert agency["children"][0]["children"][0]["headcount"] == 1


@pytest.mark.parametrize("shape", [(4, 4), (20, 24)], ids=["21-nodes", "501-nodes"])
def test_agencies_connection_costs_the_same_at_any_size(db, gql, django_assert_max_num_queries, shape):
    root = build_tree(*shape)
    with django_assert_max_num_queries(12):
        status, body = gql(LIST, {"under": root.code})
    assert status == 200 and "errors" not in body, body
    conn = body["data"]["agencies"]
    assert conn["totalCount"] == 1 + shape[0] + shape[0] * shape[1]
    leaf = conn["edges"][-1]["node"]
    assert [a["code"] for a in leaf["ancestors"]] == [root.code, leaf["parent"]["code"]]


def test_historical_date_costs_a_fixed_number_of_queries(db, gql, django_assert_max_num_queries):
    root = build_tree(6, 5)
    with django_assert_max_num_queries(14):
        status, body = gql(SUBTREE.replace("agency(code: $code)", 'agency(code: $code, onDate: "2001-01-01")'),
                           {"code": root.code})
    assert status == 200 and "errors" not in body, body
