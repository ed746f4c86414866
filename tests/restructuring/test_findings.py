"""structureFindings facts from the database: staff, deputies, heads, mandates, mergers, dates;
and a query count that does not grow with the tree."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orgchart.restructuring import services
from orgchart.restructuring.selectors import UnknownAgency, structure_findings


def found(under="T", day=None):
    return {(f["agency"].code, f["code"]): f for f in structure_findings(under, day)}


def test_division_min_staff_uses_holders_then_quota(province, build):
    div = build.agency("SXD-PH3", "division", province["SXD"])
    build.function(div)
    build.leaders(div, 1, 0)
    build.staff(div, 5)  # 6 CS with the head
    build.staff(div, 3, prefix="VC", staff_type="public_employee")  # not civil servants
    f = found()
    assert ("SXD-PH3", "STRUCT-DIVISION-MIN-STAFF") in f
    assert "6 biên chế" in f[("SXD-PH3", "STRUCT-DIVISION-MIN-STAFF")]["message"]
    p = build.position("SXD-PH3-X", div)
    build.hold(p, staff_type="cadre")
    assert ("SXD-PH3", "STRUCT-DIVISION-MIN-STAFF") not in found()
    build.quota(div, timezone.localdate().year, 6)  # a recorded quota wins over holders
    assert ("SXD-PH3", "STRUCT-DIVISION-MIN-STAFF") in found()


def test_non_holding_assignments_do_not_count(province, build):
    div = province["SXD-PH1"]
    d2 = build.position("SXD-PH1-D9", div, "deputy")
    build.hold(d2, kind="concurrent")
    assert ("SXD-PH1", "STRUCT-DEPUTY-DIVISION") not in found()
    build.hold(d2)
    assert found()[("SXD-PH1", "STRUCT-DEPUTY-DIVISION")]["severity"] == "violation"


def test_head_vacant_and_multiple(province, build):
    from orgchart.personnel.models import Assignment

    Assignment.objects.filter(position__code="SXD-PH2-H0").update(end_on=dt.date(2025, 1, 1))
    assert ("SXD-PH2", "STRUCT-HEAD-VACANT") in found()
    assert ("SXD-PH2", "STRUCT-HEAD-VACANT") not in found(day=dt.date(2024, 12, 31))
    build.hold(build.position("STC-H9", province["STC"], "head"))
    assert found()[("STC", "STRUCT-HEAD-MULTIPLE")]["severity"] == "violation"


def test_single_child_no_function_and_inactive_skipped(province, build):
    lone = build.agency("LONE", "board", province["T"])
    build.agency("LONE-1", "division", lone, established_on=dt.date(2020, 1, 1))
    f = found()
    assert ("LONE", "STRUCT-SINGLE-CHILD") in f and ("LONE", "STRUCT-NO-FUNCTION") in f
    assert ("LONE", "STRUCT-SINGLE-CHILD") not in found(day=dt.date(2019, 12, 31))
    gone = build.agency("GONE", "board", province["T"], established_on=dt.date(2010, 1, 1))
    gone.dissolved_on = dt.date(2020, 1, 1)
    gone.save()
    assert not [k for k in found() if k[0] == "GONE"]


def test_dept_count_on_the_people_committee(province, build):
    for i in range(12):
        d = build.agency(f"S{i:02d}", "department", province["T"])
        build.function(d)
    assert ("T", "STRUCT-DEPT-COUNT") not in found()  # 14
    build.function(build.agency("S99", "department_equivalent", province["T"]))
    assert found()[("T", "STRUCT-DEPT-COUNT")]["severity"] == "violation"  # 15
    province["T"].agency_class = "special"
    province["T"].save()
    assert ("T", "STRUCT-DEPT-COUNT") not in found()


def test_merged_division_deputies_warning_then_violation(province, build):
    # two divisions of 8 CS with one deputy each → merged: 16 CS + 2 deputies… make it exceed: 3 deputies
    build.hold(build.position("SXD-PH2-D7", province["SXD-PH2"], "deputy"))
    day = dt.date(2025, 7, 1)
    services.merge_agencies(["SXD-PH2"], day, target_code="SXD-PH1")
    # SXD-PH1 now: staff 8 + 9 = 17 → cap 3; deputies 1 + 2 + the former head of SXD-PH2 = 4:
    # within the merged-bodies allowance (cap + 1) for 5 years
    f = found("SXD", day)
    assert f[("SXD-PH1", "STRUCT-DEPUTY-DIVISION")]["severity"] == "warning"
    build.hold(build.position("SXD-PH1-D8", province["SXD-PH1"], "deputy"))
    f = found("SXD", day)
    assert f[("SXD-PH1", "STRUCT-DEPUTY-DIVISION")]["severity"] == "violation"  # 5 > 3 + 1
    f = found("SXD", dt.date(2030, 7, 1))
    assert f[("SXD-PH1", "STRUCT-DEPUTY-DIVISION")]["severity"] == "violation"


def test_unknown_under(db):
    with pytest.raises(UnknownAgency):
        structure_findings("NOPE")


def _tree(build, n):
    pc = build.agency(f"R{n}", "people_committee")
    made = 1
    deps = []
    while made < n:
        d = build.agency(f"R{n}-D{made}", "department", pc)
        deps.append(d)
        made += 1
        for k in range(9):
            if made >= n:
                break
            div = build.agency(f"R{n}-D{made}-{k}", "division", d)
            build.function(div)
            build.leaders(div, 1, 1)
            made += 1
    return pc


@pytest.mark.parametrize("past", [False, True])
def test_query_count_constant_in_tree_size(build, past):
    small, large = _tree(build, 20), _tree(build, 500)
    # a link boundary between the past date and today forces the CTE path
    build.agency("MOVED", "board", small)
    if past:
        services.move_agency("MOVED", large.code, dt.date(2025, 1, 1))
    day = dt.date(2024, 6, 1) if past else None
    counts = []
    for root in (small, large):
        with CaptureQueriesContext(connection) as ctx:
            items = structure_findings(root.code, day)
        counts.append(len(ctx.captured_queries))
        assert items
    assert counts[0] == counts[1], counts
    assert counts[1] <= 15
