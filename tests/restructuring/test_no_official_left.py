"""RULES §3: restructuring never leaves an official without a post; the former head of an
absorbed agency is a deputy of the receiving one and a RED-LEADER-RESTRUCT candidate."""
import datetime as dt

from orgchart.personnel.models import Assignment
from orgchart.positions.models import JobPosition
from orgchart.restructuring import services
from orgchart.staffing.candidates import reduction_candidates
from orgchart.structure.models import Agency

from .helpers import holders

DAY = dt.date(2025, 7, 1)
EVE = DAY - dt.timedelta(days=1)
MERGE = """mutation { mergeAgencies(input: {sourceCodes: ["SXD"], targetCode: "STC", effectiveOn: "2025-07-01",
  decisionNo: "12/NQ-HĐND"}) { changeEvent { code } impact { headsReassigned { officialCode fromPosition toPosition } }
  errors { code field message } } }"""
CANDIDATES = """{ reductionCandidates(agencyCode: "T", year: 2026) { official { code }
  criteria { code message citation } } }"""


def _holding(code, day):
    return set(holders(code, day))


def test_merge_former_head_is_a_deputy_of_the_target_and_a_reduction_candidate(province, gql, make_token):
    head = holders("SXD-H0", EVE)[0]
    deputies = set(holders("SXD-D0", EVE) + holders("SXD-D1", EVE))
    staff = set(holders("SXD-P000", EVE))
    stc_deputies = set(holders("STC-D0", EVE))
    _, body = gql(MERGE, token=make_token("restructuring"))
    out = body["data"]["mergeAgencies"]
    assert out["errors"] == [], out
    assert out["impact"]["headsReassigned"] == [{"officialCode": head, "fromPosition": "SXD-H0", "toPosition": "STC-D0"}]
    # the day before: unchanged; from the effective date: deputy of the target
    assert holders("SXD-H0", EVE) == [head] and holders("SXD-H0", DAY) == []
    assert _holding("STC-D0", DAY) == stc_deputies | {head}
    moved = Assignment.objects.get(official__code=head, position__code="STC-D0")
    assert moved.kind == "transfer" and moved.start_on == DAY and moved.decision_no == "12/NQ-HĐND"
    # every other holder keeps a post there (their positions moved with them)
    assert set(holders("SXD-D0", DAY) + holders("SXD-D1", DAY)) == deputies
    assert _holding("SXD-P000", DAY) == staff
    ever = {a.official.code for a in Assignment.objects.filter(position__agency__code__in=["SXD", "STC"],
                                                                start_on__lte=EVE).select_related("official")}
    held_after = {a.official.code for a in Assignment.objects.filter(start_on__lte=DAY).exclude(end_on__lt=DAY)
                  .select_related("official")}
    assert ever <= held_after  # nobody without a post
    # RED-LEADER-RESTRUCT: head the day before, a deputy now
    _, body = gql(CANDIDATES, token=make_token("restructuring"))
    items = {c["official"]["code"]: c for c in body["data"]["reductionCandidates"]}
    assert [c["code"] for c in items[head]["criteria"]] == ["RED-LEADER-RESTRUCT"]
    assert "người đứng đầu Đơn vị SXD (SXD-H0) đến ngày 30/06/2025" in items[head]["criteria"][0]["message"]
    assert not (deputies & set(items))  # deputies kept a deputy post


def test_a_target_without_a_deputy_position_gets_one_with_a_seat(province, build):
    a = build.agency("SMALL", "division", province["SXD"])
    b = build.agency("TINY", "division", province["SXD"])
    (head,), _ = build.leaders(a)
    build.leaders(b)  # a head, no deputy position
    services.merge_agencies(["SMALL"], DAY, target_code="TINY")
    post = JobPosition.objects.get(code="TINY.PHO")
    assert post.leadership_role == "deputy" and post.category == "leadership" and post.quota == 1
    assert post.title == "Phó Vị trí TINY-H0"
    assert holders("TINY.PHO", DAY) == [head.official.code] and holders("TINY.PHO", EVE) == []


def test_the_deputy_position_of_the_target_gains_a_seat(province, build):
    JobPosition.objects.filter(code="STC-D0").update(quota=2)
    services.merge_agencies(["SXD"], DAY, target_code="STC")
    assert JobPosition.objects.get(code="STC-D0").quota == 3


def test_dissolution_names_the_receiving_agency(province, build, gql, make_token):
    q = """mutation($d: String) { dissolveAgency(input: {code: "SXD-PH1", effectiveOn: "2025-07-01",
      destinationCode: $d}) { errors { code field message } } }"""
    token = make_token("restructuring")
    _, body = gql(q, {"d": None}, token)
    (err,) = body["data"]["dissolveAgency"]["errors"]
    assert err["code"] == "conflict" and "SXD-PH1" in err["message"]
    head = holders("SXD-PH1-H0", EVE)[0]
    _, body = gql(q, {"d": "SXD-PH2"}, token)
    assert body["data"]["dissolveAgency"]["errors"] == []
    assert holders("SXD-PH2-D0", DAY) == sorted(holders("SXD-PH2-D0", EVE) + [head])
    assert Agency.objects.get(code="SXD-PH1").dissolved_on == DAY


def test_dissolution_of_an_agency_without_holders_needs_no_receiver(province, build):
    empty = build.agency("EMPTY", "division", province["STC"])
    build.position("EMPTY-CV", empty)  # a vacant position stays with the dissolved agency
    side = build.official()
    Assignment.objects.create(official=side, position=JobPosition.objects.get(code="EMPTY-CV"), kind="concurrent",
                              start_on=dt.date(2020, 1, 1))
    services.dissolve_agency("EMPTY", DAY)
    assert Agency.objects.get(code="EMPTY").dissolved_on == DAY
    assert Assignment.objects.get(official=side, kind="concurrent").end_on == EVE


def test_merge_into_a_new_agency_keeps_the_first_head_and_makes_the_others_deputies(province):
    first, second = holders("SXD-H0", EVE)[0], holders("STC-H0", EVE)[0]
    out = services.merge_agencies(["SXD", "STC"], DAY, new_code="SNEW", new_name="Sở mới")
    assert holders("SXD-H0", DAY) == [first]  # its position is the new agency's head
    assert second in holders("SXD-D0", DAY)
    assert out.impact["heads_reassigned"] == [{"official": second, "from": "STC-H0", "to": "SXD-D0"}]
    cands = {c.official.code: c for c in reduction_candidates(Agency.objects.get(code="T"), 2026)}
    assert [x.code for x in cands[second].criteria] == ["RED-LEADER-RESTRUCT"] and first not in cands
