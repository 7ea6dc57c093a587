"""Browser tests: Debian's Chromium driven by Playwright against pytest's live server.

Never downloads a browser: Playwright launches ``/usr/bin/chromium`` (override with
``CHROMIUM``). axe-core comes from ``node_modules`` (``npm ci``).
"""

import json
import os
from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

from django.core.management import call_command

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (fixtures) must still be allowed here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


class ForeignRequests(list):
    """URLs the page asked for outside the site under test."""


class PolicyViolations(list):
    """What the browser refused under the site's Content-Security-Policy."""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="th-TH"
    )
    # axe-core comes in through DevTools, which the page's policy does not govern
    # (an inline <script> would be refused, as it should be).
    context.add_init_script(path=str(AXE))
    tab = context.new_page()
    tab.foreign_requests = ForeignRequests()
    tab.policy_violations = PolicyViolations()
    host = urlparse(live_server.url).netloc

    def record_violation(message):
        if "Content Security Policy" in message.text:
            tab.policy_violations.append(message.text)

    def record(request):
        if urlparse(request.url).netloc not in (
            "",
            host,
        ) and not request.url.startswith("data:"):
            tab.foreign_requests.append(request.url)

    tab.on("request", record)
    tab.on("console", record_violation)
    yield tab
    context.close()
    assert tab.policy_violations == [], tab.policy_violations


@pytest.fixture
def axe_violations():
    """Run axe-core (WCAG 2.1 A and AA rules) on a page; return its violations."""

    def run(tab):
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
        )
        return [
            {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    return run


def describe(violations):
    return json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.fixture
def demo_site(wagtail_tree, live_server, monkeypatch):
    monkeypatch.setenv("KCS_ADMIN_PASSWORD", "browser-test-password")
    call_command("load_demo", stdout=StringIO())
    return live_server.url
