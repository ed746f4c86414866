"""Findings and the review workflow across re-runs (RULES.md §5)."""
import pytest

from orgchart.core.errors import DomainError
from orgchart.overlaps import services
from orgchart.overlaps.models import OverlapFinding, OverlapRun
from orgchart.structure.models import Mandate

PAIR = ("TM.LDTBXH", "TM.YT")


def finding(a="TM.LDTBXH", b="TM.YT"):
    return OverlapFinding.objects.get(agency_a__code=a, agency_b__code=b)


def test_detect_stores_ordered_unique_pairs(province):
    run = services.detect()
    assert run.finished_at and run.counts["found"] == OverlapFinding.objects.count() > 0
    for f in OverlapFinding.objects.select_related("agency_a", "agency_b"):
        assert f.agency_a.code < f.agency_b.code
        assert f.mandate_pairs and f.shared_terms and f.status == "new"


def test_review_kept_while_mandates_unchanged(province, django_user_model):
    services.detect()
    user = django_user_model.objects.create(username="kiemtoan")
    services.review(user, "TM.YT", "TM.LDTBXH", "confirmed", "Trùng bảo trợ xã hội")
    quiet = services.detect()  # nothing changed: nothing rescored
    assert quiet.incremental and quiet.counts["jurisdictions_scored"] == 0
    run = services.detect(full=True)
    f = finding()
    assert f.status == "confirmed" and f.note == "Trùng bảo trợ xã hội" and f.reviewer == user
    assert run.counts["kept"] >= 1 and run.counts["reopened"] == 0


def test_changed_mandate_returns_pair_to_new_and_history_keeps_review(province, django_user_model):
    services.detect()
    user = django_user_model.objects.create(username="kiemtoan")
    services.review(user, *PAIR, "confirmed", "Đã xác nhận")
    m = Mandate.objects.get(agency__code="TM.YT", kind="function")
    m.text = m.text + " Quản lý nhà nước về y tế học đường."
    m.save()
    run = services.detect()
    f = finding()
    assert f.status == "new" and f.note == "" and f.reviewer is None
    assert run.counts["reopened"] == 1
    statuses = list(f.history.order_by("history_date", "history_id").values_list("status", "note"))
    assert ("confirmed", "Đã xác nhận") in statuses and statuses[-1] == ("new", "")


def test_incremental_rerun_scores_only_changed_jurisdictions(db):
    from .conftest import load_province

    load_province("TM")
    load_province("TN")
    first = services.detect()
    assert first.counts["jurisdictions_scored"] == "all"
    m = Mandate.objects.filter(agency__code="TN.YT").first()
    m.text += " Y tế học đường."
    m.save()
    second = services.detect()
    assert second.incremental and second.counts["jurisdictions_scored"] == 1
    # findings of the untouched province are still there and active
    assert OverlapFinding.objects.filter(agency_a__code__startswith="TM.", active=True).count() == \
        OverlapFinding.objects.filter(agency_a__code__startswith="TN.", active=True).count()
    full = services.detect(full=True)
    assert not full.incremental


def test_pair_no_longer_found_is_stale(province):
    services.detect()
    Mandate.objects.filter(agency__code="TM.TTTT").delete()
    run = services.detect()
    f = finding("TM.TTTT", "TM.VHTTDL")
    assert not f.active and not f.is_open and run.counts["stale"] >= 1


def test_dismissed_is_returned_but_not_open(province):
    services.detect()
    services.review(None, *PAIR, "dismissed", "Phân định rõ")
    f = finding()
    assert f.status == "dismissed" and f.active and not f.is_open


@pytest.mark.parametrize("status,code", [("done", "invalid"), ("resolved", "conflict")])
def test_review_errors(province, status, code):
    services.detect()
    with pytest.raises(DomainError) as e:
        services.review(None, *PAIR, status)
    assert e.value.code == code


def test_review_unknown_pair(province):
    services.detect()
    with pytest.raises(DomainError) as e:
        services.review(None, "TM.TP", "TM.GTVT", "confirmed")
    assert e.value.code == "not_found"


def test_resolved_after_confirmed(province):
    services.detect()
    services.review(None, *PAIR, "confirmed")
    assert services.review(None, *PAIR, "resolved").status == "resolved"
    assert OverlapRun.objects.count() == 1


HISTORY = """query($c: String!) { history(kind: "overlap", code: $c) { model at user action reason
  changes { field old new } } }"""
REVIEW = """mutation($s: String!, $n: String) { reviewOverlap(input: {agencyA: "TM.YT", agencyB: "TM.LDTBXH",
  status: $s, note: $n}) { errors { code } } }"""


def test_review_history_through_history_query(province, gql, make_token):
    """history(kind: "overlap", code: "A~B"): each detection and review, who, when, status, note."""
    services.detect()
    token = make_token("auditor", username="kiem-toan-vien")
    for status, note in (("confirmed", "Trùng bảo trợ xã hội"), ("resolved", "Đã phân định tại QĐ 12/2026")):
        _, body = gql(REVIEW, {"s": status, "n": note}, token)
        assert body["data"]["reviewOverlap"]["errors"] == [], body
    for code in ("TM.YT~TM.LDTBXH", "TM.LDTBXH~TM.YT"):
        _, body = gql(HISTORY, {"c": code}, token)
        assert "errors" not in body, body
        entries = body["data"]["history"]
        assert [e["action"] for e in entries] == ["changed", "changed", "created"]
        assert [e["user"] for e in entries[:2]] == ["kiem-toan-vien", "kiem-toan-vien"]
        latest = {c["field"]: (c["old"], c["new"]) for c in entries[0]["changes"]}
        assert latest["status"] == ("confirmed", "resolved")
        assert latest["note"] == ("Trùng bảo trợ xã hội", "Đã phân định tại QĐ 12/2026")
        assert entries[0]["at"] >= entries[1]["at"] >= entries[2]["at"]
        assert not any(c["field"] in ("mandate_pairs", "shared_terms") for e in entries for c in e["changes"])


def test_overlap_history_bad_codes(province, gql, make_token):
    services.detect()
    token = make_token("auditor")
    _, body = gql(HISTORY, {"c": "TM.YT"}, token)
    assert body["errors"][0]["extensions"]["code"] == "invalid"
    _, body = gql(HISTORY, {"c": "TM.YT~TM.KHONG"}, token)
    assert body["errors"][0]["extensions"]["code"] == "not_found"
    _, body = gql(HISTORY, {"c": "TM.YT~TM.LDTBXH"})
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
