"""Token auth, personal data, limits and error hygiene of /graphql/ (CONTRACT §3; issue 8)."""
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from orgchart.accounts.models import ApiToken
from orgchart.personnel.models import Official

from .conftest import build_tree

PERSONAL = '{ official(code: "%s") { code fullName birthDate retirementDate ratings { year } } }'


@pytest.fixture
def province(db):
    root = build_tree(2, 2)
    return root


def official_in(agency_code):
    return Official.objects.get(code=f"{agency_code}-CV-O")


def test_create_api_token_prints_only_the_token_and_it_authenticates(province, gql):
    out = io.StringIO()
    call_command("create_api_token", "alice", "--role", "auditor", stdout=out)
    token = out.getvalue().strip()
    assert len(token.splitlines()) == 1 and len(token) >= 40
    assert ApiToken.objects.get().digest == ApiToken.hash(token) != token
    status, body = gql(PERSONAL % official_in("T.D000.P00").code, token=token)
    assert status == 200 and body["data"]["official"]["birthDate"] == "1985-03-01"


def test_create_api_token_rejects_an_unknown_scope(province):
    with pytest.raises(CommandError):
        call_command("create_api_token", "bob", "--role", "personnel", "--scope", "NOPE", stdout=io.StringIO())


def test_earlier_tokens_stay_valid_and_revoked_or_expired_ones_get_401(province, gql):
    first, second = io.StringIO(), io.StringIO()
    call_command("create_api_token", "carol", "--role", "admin", stdout=first)
    call_command("create_api_token", "carol", "--role", "admin", stdout=second)
    t1, t2 = first.getvalue().strip(), second.getvalue().strip()
    assert gql("{ agency(code: \"T\") { code } }", token=t1)[0] == 200
    call_command("revoke_api_token", t1, stdout=io.StringIO())
    assert gql("{ agency(code: \"T\") { code } }", token=t1)[0] == 401
    assert gql("{ agency(code: \"T\") { code } }", token=t2)[0] == 200
    ApiToken.objects.filter(digest=ApiToken.hash(t2)).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert gql("{ agency(code: \"T\") { code } }", token=t2)[0] == 401


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic abc", "Bearer "])
def test_a_bad_authorization_header_is_401(province, client, header):
    resp = client.post("/graphql/", '{"query":"{ agency(code: \\"T\\") { code } }"}', content_type="application/json",
                       HTTP_AUTHORIZATION=header)
    assert resp.status_code == 401 and resp.json()["errors"][0]["extensions"]["code"] == "unauthenticated"


def test_anonymous_reads_structure_but_not_personal_data(province, gql):
    code = official_in("T.D000.P00").code
    status, body = gql(PERSONAL % code)
    assert status == 200
    official = body["data"]["official"]
    assert official["code"] == code and official["fullName"] == "Trần Thị Hoa"
    assert official["birthDate"] is None and official["retirementDate"] is None and official["ratings"] is None
    assert {e["extensions"]["code"] for e in body["errors"]} == {"forbidden"}
    status, body = gql('{ agency(code: "T") { children { positions { quota filled holders { code } } } } }')
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
    assert body["data"]["agency"]["children"][0]["positions"][0]["filled"] == 1


def test_scoped_personnel_reads_personal_data_only_inside_the_scope(province, gql, make_token):
    from orgchart.structure.models import Agency

    token = make_token("personnel", scope=Agency.objects.get(code="T.D000"))
    inside, outside = official_in("T.D000.P00").code, official_in("T.D001.P00").code
    _, body = gql(PERSONAL % inside, token=token)
    assert body["data"]["official"]["birthDate"] == "1985-03-01" and "errors" not in body
    _, body = gql(PERSONAL % outside, token=token)
    assert body["data"]["official"]["birthDate"] is None
    assert body["errors"][0]["extensions"]["code"] == "forbidden"
    _, body = gql('{ officials(first: 100) { totalCount edges { node { code } } } }', token=token)
    codes = {e["node"]["code"] for e in body["data"]["officials"]["edges"]}
    assert inside in codes and outside not in codes


def test_auditor_reads_everything(province, gql, make_token):
    _, body = gql(PERSONAL % official_in("T.D001.P01").code, token=make_token("auditor"))
    assert body["data"]["official"]["retirementDate"] == "2045-03-31"  # woman born 1985-03: the 60-year cap and "errors" not in body


def test_a_query_deeper_than_15_is_refused_without_a_5xx(province, gql, make_token):
    deep = '{ agency(code: "T") { ' + "children { " * 20 + "code" + " }" * 20 + " } }"
    status, body = gql(deep, token=make_token("admin"))
    assert 400 <= status < 500 and "depth" in body["errors"][0]["message"]
    ok = '{ agency(code: "T") { ' + "children { " * 13 + "code" + " }" * 13 + " } }"
    status, body = gql(ok)
    assert status == 200 and "errors" not in body


def test_a_too_costly_query_is_refused(province, gql, settings):
    settings.GRAPHQL_MAX_COST = 500
    status, body = gql('{ agencies(first: 1000) { edges { node { code name } } } }')
    assert status == 400 and body["errors"][0]["extensions"]["code"] == "query_too_costly"
    status, body = gql('query($n: Int) { agencies(first: $n) { edges { node { code name } } } }', {"n": 1000})
    assert body["errors"][0]["extensions"]["code"] == "query_too_costly"
    assert gql('{ agencies(first: 10) { edges { node { code } } } }')[0] == 200


@pytest.mark.parametrize("body,content_type", [
    ("{not json", "application/json"),
    ('["a list"]', "application/json"),
    ('{"query": 42}', "application/json"),
    ('{"query": "{ agency(code: \\"T\\") { code } }", "variables": [1]}', "application/json"),
    ('{"query": "{ agency(code: \\"T\\") { code } }", "variables": "{bad"}', "application/json"),
    ("query=x", "text/plain"),
    ("", "application/json"),
    ('{"query": "{ nope }"}', "application/json"),
    ('{"query": "query($d: Date) { agency(code: \\"T\\", onDate: $d) { code } }", "variables": {"d": "2025-13-40"}}',
     "application/json"),
])
def test_malformed_requests_get_4xx_never_5xx(province, client, body, content_type):
    resp = client.post("/graphql/", body, content_type=content_type)
    assert 400 <= resp.status_code < 500, resp.content
    assert b"Traceback" not in resp.content


def test_oversized_body_is_refused(province, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    resp = client.post("/graphql/", json.dumps({"query": "{ agency(code: \"T\") { code } }", "x": "a" * 5000}),
                       content_type="application/json")
    assert resp.status_code == 400


def test_introspection_needs_a_token_when_not_in_debug(province, gql, make_token, settings):
    settings.DEBUG = False
    status, body = gql("{ __schema { queryType { name } } }")
    assert "errors" in body and status == 400
    status, body = gql("{ __schema { queryType { name } } }", token=make_token("auditor"))
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_unexpected_errors_do_not_leak_internals(province, gql, monkeypatch):
    from orgchart.structure import graphql as sgql

    def boom(*a, **k):
        raise RuntimeError("secret connection string postgres://x")

    monkeypatch.setattr(sgql.selectors, "mandates_on", boom)
    status, body = gql('{ agency(code: "T") { mandates { text } } }')
    assert status == 200
    assert body["errors"][0]["extensions"]["code"] == "internal"
    assert "secret" not in json.dumps(body)
