"""The benchmark harness pieces that run without a server: query counts at two sizes,
result records and the table, the officials file it imports."""
import csv

import pytest

from bench import metrics
from bench.run import table

from .conftest import make_generator, wipe


@pytest.mark.django_db
def test_subtree_query_count_is_the_same_at_two_tree_sizes():
    make_generator(agencies=60, officials=300).run(progress=False)
    small, body = metrics.count_queries("T01")
    assert body["data"]["agency"]["children"]
    naive_small = metrics.naive_subtree_queries("T01")
    wipe()
    make_generator(agencies=140, officials=500).run(progress=False)
    big, _ = metrics.count_queries("T01")
    assert big == small <= 10
    assert metrics.naive_subtree_queries("T01") > naive_small > big


def test_result_ratio_is_times_better_both_ways():
    assert metrics.result(8, "queries", 10, True, 400, lower_is_better=True)["ratio"] == 50.0
    assert metrics.result(6000.0, "rows/s", 5000, True, 60.0)["ratio"] == 100.0
    m = metrics.missing("ms", 1000)
    assert m["value"] is None and m["ok"] is False and m["note"] == "feature not available"


def test_table_lists_every_metric_with_its_target():
    results = {"scale": "quick", "metrics": {
        "subtree_query_sql_count": metrics.result(8, "queries", 10, True, 500, lower_is_better=True),
        "staffing_rollup_p95_ms": metrics.missing("ms", 1000),
    }}
    text = table(results)
    assert "subtree_query_sql_count" in text and "≤ 10" in text and "< 1000" in text and "NO" in text


@pytest.mark.django_db
def test_officials_file_is_in_contract_format(tmp_path):
    path = tmp_path / "officials.csv"
    metrics.write_officials_csv(path, 50)
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 50 and list(rows[0]) == metrics.OFFICIAL_COLUMNS
    assert {r["gender"] for r in rows} <= {"male", "female"}
    try:
        from orgchart.transfer.services import import_file
    except ImportError:
        pytest.skip("transfer service not available")
    import_file("officials", str(path))
    from orgchart.personnel.models import Official

    assert Official.objects.filter(code__startswith="NK").count() == 50
