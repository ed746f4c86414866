"""Shared fixtures: a GraphQL client with tokens per role, and small agency trees."""
import json

import pytest

from orgchart.accounts.models import ApiToken, Membership


@pytest.fixture
def gql(client):
    """gql(query, variables=None, token=None) → (status, json body)."""

    def run(query, variables=None, token=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        resp = client.post(
            "/graphql/", data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json", **headers,
        )
        try:
            body = resp.json()
        except ValueError:
            body = None
        return resp.status_code, body

    return run


@pytest.fixture
def make_token(db, django_user_model):
    """make_token(role, scope=None, username=None) → raw bearer token."""

    def make(role, scope=None, username=None):
        user, _ = django_user_model.objects.get_or_create(username=username or f"u-{role}-{scope.code if scope else 'all'}")
        Membership.objects.update_or_create(user=user, defaults={"role": role, "scope": scope})
        return ApiToken.issue(user)[1]

    return make
