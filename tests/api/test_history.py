"""history(kind, code): the audit trail through the API."""
import datetime as dt

import pytest

from orgchart.personnel.models import Official
from orgchart.structure.models import Agency

Q = 'query($k: String!, $c: String!) { history(kind: $k, code: $c) { model action user changes { field old new } } }'


@pytest.fixture
def official(db):
    Agency.objects.create(code="H", name="H", kind="people_committee", level="province")
    return Official.objects.create(code="H1", full_name="Lê Văn Cũ", birth_date=dt.date(1980, 1, 1), gender="male",
                                   staff_type="civil_servant")


def test_changes_show_before_and_after_with_the_author(official, gql, make_token, django_assert_max_num_queries):
    official.full_name = "Lê Văn Mới"
    official.save()
    token = make_token("auditor")
    with django_assert_max_num_queries(8):
        _, body = gql(Q, {"k": "official", "c": "H1"}, token=token)
    entries = body["data"]["history"]
    assert [e["action"] for e in entries] == ["changed", "created"]
    assert {"field": "full_name", "old": "Lê Văn Cũ", "new": "Lê Văn Mới"} in entries[0]["changes"]


def test_history_of_personal_records_needs_a_role(official, gql):
    _, body = gql(Q, {"k": "official", "c": "H1"})
    assert body["data"] is None or body["data"]["history"] is None
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_unknown_kind_and_code(official, gql, make_token):
    token = make_token("auditor")
    _, body = gql(Q, {"k": "planet", "c": "H1"}, token=token)
    assert body["errors"][0]["extensions"]["code"] == "invalid"
    _, body = gql(Q, {"k": "agency", "c": "NOPE"}, token=token)
    assert body["errors"][0]["extensions"]["code"] == "not_found"


def test_a_change_through_the_api_records_user_and_request(db, gql, make_token):
    Agency.objects.create(code="H", name="Sở Cũ", kind="department", level="province")
    token = make_token("restructuring", username="to-chuc")
    _, body = gql('mutation { renameAgency(input: {code: "H", newName: "Sở Mới", effectiveOn: "2020-01-01"}) '
                  '{ errors { code message } } }', token=token)
    assert body["data"]["renameAgency"]["errors"] == [], body
    _, body = gql('{ history(kind: "agency", code: "H") { model action user source changes { field old new } } }',
                  token=token)
    changed = next(e for e in body["data"]["history"] if e["model"] == "agency" and e["action"] == "changed")
    assert changed["user"] == "to-chuc"
    assert changed["source"].startswith("POST /graphql/")
    assert {"field": "name", "old": "Sở Cũ", "new": "Sở Mới"} in changed["changes"]


def test_a_scoped_officer_cannot_read_the_history_of_someone_outside_the_scope(official, gql, make_token):
    other = Agency.objects.create(code="H2", name="H2", kind="people_committee", level="province")
    _, body = gql(Q, {"k": "official", "c": "H1"}, token=make_token("personnel", scope=other))
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
    _, body = gql(Q, {"k": "agency", "c": "H"}, token=make_token("personnel", scope=other))
    assert "errors" not in body  # the structure's history is not personal
