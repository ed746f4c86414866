"""loaddemo (idempotent, --if-empty) and ensure_local_admin."""
import csv
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from orgchart.accounts.models import Membership
from orgchart.demo.generate import OUT


def _rows(kind):
    with open(OUT / f"{kind}.csv", encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


DAY = "2026-11-25"  # "today" of the demo data
STRUCTURE = {("KH", "STRUCT-DEPUTY-DEPT-AVG"), ("KH.CT.NL", "STRUCT-DEPUTY-DIVISION"), ("KH.DL.LH", "STRUCT-HEAD-VACANT"),
             ("KH.VP.TCD", "STRUCT-HEAD-VACANT"), ("KH.DTTG", "STRUCT-NO-FUNCTION"),
             ("KH.DTTG.TG", "STRUCT-DIVISION-MIN-STAFF"), ("KH.NNMT.KL", "STRUCT-SINGLE-CHILD"),
             ("KH.YT.DS", "STRUCT-SUBDEPT-MIN-STAFF"), ("KH.YT.TTYTCR", "STRUCT-HEAD-MULTIPLE")}
CHECK = """query($o: String!, $p: String!, $a: AppointmentAction!, $d: Date) {
  checkEligibility(officialCode: $o, positionCode: $p, action: $a, onDate: $d) { violations { code } warnings { code } } }"""


def _readme_checks():
    text = (OUT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"\| `([^`]+)` \| `(KH\d+)` \| .*? \| `(\w+) → ([^`]+)` \|", text)


def _demo_behaves_as_documented(gql, token):
    status, body = gql('query($d: Date) { structureFindings(under: "KH", onDate: $d) { agency { code } code } }',
                       {"d": DAY}, token)
    found = {(f["agency"]["code"], f["code"]) for f in body["data"]["structureFindings"]}
    assert STRUCTURE <= found, STRUCTURE - found
    _, body = gql('{ structureFindings(under: "KH", onDate: "2025-02-01") { agency { code } code } }', None, token)
    assert ("KH", "STRUCT-DEPT-COUNT") in {(f["agency"]["code"], f["code"]) for f in body["data"]["structureFindings"]}
    checks = _readme_checks()
    assert len(checks) >= 15
    for rule, official, action, position in checks:
        _, body = gql(CHECK, {"o": official, "p": position, "a": action, "d": DAY}, token)
        res = body["data"]["checkEligibility"]
        codes = {v["code"] for v in res["violations"]} | {w["code"] for w in res["warnings"]}
        assert rule.split(" ")[0] in codes, (rule, official, action, position, codes)
    _answers_on_the_demo(gql, token)
    lineage = '{ lineage(code: "KH.TC") { predecessors { agency { code } changeEvent { code kind effectiveOn imported } } } }'
    steps = gql(lineage, None, token)[1]["data"]["lineage"]["predecessors"]
    assert [(s["agency"]["code"], s["changeEvent"]["code"], s["changeEvent"]["effectiveOn"]) for s in steps] == [
        ("KH.KHDT", "KH.2025.KHDT", "2025-03-01")]
    assert steps[0]["changeEvent"]["imported"] is True
    steps = gql(lineage.replace("KH.TC", "KH"), None, token)[1]["data"]["lineage"]["predecessors"]
    assert [s["agency"]["code"] for s in steps] == ["NT"]
    summary = 'query($a: String!, $k: String) { staffingSummary(agencyCode: $a, year: 2026, kind: $k) { onTrack } }'
    for kind in ("civil_servant", "public_employee"):
        assert gql(summary, {"a": "KH", "k": kind}, token)[1]["data"]["staffingSummary"]["onTrack"] is True
    assert gql(summary, {"a": "KH.DL", "k": "civil_servant"}, token)[1]["data"]["staffingSummary"]["onTrack"] is False


def _answers_on_the_demo(gql, token):
    """Issue 14 on the demo: search, candidate order, exemptions, structure counts."""
    import unicodedata

    search = 'query($s: String) { officials(search: $s, first: 50) { totalCount edges { node { code } } } }'
    for s in ("nguyen van hoang", "NGUYỄN VĂN HOÀNG", unicodedata.normalize("NFD", "Nguyễn Văn Hoàng")):
        codes = [e["node"]["code"] for e in gql(search, {"s": s}, token)[1]["data"]["officials"]["edges"]]
        assert "KH00002" in codes and len(codes) >= 4, (s, codes)
    ranked = gql('query($d: Date) { eligibleCandidates(positionCode: "KH.TC.PHO", action: FIRST_APPOINTMENT, onDate: $d,'
                 ' first: 200) { official { code } eligible violations { code } warnings { code } } }', {"d": DAY},
                 token)[1]["data"]["eligibleCandidates"]
    keys = [(not r["eligible"], len(r["violations"]), len(r["warnings"]), r["official"]["code"]) for r in ranked]
    assert keys == sorted(keys) and not any(v["code"] in ("ELIG-RETIRED", "ELIG-SEPARATED")
                                            for r in ranked for v in r["violations"])
    assert [v["code"] for v in ranked[0]["violations"]] == ["POS-DEPUTY-CAP"]  # blocked only by the cap
    exempt = [c for c in gql('{ reductionCandidates(agencyCode: "KH", year: 2026, includeExempt: true) { exempt '
                             'criteria { code } exemptions { code citation } } }', None, token)[1]["data"][
        "reductionCandidates"] if c["exempt"]]
    assert exempt and all(c["criteria"] and c["exemptions"][0]["code"] == "RED-EXEMPT-CHILD" for c in exempt)
    counts = 'query($d: Date) { structureCounts(under: "KH", onDate: $d) { focalPoints directUnits intermediateLayers } }'
    assert gql(counts, {"d": DAY}, token)[1]["data"]["structureCounts"] == {
        "focalPoints": 137, "directUnits": 18, "intermediateLayers": 1}  # 14 sở + 4 xã/phường; Chi cục Kiểm lâm
    assert gql(counts, {"d": "2025-06-30"}, token)[1]["data"]["structureCounts"]["directUnits"] == 15  # + thị xã


@pytest.mark.slow
@pytest.mark.django_db
def test_loaddemo_twice_changes_nothing_and_if_empty_skips(gql, make_token):
    from orgchart.personnel.models import Assignment, Official, Rating
    from orgchart.positions.models import JobPosition
    from orgchart.staffing.models import Quota
    from orgchart.structure.models import Agency, ChangeEvent, Mandate

    first = StringIO()
    call_command("loaddemo", stdout=first)
    assert Agency.objects.count() == _rows("agencies")
    assert Mandate.objects.count() == _rows("mandates")
    assert JobPosition.objects.count() == _rows("positions")
    assert Official.objects.count() == _rows("officials") >= 2000
    assert Assignment.objects.count() == _rows("assignments")
    assert Rating.objects.count() == _rows("ratings")
    assert Quota.objects.count() == _rows("quotas")
    assert ChangeEvent.objects.filter(imported=True).count() == _rows("change_events") >= 9
    assert "cập nhật 0" in first.getvalue()

    second = StringIO()
    call_command("loaddemo", stdout=second)
    lines = [line for line in second.getvalue().splitlines() if "dòng:" in line]
    assert len(lines) == 12
    for line in lines:
        rows = int(re.search(r"(\d+) dòng", line).group(1))
        assert f"tạo mới 0, cập nhật 0, không đổi {rows}" in line, line

    _demo_behaves_as_documented(gql, make_token("admin"))

    skipped = StringIO()
    call_command("loaddemo", "--if-empty", stdout=skipped)
    assert "bỏ qua" in skipped.getvalue()
    assert Official.objects.count() == _rows("officials")


@pytest.mark.django_db
def test_loaddemo_if_empty_loads_nothing_when_agencies_exist():
    from orgchart.personnel.models import Official
    from orgchart.structure.models import Agency

    Agency.objects.create(code="X", name="Cơ quan thử", kind="people_committee", level="province")
    out = StringIO()
    call_command("loaddemo", "--if-empty", stdout=out)
    assert "bỏ qua" in out.getvalue()
    assert Official.objects.count() == 0


@pytest.mark.django_db
def test_ensure_local_admin_prints_credentials_once():
    User = get_user_model()
    out = StringIO()
    call_command("ensure_local_admin", stdout=out)
    match = re.fullmatch(r"Tài khoản quản trị: admin / (\S+)\n", out.getvalue())
    assert match, out.getvalue()
    user = User.objects.get(username="admin")
    assert user.is_superuser and user.is_staff and user.check_password(match.group(1))
    assert Membership.objects.get(user=user).role == "admin"

    again = StringIO()
    call_command("ensure_local_admin", stdout=again)
    assert "/" not in again.getvalue() and match.group(1) not in again.getvalue()
    assert User.objects.filter(is_superuser=True).count() == 1


@pytest.mark.django_db
def test_ensure_local_admin_keeps_an_existing_superuser():
    User = get_user_model()
    User.objects.create_superuser("boss", "", "secret-pass")
    out = StringIO()
    call_command("ensure_local_admin", stdout=out)
    assert "boss" in out.getvalue() and "Tài khoản quản trị:" not in out.getvalue()
    assert not User.objects.filter(username="admin").exists()
