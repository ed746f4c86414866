"""GraphiQL is served from this server's static files only (no CDN, works offline)."""
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def _graphiql_html(client):
    resp = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert resp.status_code == 200
    return resp.content.decode()


def test_graphiql_uses_only_local_assets(client):
    html = _graphiql_html(client)
    assert "cdn.jsdelivr" not in html and "unpkg" not in html
    assert not re.findall(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html)
    assert not re.findall(r"https?://", html)
    assets = re.findall(r"""(?:src|href)="(/static/[^"]+)\"""", html)
    assert len(assets) == 10  # icon, 2 stylesheets, 6 vendored scripts, graphene-django's glue
    for url in assets:
        assert finders.find(url.removeprefix("/static/")), url


def test_graphiql_has_the_header_editor(client):
    html = _graphiql_html(client)
    assert "graphiqlHeaderEditorEnabled: true" in html
    assert "graphene_django/graphiql.js" in html


def test_vendored_bundles_reference_no_remote_scripts():
    for path in ("vendor/graphiql/graphiql.min.css", "vendor/graphiql-plugin-explorer/style.css"):
        css = open(finders.find(path), encoding="utf-8").read()
        assert "@import" not in css
        assert not re.findall(r"url\(\s*['\"]?(?:https?:)?//", css)


def test_json_clients_still_get_json(client):
    resp = client.post("/graphql/", data={"query": "{ __typename }"}, content_type="application/json")
    assert resp.status_code == 200
    assert resp.json()["data"]["__typename"] == "Query"
