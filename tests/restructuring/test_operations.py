"""moveAgency, dissolveAgency, splitAgency, renameAgency and plans."""
import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from orgchart.core.errors import DomainError
from orgchart.personnel.models import Assignment
from orgchart.restructuring import services
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink, ChangeEvent, Mandate

from .helpers import children, dump, holders, intervals_disjoint, mptt_valid, positions

PAST = dt.date(2025, 7, 1)
BEFORE = PAST - dt.timedelta(days=1)


# --- move ------------------------------------------------------------------------------------
def test_move_past_keeps_history(province):
    out = services.move_agency("SXD-PH1", "STC", PAST, decision_no="QĐ 9")
    assert children("SXD", BEFORE) == ["SXD-PH1", "SXD-PH2"]
    assert children("STC", PAST) == ["STC-PH1", "STC-PH2", "SXD-PH1"]
    assert Agency.objects.get(code="SXD-PH1").parent.code == "STC"
    assert out.change_event.details == {"before": {"parent": "SXD"}, "after": {"parent": "STC"}}
    assert [a.code for a in tree.ancestors_on([out.agency.pk], BEFORE)[out.agency.pk]] == ["T", "SXD"]
    assert mptt_valid()


def test_move_future_is_scheduled(province):
    future = timezone.localdate() + dt.timedelta(days=10)
    out = services.move_agency("SXD-PH1", "STC", future)
    assert not out.change_event.applied
    assert Agency.objects.get(code="SXD-PH1").parent.code == "SXD"
    assert children("STC", future) == ["STC-PH1", "STC-PH2", "SXD-PH1"]
    assert children("SXD", future - dt.timedelta(days=1)) == ["SXD-PH1", "SXD-PH2"]


def test_move_between_two_recorded_changes_lasts_until_the_next(province):
    services.move_agency("SXD-PH1", "STC", dt.date(2025, 9, 1))
    services.move_agency("SXD-PH1", "T", dt.date(2025, 3, 1))  # an earlier, late-recorded decision
    assert children("SXD", dt.date(2025, 2, 28)) == ["SXD-PH1", "SXD-PH2"]
    assert "SXD-PH1" in children("T", dt.date(2025, 5, 1))
    assert "SXD-PH1" in children("STC", dt.date(2025, 9, 1))
    links = list(AgencyLink.objects.filter(agency__code="SXD-PH1").order_by(F("valid_from").asc(nulls_first=True)).values_list(
        "valid_from", "valid_to"))
    assert links == [(None, dt.date(2025, 2, 28)), (dt.date(2025, 3, 1), dt.date(2025, 8, 31)),
                     (dt.date(2025, 9, 1), None)]
    assert intervals_disjoint()


@pytest.mark.parametrize("new_parent", ["SXD-PH1", "SXD"])
def test_move_cycles_refused(province, new_parent):
    snapshot = dump()
    code = "SXD" if new_parent == "SXD-PH1" else "SXD"
    with pytest.raises(DomainError) as e:
        services.move_agency(code, new_parent, PAST)
    assert e.value.code in ("conflict", "invalid")
    assert dump() == snapshot


def test_move_cycle_through_a_scheduled_change_refused(province):
    future = timezone.localdate() + dt.timedelta(days=30)
    services.move_agency("STC", "SXD-PH1", future)  # STC under SXD-PH1 from `future`
    with pytest.raises(DomainError) as e:  # SXD under STC from today: a cycle once STC moves
        services.move_agency("SXD", "STC", timezone.localdate())
    assert e.value.code == "conflict"


def test_move_dry_run_and_unknown(province):
    snapshot = dump()
    out = services.move_agency("SXD-PH1", "STC", PAST, dry_run=True)
    assert out.impact["focal_points"]["before"] == out.impact["focal_points"]["after"]
    assert dump() == snapshot
    with pytest.raises(DomainError) as e:
        services.move_agency("SXD-PH1", "NOPE", PAST)
    assert e.value.code == "not_found" and e.value.field == "new_parent_code"  # the API spells it newParentCode


# --- dissolve --------------------------------------------------------------------------------
def test_dissolve_refused_while_staff_or_positions_remain(province):
    snapshot = dump()
    with pytest.raises(DomainError) as e:
        services.dissolve_agency("SXD-PH1", PAST)
    assert e.value.code == "conflict"
    with pytest.raises(DomainError) as e:
        services.dissolve_agency("SXD", PAST)  # children too
    assert e.value.code == "conflict" and "SXD-PH1" in e.value.message
    assert dump() == snapshot


def test_dissolve_empty_agency(province, build):
    empty = build.agency("EMPTY", "board", province["T"])
    m = build.function(empty)
    out = services.dissolve_agency("EMPTY", PAST)
    empty.refresh_from_db()
    m.refresh_from_db()
    assert empty.dissolved_on == PAST and m.valid_to == BEFORE
    assert out.change_event.kind == "dissolve"
    assert "EMPTY" in children("T", BEFORE) and "EMPTY" not in children("T", PAST)


def test_dissolve_into_destination_carries_everything(province):
    holder = holders("SXD-PH1-P000", BEFORE)
    out = services.dissolve_agency("SXD-PH1", PAST, destination_code="SXD-PH2")
    assert out.change_event.kind == "dissolve"
    assert "SXD-PH1-P000" in positions("SXD-PH2", PAST)
    assert holders("SXD-PH1-P000", PAST) == holder
    head = Assignment.objects.get(position__code="SXD-PH1-H0")
    assert head.end_on == BEFORE and head.change_event_id == out.change_event.pk


# --- split -----------------------------------------------------------------------------------
def _split_parts():
    return [
        {"code": "SXD-A", "name": "Sở A", "position_codes": ["SXD-H0", "SXD-D0", "SXD-P000"], "mandate_refs": ["CN1"],
         "child_codes": ["SXD-PH1"]},
        {"code": "SXD-B", "name": "Sở B", "position_codes": ["SXD-D1", "SXD-P001", "SXD-P002"],
         "child_codes": ["SXD-PH2"]},
    ]


def test_split_dissolves_original_and_maps_positions(province):
    snapshot = dump()
    services.split_agency("SXD", _split_parts(), PAST, dry_run=True)
    assert dump() == snapshot
    out = services.split_agency("SXD", _split_parts(), PAST)
    assert children("T", PAST) == ["STC", "SXD-A", "SXD-B"]
    assert children("T", BEFORE) == ["STC", "SXD"]
    assert positions("SXD-B", PAST) == ["SXD-D1", "SXD-P001", "SXD-P002"]
    assert holders("SXD-P001", PAST) == holders("SXD-P001", BEFORE)
    assert children("SXD-A", PAST) == ["SXD-PH1"]
    assert Mandate.objects.filter(agency__code="SXD-A", ref="CN1", valid_from=PAST).exists()
    assert Agency.objects.get(code="SXD").dissolved_on == PAST
    assert intervals_disjoint() and mptt_valid()
    ev = ChangeEvent.objects.get(pk=out.change_event.pk)
    assert {a.code for a in ev.results.all()} == {"SXD-A", "SXD-B"}


def test_split_refuses_unmapped_held_positions(province):
    parts = _split_parts()
    parts[1]["position_codes"].remove("SXD-P002")
    with pytest.raises(DomainError) as e:
        services.split_agency("SXD", parts, PAST)
    assert e.value.code == "conflict" and "SXD-P002" in e.value.message


def test_split_off_keeps_original(province):
    parts = [{"code": "SXD"}, {"code": "SXD-NEW", "name": "Chi cục mới", "kind": "sub_department",
                                "position_codes": ["SXD-P002"]}]
    services.split_agency("SXD", parts, PAST)
    assert Agency.objects.get(code="SXD").dissolved_on is None
    assert positions("SXD-NEW", PAST) == ["SXD-P002"]
    assert "SXD-P002" not in positions("SXD", PAST)


# --- rename ----------------------------------------------------------------------------------
def test_rename_now_and_scheduled(province, monkeypatch):
    services.rename_agency("SXD", "Sở Xây dựng mới", PAST)
    assert Agency.objects.get(code="SXD").name == "Sở Xây dựng mới"
    future = timezone.localdate() + dt.timedelta(days=5)
    out = services.rename_agency("STC", "Sở Tài chính (mới)", future)
    assert Agency.objects.get(code="STC").name != "Sở Tài chính (mới)" and not out.change_event.applied
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: future)
    from django.core.management import call_command

    call_command("apply_scheduled_changes")
    assert Agency.objects.get(code="STC").name == "Sở Tài chính (mới)"


# --- plans -----------------------------------------------------------------------------------
def test_plan_dry_run_reports_whole_plan_and_writes_nothing(province):
    snapshot = dump()
    result = services.run_plan([
        {"op": "merge", "source_codes": ["SXD"], "target_code": "STC", "effective_on": PAST},
        {"op": "dissolve", "code": "SXD-PH1", "destination_code": "STC-PH1", "effective_on": PAST},
    ], dry_run=True)
    assert dump() == snapshot
    imp = result["impact"]
    assert imp["focal_points"] == {"before": 6, "after": 4}
    assert set(imp["agencies_removed"]) == {"SXD", "SXD-PH1"}
