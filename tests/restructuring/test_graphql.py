"""GraphQL: structureFindings (public), restructuring mutations (role + scope), errors, lineage."""
import datetime as dt

from orgchart.structure.models import Agency

from .helpers import dump

FINDINGS = """query($under: String, $onDate: Date) {
  structureFindings(under: $under, onDate: $onDate) { agency { code name } code severity message citation } }"""

MERGE = """mutation($input: MergeAgenciesInput!) { mergeAgencies(input: $input) {
  agency { code } dryRun changeEvent { id kind effectiveOn applied originals { code } results { code } }
  impact { focalPoints { before after } officialsAffected positionsMoved findingsAppeared { agencyCode code }
           quotasMoved { fromCode toCode amount } raw }
  errors { field message code } } }"""


def test_structure_findings_public(province, gql):
    status, body = gql(FINDINGS, {"under": "T"})
    assert status == 200 and "errors" not in body, body
    items = body["data"]["structureFindings"]
    assert all(i["severity"] in ("violation", "warning") and i["citation"] for i in items)
    status, body = gql(FINDINGS, {"under": "NOPE"})
    assert body["errors"][0]["extensions"]["code"] == "not_found"


def test_merge_requires_role_and_scope(province, gql, make_token):
    variables = {"input": {"sourceCodes": ["SXD"], "targetCode": "STC", "effectiveOn": "2025-07-01"}}
    snapshot = dump()
    status, body = gql(MERGE, variables)
    assert status == 200 and body["data"]["mergeAgencies"]["errors"][0]["code"] == "forbidden"
    status, body = gql(MERGE, variables, make_token("personnel"))
    assert body["data"]["mergeAgencies"]["errors"][0]["code"] == "forbidden"
    status, body = gql(MERGE, variables, make_token("restructuring", scope=province["SXD"]))
    assert body["data"]["mergeAgencies"]["errors"][0]["code"] == "forbidden"  # STC outside the scope
    assert dump() == snapshot


def test_merge_dry_run_then_merge(province, gql, make_token):
    token = make_token("restructuring")
    variables = {"input": {"sourceCodes": ["SXD"], "targetCode": "STC", "effectiveOn": "2025-07-01",
                           "decisionNo": "QĐ 5", "dryRun": True}}
    snapshot = dump()
    status, body = gql(MERGE, variables, token)
    assert status == 200, body
    r = body["data"]["mergeAgencies"]
    assert r["errors"] == [] and r["dryRun"] and r["changeEvent"] is None
    assert r["impact"]["focalPoints"] == {"before": 6, "after": 5}
    assert r["impact"]["officialsAffected"] > 0 and "SXD-P000" in r["impact"]["positionsMoved"]
    assert dump() == snapshot
    variables["input"]["dryRun"] = False
    status, body = gql(MERGE, variables, make_token("admin"))
    r = body["data"]["mergeAgencies"]
    assert r["errors"] == [] and r["agency"]["code"] == "STC"
    assert r["changeEvent"]["kind"] == "merge" and r["changeEvent"]["applied"]
    assert sorted(a["code"] for a in r["changeEvent"]["originals"]) == ["STC", "SXD"]
    assert Agency.objects.get(code="SXD").dissolved_on == dt.date(2025, 7, 1)


def test_mutation_errors_are_typed(province, gql, make_token):
    token = make_token("restructuring")
    bad = {"input": {"sourceCodes": ["NOPE"], "targetCode": "STC", "effectiveOn": "2025-07-01"}}
    r = gql(MERGE, bad, token)[1]["data"]["mergeAgencies"]
    assert r["errors"][0]["code"] == "not_found" and r["errors"][0]["field"] == "sourceCodes"
    move = """mutation($input: MoveAgencyInput!) { moveAgency(input: $input) { agency { code } errors { field code message } } }"""
    r = gql(move, {"input": {"code": "SXD", "newParentCode": "SXD-PH1", "effectiveOn": "2025-07-01"}}, token)[1]
    assert r["data"]["moveAgency"]["errors"][0]["code"] in ("conflict", "invalid")
    dissolve = """mutation($input: DissolveAgencyInput!) { dissolveAgency(input: $input) { errors { code message } } }"""
    r = gql(dissolve, {"input": {"code": "SXD-PH1", "effectiveOn": "2025-07-01"}}, token)[1]
    assert r["data"]["dissolveAgency"]["errors"][0]["code"] == "conflict"


def test_split_rename_and_lineage(province, gql, make_token):
    token = make_token("restructuring")
    split = """mutation($input: SplitAgencyInput!) { splitAgency(input: $input) {
      agencies { code } changeEvent { kind } errors { code message } } }"""
    parts = [{"code": "SXD", "name": "x"}, {"code": "CC1", "name": "Chi cục 1", "kind": "sub_department",
                                           "positionCodes": ["SXD-P002"]}]
    r = gql(split, {"input": {"code": "SXD", "parts": parts, "effectiveOn": "2025-07-01"}}, token)[1]
    assert r["data"]["splitAgency"]["errors"] == [], r
    rename = """mutation($input: RenameAgencyInput!) { renameAgency(input: $input) { agency { code name } errors { code } } }"""
    r = gql(rename, {"input": {"code": "STC", "newName": "Sở Tài chính", "effectiveOn": "2025-07-01"}}, token)[1]
    assert r["data"]["renameAgency"]["agency"]["name"] == "Sở Tài chính"
    merge = {"input": {"sourceCodes": ["SXD-PH1", "SXD-PH2"], "newCode": "SXD-PHM", "newName": "Phòng hợp nhất",
                       "effectiveOn": "2025-08-01"}}
    assert gql(MERGE, merge, token)[1]["data"]["mergeAgencies"]["errors"] == []
    lineage = """query($code: String!) { lineage(code: $code) {
      predecessors { agency { code } changeEvent { kind effectiveOn } depth }
      successors { agency { code } mandates } } }"""
    body = gql(lineage, {"code": "SXD-PHM"})[1]
    assert sorted(s["agency"]["code"] for s in body["data"]["lineage"]["predecessors"]) == ["SXD-PH1", "SXD-PH2"]
    body = gql(lineage, {"code": "SXD-PH1"})[1]
    succ = body["data"]["lineage"]["successors"]
    assert [s["agency"]["code"] for s in succ] == ["SXD-PHM"] and succ[0]["mandates"]
    events = """query($c: String) { changeEvents(agencyCode: $c) { kind scheduled originals { code } } }"""
    body = gql(events, {"c": "SXD"})[1]
    assert [e["kind"] for e in body["data"]["changeEvents"]] == ["split"]


def test_plan_mutation(province, gql, make_token):
    plan = """mutation($input: RestructuringPlanInput!) { restructuringPlan(input: $input) {
      dryRun impact { focalPoints { before after } agenciesRemoved } errors { code field } } }"""
    ops = [{"op": "merge", "sourceCodes": ["SXD"], "targetCode": "STC", "effectiveOn": "2025-07-01"},
           {"op": "move", "code": "STC-PH1", "newParentCode": "T", "effectiveOn": "2025-07-01"}]
    snapshot = dump()
    r = gql(plan, {"input": {"operations": ops}}, make_token("restructuring"))[1]["data"]["restructuringPlan"]
    assert r["errors"] == [] and r["dryRun"] and r["impact"]["agenciesRemoved"] == ["SXD"]
    assert r["impact"]["focalPoints"]["after"] == 5
    assert dump() == snapshot


def test_service_fields_reach_the_api_in_camel_case(province, gql, make_token):
    """Services name inputs in snake_case (`new_parent_code`, `parts[1].name`); the API's one
    mapper spells them as the schema does."""
    token = make_token("restructuring")
    plan = """mutation($input: RestructuringPlanInput!) { restructuringPlan(input: $input) { errors { code field } } }"""
    ops = [{"op": "move", "code": "STC-PH1", "newParentCode": "NOPE", "effectiveOn": "2025-07-01"}]
    r = gql(plan, {"input": {"operations": ops}}, token)[1]["data"]["restructuringPlan"]
    assert r["errors"] == [{"code": "not_found", "field": "operations[0].newParentCode"}]
    split = """mutation($input: SplitAgencyInput!) { splitAgency(input: $input) { errors { code field } } }"""
    parts = [{"code": "SXD-A", "name": "Sở A"}, {"code": "SXD-B", "shortName": "B"}]
    r = gql(split, {"input": {"code": "SXD", "parts": parts, "effectiveOn": "2025-07-01"}}, token)[1]
    assert r["data"]["splitAgency"]["errors"] == [{"code": "invalid", "field": "parts[1].name"}]
