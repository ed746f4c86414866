"""Browser tests: Debian's Chromium driven by Playwright against a live server on the demo
province (orgchart.web.browser.server: its own SQLite file, loaded once per session)."""
import os

import pytest

from orgchart.web import browser

if not browser.available():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Chromium (/usr/bin/chromium) and the playwright package for the browser tests")
    pytest.skip("Chromium or playwright not installed", allow_module_level=True)


@pytest.fixture(scope="session")
def server():
    with browser.server.demo_server() as base:
        yield base


@pytest.fixture(scope="session")
def chromium():
    with browser.chromium() as b:
        yield b


@pytest.fixture
def visit(server, chromium):
    """visit(username=None) → a page (a fresh browser context), logged in when a username is given."""
    contexts = []

    def open_page(username=None):
        ctx = chromium.new_context(viewport=browser.VIEWPORT, locale="vi-VN", accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(20_000)
        if username:
            browser.login(page, server, username, browser.server.PASSWORD)
        return page

    yield open_page
    for ctx in contexts:
        ctx.close()
