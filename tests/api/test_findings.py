"""One shape for every rule's finding: `core.findings.Finding` and one GraphQL type."""
from orgchart.api.schema import schema
from orgchart.core.findings import VIOLATION, WARNING, Finding

GS = schema.graphql_schema


def leaf(t):
    while hasattr(t, "of_type"):
        t = t.of_type
    return t


def test_every_finding_list_has_the_one_type():
    q = GS.query_type.fields
    uses = [
        leaf(q["structureFindings"].type),
        leaf(leaf(q["checkEligibility"].type).fields["violations"].type),
        leaf(leaf(q["checkEligibility"].type).fields["warnings"].type),
        leaf(leaf(q["eligibleCandidates"].type).fields["violations"].type),
        leaf(leaf(q["reductionCandidates"].type).fields["criteria"].type),
    ]
    impact = GS.get_type("RestructuringImpact")
    uses += [leaf(impact.fields[f].type) for f in ("findingsAppeared", "findingsDisappeared", "findingsChanged",
                                                   "deputiesOverCapBefore", "deputiesOverCapAfter")]
    assert {t.name for t in uses} == {"Finding"}
    assert {"code", "severity", "message", "citation", "agency", "agencyCode"} <= set(GS.get_type("Finding").fields)
    assert not {"EligibilityFinding", "StructureFinding", "ImpactFinding", "ReductionCriterion"} & set(GS.type_map)


def test_finding_shape():
    f = Finding("STRUCT-SINGLE-CHILD", WARNING, "Một đơn vị trực thuộc", "Nghị quyết 18-NQ/TW")
    assert f.subject is None and not f.is_violation
    g = f.about("SXD")
    assert g.subject == "SXD" and g[:4] == f[:4]
    assert f.as_dict() == {"code": "STRUCT-SINGLE-CHILD", "severity": "warning", "message": "Một đơn vị trực thuộc",
                           "citation": "Nghị quyết 18-NQ/TW"}
    assert Finding("X", VIOLATION, "m", "c").is_violation
