"""structureCounts (RULES.md §4.1) and the same figures before/after in a restructuring dry run."""
import datetime as dt

import pytest

from orgchart.restructuring import services
from orgchart.restructuring.counts import count, structure_counts
from orgchart.structure.models import Agency

Q = """query($u: String!, $d: Date) { structureCounts(under: $u, onDate: $d) {
  focalPoints directUnits intermediateLayers byKind { kind count } } }"""


def test_count_is_a_pure_function_of_the_parent_map():
    # 1 → 2, 3; 2 → 4 (→ 6), 5; 3 → (nothing)
    parent = {1: None, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4}
    kind = {1: "people_committee", 2: "department", 3: "department", 4: "sub_department", 5: "division", 6: "division"}
    c = count(1, parent, kind)
    assert (c.focal_points, c.direct_units, c.intermediate_layers) == (5, 2, 1)  # only 4: two levels down, a child
    assert c.by_kind == {"department": 2, "sub_department": 1, "division": 2}
    c = count(2, parent, kind)
    assert (c.focal_points, c.direct_units, c.intermediate_layers) == (3, 2, 0)  # 4 is one level below 2
    assert count(6, parent, kind).focal_points == 0


def _tree(build):
    """T → SXD (→ SXD-CC (→ SXD-CC-P1, SXD-CC-P2), SXD-PH1), STC (→ STC-PH1), SNEW (from 2026-01-01)."""
    t = build.agency("T", "people_committee")
    sxd = build.agency("SXD", "department", t)
    cc = build.agency("SXD-CC", "sub_department", sxd)
    build.agency("SXD-CC-P1", "division", cc)
    build.agency("SXD-CC-P2", "division", cc)
    build.agency("SXD-PH1", "division", sxd)
    stc = build.agency("STC", "department", t)
    build.agency("STC-PH1", "division", stc)
    build.agency("SNEW", "department", t, established_on=dt.date(2026, 1, 1))
    return t


def test_structure_counts_through_graphql_on_two_dates(build, gql):
    _tree(build)
    _, body = gql(Q, {"u": "T", "d": "2025-06-30"})
    assert "errors" not in body, body
    c = body["data"]["structureCounts"]
    assert (c["focalPoints"], c["directUnits"], c["intermediateLayers"]) == (7, 2, 1)
    assert {k["kind"]: k["count"] for k in c["byKind"]} == {"department": 2, "sub_department": 1, "division": 4}
    _, body = gql(Q, {"u": "T", "d": "2026-06-30"})
    c = body["data"]["structureCounts"]
    assert (c["focalPoints"], c["directUnits"], c["intermediateLayers"]) == (8, 3, 1)
    _, body = gql(Q, {"u": "SXD", "d": "2025-06-30"})
    c = body["data"]["structureCounts"]
    assert (c["focalPoints"], c["directUnits"], c["intermediateLayers"]) == (4, 2, 0)


def test_unknown_under_is_not_found(db, gql):
    _, body = gql(Q, {"u": "NOPE"})
    assert body["errors"][0]["extensions"]["code"] == "not_found"


def test_a_fixed_number_of_queries_at_two_sizes(build, django_assert_max_num_queries):
    t = _tree(build)
    t.refresh_from_db()
    with django_assert_max_num_queries(4):
        small = structure_counts(t, dt.date(2025, 6, 30))
    for i in range(30):
        build.agency(f"STC-PH{i + 2}", "division", Agency.objects.get(code="STC"))
    t.refresh_from_db()
    with django_assert_max_num_queries(4):
        big = structure_counts(t, dt.date(2025, 6, 30))
    assert big.focal_points == small.focal_points + 30


def test_dry_run_reports_the_three_figures_before_and_after(build):
    _tree(build)
    day = dt.date(2025, 7, 1)
    out = services.merge_agencies(["SXD"], day, target_code="STC", dry_run=True)
    imp = out.impact
    assert imp["focal_points"] == {"before": 7, "after": 6}
    assert imp["direct_units"] == {"before": 2, "after": 1}
    assert imp["intermediate_layers"] == {"before": 1, "after": 1}  # SXD-CC, now two levels down under STC
    before = structure_counts(Agency.objects.get(code="T"), day)
    assert before.focal_points == 7  # the dry run wrote nothing


@pytest.mark.parametrize("dry", [True])
def test_dry_run_figures_through_graphql(build, gql, make_token, dry):
    _tree(build)
    q = """mutation { mergeAgencies(input: {sourceCodes: ["SXD"], targetCode: "STC", effectiveOn: "2025-07-01",
      dryRun: true}) { impact { focalPoints { before after } directUnits { before after }
      intermediateLayers { before after } } errors { code } } }"""
    _, body = gql(q, token=make_token("restructuring"))
    imp = body["data"]["mergeAgencies"]["impact"]
    assert imp["directUnits"] == {"before": 2, "after": 1} and imp["intermediateLayers"] == {"before": 1, "after": 1}
