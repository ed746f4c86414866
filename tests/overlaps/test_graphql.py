"""GraphQL `overlaps` and `reviewOverlap` (CONTRACT §3): shapes, defaults, limits, roles."""
from orgchart.overlaps import index, services
from orgchart.overlaps.models import OverlapRun
from orgchart.structure.models import Agency

Q = """query($under: String, $minScore: Float, $status: String, $first: Int) {
  overlaps(under: $under, minScore: $minScore, status: $status, first: $first) {
    agencyA { code name } agencyB { code name } score sharedTerms
    mandatePairs { a { ref text } b { ref text } score } status note reviewer
  }
}"""
M = """mutation($input: ReviewOverlapInput!) {
  reviewOverlap(input: $input) { finding { agencyA { code } agencyB { code } status note reviewer }
  errors { field message code } }
}"""


def test_overlaps_computes_first_and_is_ordered(province, gql, make_token):
    assert not OverlapRun.objects.exists()
    status, body = gql(Q, {}, make_token("auditor"))
    assert status == 200 and "errors" not in body, body
    rows = body["data"]["overlaps"]
    assert OverlapRun.objects.filter(finished_at__isnull=False).count() == 1
    assert rows and all(r["score"] >= index.DEFAULT_THRESHOLD for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert all(r["agencyA"]["code"] < r["agencyB"]["code"] for r in rows)
    pairs = [(r["agencyA"]["code"], r["agencyB"]["code"]) for r in rows]
    assert len(pairs) == len(set(pairs)) and ("TM.LDTBXH", "TM.YT") in pairs
    top = rows[0]
    assert top["sharedTerms"] and top["mandatePairs"][0]["a"]["text"] and top["status"] == "new"


def test_overlaps_filters(province, gql, make_token):
    token = make_token("personnel")
    _, body = gql(Q, {"minScore": 0.0, "first": 5000}, token)
    everything = body["data"]["overlaps"]
    _, body = gql(Q, {"minScore": 0.0, "first": 2}, token)
    assert len(body["data"]["overlaps"]) == 2
    _, body = gql(Q, {"under": "TM.NN", "minScore": 0.0}, token)
    for r in body["data"]["overlaps"]:
        assert r["agencyA"]["code"].startswith("TM.NN") and r["agencyB"]["code"].startswith("TM.NN")
    assert len(everything) > 2
    _, body = gql(Q, {"status": "confirmed"}, token)
    assert body["data"]["overlaps"] == []


def test_overlaps_limits_and_bad_input(province, gql, make_token):
    token = make_token("auditor")
    _, body = gql(Q, {"first": 5001}, token)
    assert body["errors"][0]["extensions"]["code"] in ("limit_exceeded", "invalid")
    _, body = gql(Q, {"status": "maybe"}, token)
    assert body["errors"][0]["extensions"]["code"] == "invalid"
    _, body = gql(Q, {"under": "NOPE"}, token)
    assert body["errors"][0]["extensions"]["code"] == "not_found"


def test_overlaps_needs_a_role(province, gql):
    status, body = gql(Q, {})
    assert status == 200 and body["data"] is None or body["data"]["overlaps"] is None
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_review_overlap_roles_and_errors(province, gql, make_token):
    services.detect()
    inp = {"agencyA": "TM.YT", "agencyB": "TM.LDTBXH", "status": "confirmed", "note": "Trùng"}
    _, body = gql(M, {"input": inp}, make_token("personnel"))
    assert body["data"]["reviewOverlap"]["errors"][0]["code"] == "forbidden"
    _, body = gql(M, {"input": inp})
    assert body["data"]["reviewOverlap"]["errors"][0]["code"] == "forbidden"
    _, body = gql(M, {"input": inp}, make_token("auditor", username="kiemtoan"))
    out = body["data"]["reviewOverlap"]
    assert out["errors"] == [] and out["finding"] == {
        "agencyA": {"code": "TM.LDTBXH"}, "agencyB": {"code": "TM.YT"}, "status": "confirmed", "note": "Trùng",
        "reviewer": "kiemtoan",
    }
    _, body = gql(M, {"input": {**inp, "status": "bogus"}}, make_token("restructuring"))
    assert body["data"]["reviewOverlap"]["errors"][0]["code"] == "invalid"
    _, body = gql(M, {"input": {**inp, "agencyB": "TM.TP"}}, make_token("admin"))
    assert body["data"]["reviewOverlap"]["errors"][0]["code"] == "not_found"


def test_dismissed_still_listed_with_status(province, gql, make_token):
    services.detect()
    services.review(None, "TM.LDTBXH", "TM.YT", "dismissed", "Đã phân định")
    _, body = gql(Q, {}, make_token("auditor"))
    row = next(r for r in body["data"]["overlaps"] if r["agencyA"]["code"] == "TM.LDTBXH" and r["agencyB"]["code"] == "TM.YT")
    assert row["status"] == "dismissed" and row["note"] == "Đã phân định"


def test_query_count_does_not_grow_with_results(province, gql, make_token, django_assert_max_num_queries):
    services.detect()
    token = make_token("auditor")
    Agency.objects.count()
    with django_assert_max_num_queries(12):
        _, body = gql(Q, {"minScore": 0.0, "first": 5000}, token)
    assert len(body["data"]["overlaps"]) > 5


def test_overlaps_explain_the_match(province, gql, make_token):
    """The matched clauses carry the shared words' positions and the pair says why it ranks there."""
    q = """{ overlaps(first: 3) { score sharedTerms why
      mandatePairs { core terms a { clause marks { start end } text textMarks { start end } }
                     b { clause marks { start end } } } } }"""
    status, body = gql(q, {}, make_token("auditor"))
    assert status == 200 and "errors" not in body, body
    top = body["data"]["overlaps"][0]
    assert top["why"].startswith("Điểm ") and "ngưỡng" in top["why"]
    pair = top["mandatePairs"][0]
    for side in (pair["a"], pair["b"]):
        assert side["marks"], side
        marked = {side["clause"][m["start"]:m["end"]].lower() for m in side["marks"]}
        assert marked <= {t.lower() for t in pair["terms"]}
    assert pair["a"]["textMarks"]
