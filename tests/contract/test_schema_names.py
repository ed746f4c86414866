"""Every name CONTRACT.md §3 promises exists in the schema, with its arguments and fields."""
import pytest

from orgchart.api.schema import schema

QUERY_ARGS = {
    "agency": ["code", "onDate"], "agencies": ["first", "after", "under", "level", "kind", "search", "onDate"],
    "official": ["code"], "checkEligibility": ["officialCode", "positionCode", "action", "onDate"],
    "eligibleCandidates": ["positionCode", "action", "onDate", "first"],
    "overlaps": ["under", "minScore", "status", "first"], "staffingSummary": ["agencyCode", "year", "kind"],
    "reductionCandidates": ["agencyCode", "year"], "structureFindings": ["under", "onDate"],
}
MUTATIONS = ["appointOfficial", "moveAgency", "mergeAgencies", "splitAgency", "dissolveAgency", "reviewOverlap"]
TYPE_FIELDS = {
    "agency": ["code", "name", "shortName", "kind", "level", "active", "establishedOn", "dissolvedOn", "parent",
               "children", "ancestors", "descendantCount", "mandates", "positions", "headcount"],
    "official": ["code", "fullName", "birthDate", "gender", "retirementDate", "currentAssignments"],
    "checkEligibility": ["eligible", "violations", "warnings"],
    "overlaps": ["agencyA", "agencyB", "score", "sharedTerms", "mandatePairs", "status"],
    "staffingSummary": ["quota", "headcount", "vacancies", "overQuota", "separations", "reductions", "baselineQuota",
                        "targetPercent", "achievedPercent", "onTrack"],
    "reductionCandidates": ["official", "criteria", "regime"],
    "structureFindings": ["agency", "code", "severity", "message", "citation"],
}
GS = schema.graphql_schema


def leaf(t):
    while hasattr(t, "of_type"):
        t = t.of_type
    return t


@pytest.mark.parametrize("name", sorted(QUERY_ARGS))
def test_query_and_its_arguments(name):
    field = GS.query_type.fields.get(name)
    assert field is not None, name
    assert set(QUERY_ARGS[name]) <= set(field.args)


@pytest.mark.parametrize("name", MUTATIONS)
def test_mutation_exists_with_typed_errors(name):
    field = GS.mutation_type.fields.get(name)
    assert field is not None, name
    payload = leaf(field.type)
    assert "errors" in payload.fields
    assert {"field", "message", "code"} <= set(leaf(payload.fields["errors"].type).fields)


@pytest.mark.parametrize("name", sorted(TYPE_FIELDS))
def test_result_types_have_the_contract_fields(name):
    t = leaf(GS.query_type.fields[name].type)
    assert set(TYPE_FIELDS[name]) <= set(t.fields), set(TYPE_FIELDS[name]) - set(t.fields)


def test_appointment_action_is_a_graphql_enum():
    enum = GS.get_type("AppointmentAction")
    assert set(enum.values) >= {"RECRUITMENT", "FIRST_APPOINTMENT", "HIGHER_APPOINTMENT", "REAPPOINTMENT",
                                "ROTATION", "TRANSFER"}


def test_no_model_choice_enums_leak_into_the_schema():
    """Enumerations are lowercase strings (CONTRACT §3), the only GraphQL enum is AppointmentAction."""
    from graphql import GraphQLEnumType

    enums = {n for n, t in GS.type_map.items() if isinstance(t, GraphQLEnumType) and not n.startswith("__")}
    assert enums == {"AppointmentAction"}
