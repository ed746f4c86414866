"""The benchmark helper runs the real request and returns a latency."""
from orgchart.staffing.bench import _p95, measure


def test_p95():
    assert _p95([float(i) for i in range(1, 21)]) == 19.0
    assert _p95([5.0]) == 5.0


def test_measure_runs_the_request(tree, build):
    build.quota(tree["A"], 2024, "civil_servant", 2)
    assert measure("ROOT", 2024, n=3) > 0
