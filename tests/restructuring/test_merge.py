"""mergeAgencies: dry run writes nothing; past and future effective dates; what is carried."""
import datetime as dt

import pytest
from django.utils import timezone

from orgchart.core.errors import DomainError
from orgchart.personnel.models import Assignment
from orgchart.restructuring import services
from orgchart.staffing.models import Quota
from orgchart.structure.models import Agency, ChangeEvent, Mandate

from .helpers import children, dump, holders, intervals_disjoint, mptt_valid, positions

PAST = dt.date(2025, 7, 1)
BEFORE = PAST - dt.timedelta(days=1)


def test_dry_run_leaves_database_identical(province, build):
    build.quota(province["SXD"], 2025, 40)
    build.quota(province["STC"], 2025, 30)
    snapshot = dump()
    out = services.merge_agencies(["SXD"], PAST, target_code="STC", dry_run=True)
    assert dump() == snapshot
    assert out.dry_run and out.impact["agencies_removed"] == ["SXD"]
    assert out.impact["focal_points"] == {"before": 6, "after": 5}
    assert "SXD-P000" in out.impact["positions_moved"]
    assert out.impact["quotas_moved"][0]["amount"] == 40
    assert out.impact["leadership_posts"] == {"before": 14, "after": 14}
    assert out.impact["heads"] == {"before": 6, "after": 5}  # the source's head ends
    assert out.impact["positions_without_holders"] == ["SXD-H0"]
    assert set(out.impact["officials_affected"]) >= {a.official.code for a in Assignment.objects.filter(
        position__agency__code__in=["SXD", "SXD-PH1", "SXD-PH2"]).select_related("official")}
    out = services.merge_agencies(["SXD", "STC"], PAST, new_code="SNEW", new_name="Sở mới", dry_run=True)
    assert dump() == snapshot
    assert out.impact["agencies_added"] == ["SNEW"]


def test_past_merge_tree_before_unchanged_after_merged(province, build):
    build.quota(province["SXD"], 2025, 40)
    build.quota(province["SXD"], 2024, 41)
    build.quota(province["STC"], 2025, 30)
    dup = build.function(province["SXD"], "Quản lý nhà nước về  KẾ TOÁN", ref="X9")
    build.function(province["STC"], "quản lý nhà nước về kế toán", ref="Y1")
    before_pos = positions("SXD", BEFORE)
    holder = holders("SXD-P000", BEFORE)
    out = services.merge_agencies(["SXD"], PAST, target_code="STC", decision_no="QĐ 1/2025")

    # the day before: unchanged
    assert children("T", BEFORE) == ["STC", "SXD"]
    assert children("STC", BEFORE) == ["STC-PH1", "STC-PH2"]
    assert positions("SXD", BEFORE) == before_pos
    # the day of: merged
    assert children("T", PAST) == ["STC"]
    assert children("STC", PAST) == ["STC-PH1", "STC-PH2", "SXD-PH1", "SXD-PH2"]
    assert set(before_pos) <= set(positions("STC", PAST)) and positions("SXD", PAST) == []
    assert holders("SXD-P000", PAST) == holder  # holders move with their positions
    sxd = Agency.objects.get(code="SXD")
    assert sxd.dissolved_on == PAST and not sxd.is_active(PAST) and sxd.is_active(BEFORE)
    # today's tree (MPTT) shows it: effective date in the past → applied
    assert out.change_event.applied
    assert Agency.objects.get(code="SXD-PH1").parent.code == "STC"
    assert mptt_valid() and intervals_disjoint()
    # quotas: the merge year and later summed into the target, earlier years untouched
    assert Quota.objects.get(agency__code="STC", year=2025).amount == 70
    assert Quota.objects.get(agency__code="SXD", year=2025).amount == 0
    assert Quota.objects.get(agency__code="SXD", year=2024).amount == 41
    # mandates: copied from the date, originals closed the day before; duplicate detected
    dup.refresh_from_db()
    assert dup.valid_to == BEFORE
    assert not Mandate.objects.filter(agency__code="STC", text=dup.text).exists()
    copied = Mandate.objects.get(agency__code="STC", ref="SXD-CN1")
    assert copied.valid_from == PAST
    ev = ChangeEvent.objects.get(pk=out.change_event.pk)
    assert ev.kind == "merge" and ev.decision_no == "QĐ 1/2025"
    assert {a.code for a in ev.originals.all()} == {"SXD", "STC"}
    assert [a.code for a in ev.results.all()] == ["STC"]
    assert any(m.get("duplicate_of") == "Y1" for m in ev.details["mandates"])


def test_merge_ends_source_heads_with_change_event(province):
    out = services.merge_agencies(["SXD"], PAST, target_code="STC")
    head = Assignment.objects.get(position__code="SXD-H0")
    assert head.end_on == BEFORE and head.change_event_id == out.change_event.pk
    deputy = Assignment.objects.get(position__code="SXD-D0")
    assert deputy.end_on is None and deputy.change_event_id is None
    assert Assignment.objects.get(position__code="STC-H0").end_on is None


def test_merge_into_new_agency_keeps_first_sources_head(province):
    out = services.merge_agencies(["SXD", "STC"], PAST, new_code="SXDTC", new_name="Sở Xây dựng và Tài chính")
    new = Agency.objects.get(code="SXDTC")
    assert new.established_on == PAST and out.agency.code == "SXDTC"
    assert children("T", PAST) == ["SXDTC"] and children("T", BEFORE) == ["STC", "SXD"]
    assert Assignment.objects.get(position__code="SXD-H0").end_on is None
    assert Assignment.objects.get(position__code="STC-H0").end_on == BEFORE
    assert "SXD-H0" in positions("SXDTC", PAST)


def test_future_merge_is_scheduled_until_its_date(province, monkeypatch):
    today = timezone.localdate()
    future = today + dt.timedelta(days=30)
    out = services.merge_agencies(["SXD"], future, target_code="STC")
    assert not out.change_event.applied
    # today's tree unchanged, and the day before the merge too
    assert Agency.objects.get(code="SXD-PH1").parent.code == "SXD"
    assert children("T", today) == ["STC", "SXD"]
    assert children("T", future - dt.timedelta(days=1)) == ["STC", "SXD"]
    assert children("STC", future) == ["STC-PH1", "STC-PH2", "SXD-PH1", "SXD-PH2"]
    assert "SXD-P000" in positions("STC", future) and "SXD-P000" in positions("SXD", today)
    from orgchart.positions.models import JobPosition

    assert JobPosition.objects.get(code="SXD-P000").agency.code == "SXD"
    # the date comes: apply_scheduled_changes makes it current (and a second run changes nothing)
    from django.core.management import call_command

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: future)
    call_command("apply_scheduled_changes")
    assert Agency.objects.get(code="SXD-PH1").parent.code == "STC"
    assert JobPosition.objects.get(code="SXD-P000").agency.code == "STC"
    assert ChangeEvent.objects.get(pk=out.change_event.pk).applied
    snapshot = dump()
    call_command("apply_scheduled_changes")
    assert dump() == snapshot
    assert mptt_valid()


@pytest.mark.parametrize("kwargs,code", [
    ({"source_codes": ["NOPE"], "target_code": "STC"}, "not_found"),
    ({"source_codes": ["SXD"], "target_code": "NOPE"}, "not_found"),
    ({"source_codes": ["SXD"], "target_code": "SXD"}, "invalid"),
    ({"source_codes": [], "target_code": "STC"}, "invalid"),
    ({"source_codes": ["SXD"]}, "invalid"),
    ({"source_codes": ["SXD"], "target_code": "STC", "new_code": "X", "new_name": "X"}, "invalid"),
    ({"source_codes": ["SXD"], "new_code": "STC", "new_name": "dup"}, "conflict"),
    ({"source_codes": ["SXD"], "target_code": "SXD-PH1"}, "conflict"),
])
def test_merge_refusals_write_nothing(province, kwargs, code):
    snapshot = dump()
    with pytest.raises(DomainError) as e:
        services.merge_agencies(effective_on=PAST, **kwargs)
    assert e.value.code == code
    assert dump() == snapshot


def test_merge_of_dissolved_source_refused(province):
    services.merge_agencies(["SXD"], PAST, target_code="STC")
    with pytest.raises(DomainError) as e:
        services.merge_agencies(["SXD"], dt.date(2025, 8, 1), target_code="STC")
    assert e.value.code == "invalid"
