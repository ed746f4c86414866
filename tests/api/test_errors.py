"""The one mapper from the services' domain errors to the API's typed errors."""
import pytest

from orgchart.api.errors import camel_field, graphql_error, mutation_errors
from orgchart.core.errors import DomainError, DomainErrors


@pytest.mark.parametrize("field, expected", [
    (None, None), ("code", "code"), ("new_parent_code", "newParentCode"), ("parts", "parts"),
    ("parts[1].short_name", "parts[1].shortName"), ("operations[0].effective_on", "operations[0].effectiveOn"),
    ("operations[2]", "operations[2]"), ("operations[0].parts[1].position_codes", "operations[0].parts[1].positionCodes"),
])
def test_camel_field(field, expected):
    assert camel_field(field) == expected


def test_one_and_several_errors_map_in_order():
    one = DomainError("Không tìm thấy", "not_found", "official_code")
    assert mutation_errors(one) == [{"field": "officialCode", "message": "Không tìm thấy", "code": "not_found"}]
    several = DomainErrors([one, DomainError("Sai ngày", "invalid", "start_on")])
    assert [(e["field"], e["code"]) for e in mutation_errors(several)] == [("officialCode", "not_found"),
                                                                           ("startOn", "invalid")]
    assert isinstance(several, DomainError) and several.code == "not_found" and "Sai ngày" in several.message


def test_within_places_a_field_under_a_prefix():
    assert DomainError("x", field="code").within("operations[3]").field == "operations[3].code"
    assert DomainError("x").within("operations[3]").field == "operations[3]"


def test_query_errors_carry_code_and_field():
    e = graphql_error(DomainError("Sai", "invalid", "on_date"))
    assert e.message == "Sai" and e.extensions == {"code": "invalid", "field": "onDate"}
