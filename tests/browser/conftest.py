"""Browser tests: Debian's Chromium driven by Playwright against the demo as users
get it (:mod:`tests.production_stack`: production settings, gunicorn, PostgreSQL,
Redis, the task worker and Varnish in front).

Never downloads a browser: Playwright launches ``/usr/bin/chromium`` (override with
``CHROMIUM``). axe-core comes from ``node_modules`` (``npm ci``). Each visitor gets a
browser context of their own: their own cookies, as in separate browsers.
"""

import base64
import functools
import http.server
import io
import json
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django_otp.oath import totp
from PIL import Image

from tests.production_stack import ADMIN_PASSWORD, DemoTemplate, ProductionStack

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
EXAMPLE = ROOT / "examples" / "headless-client"
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    """Browser tests are marked so; the stock site's come first. The stock site
    needs no stack: with ``--dist loadfile --no-loadscope-reorder`` (``make
    test``) one worker sets it up while the other builds the demo template."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.path.name != "test_stock_site.py")


@pytest.fixture(scope="session")
def example_origin():
    """examples/headless-client/ served by a plain static server on its own port."""
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(EXAMPLE)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, worker_id):
    """The demo every worker's stack starts from, built once in the run."""
    run_folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        run_folder = run_folder.parent  # the workers' folders are in the run's
    return DemoTemplate(run_folder)


@pytest.fixture(scope="session")
def stack(example_origin, demo_template):
    """The production stack of this worker, shared by its browser tests; the
    example headless client's origin may call its API."""
    with ProductionStack(
        template=demo_template,
        KCS_API_CORS_ORIGINS=example_origin,
        KCS_HEADLESS_PREVIEW_URL=f"{example_origin}/index.html",
    ) as running:
        yield running


@pytest.fixture(scope="session")
def demo_site(stack):
    """The demo site's address, through the HTTP cache."""
    return stack.url


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    instance = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )
    yield instance
    instance.close()


class ForeignRequests(list):
    """URLs the page asked for outside the site under test."""


class PolicyViolations(list):
    """What the browser refused under the site's Content-Security-Policy."""


#: How long an action or a navigation may take before a test fails (Playwright's
#: default is 30 s): an admin page with its scripts loaded took longer than that on
#: a CI machine given a fraction of its cores.
PATIENCE_MS = 120_000


def patient(context):
    """``context`` with :data:`PATIENCE_MS` for its actions and navigations."""
    context.set_default_timeout(PATIENCE_MS)
    context.set_default_navigation_timeout(PATIENCE_MS)
    return context


def watched_page(context, site_url: str):
    """A tab that records requests to other hosts and policy violations."""
    patient(context)
    context.add_init_script(path=str(AXE))
    tab = context.new_page()
    tab.foreign_requests = ForeignRequests()
    tab.policy_violations = PolicyViolations()
    host = urlparse(site_url).netloc

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
    return tab


def settle(tab, quiet_ms: int = 1000, at_most: int = 30) -> None:
    """Wait until ``tab`` has asked for nothing new for ``quiet_ms`` after its load
    event: what its scripts load later is asked for by then. Unlike ``networkidle``,
    a request the browser keeps open (or answers slowly on a busy machine) does not
    hold the wait: a request counts when the browser asks for it."""
    tab.wait_for_load_state("load")
    asked = []
    tab.on("request", lambda request: asked.append(request))
    for _ in range(at_most):
        seen = len(asked)
        tab.wait_for_timeout(quiet_ms)
        if len(asked) == seen:
            return


@pytest.fixture
def visitor(browser, stack):
    """``visitor()`` opens a new visitor's phone browser (cookies of their own) on the
    demo site; each is closed after the test, which fails on any policy violation."""
    opened = []

    def open_visitor(**options):
        context = browser.new_context(
            **{"viewport": PHONE, "locale": "th-TH", **options}
        )
        tab = watched_page(context, stack.url)
        opened.append((context, tab))
        return tab

    yield open_visitor
    for context, _ in opened:
        context.close()
    for _, tab in opened:
        assert tab.policy_violations == [], tab.policy_violations


@pytest.fixture
def page(visitor):
    """One visitor's tab on a phone."""
    return visitor()


def dark_share(element) -> float:
    """The share of dark pixels in what the browser painted for ``element``."""
    counts = Image.open(io.BytesIO(element.screenshot())).convert("L").histogram()
    return sum(counts[:128]) / sum(counts)


def sign_in_to_admin(browser, site_url, username, password, authenticator_keys):
    """A desktop browser signed in to the admin of ``site_url``; at the first
    sign-in of a person who needs a second factor, their authenticator is set up from
    the key shown as text, and ``authenticator_keys`` (their phone) keeps it."""
    context = patient(browser.new_context(viewport={"width": 1280, "height": 900}))
    tab = context.new_page()
    tab.goto(f"{site_url}/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", password)
    tab.click("button[type=submit]")
    tab.wait_for_url(lambda url: "/admin/login/" not in url)
    if "/admin/second-factor/" in tab.url:
        shown_key = tab.locator("figcaption code")
        if shown_key.count():
            # A phone scans the QR code: it is painted, about half of it dark.
            assert 0.2 < dark_share(tab.locator(".kcs-second-factor-qr svg")) < 0.8
            authenticator_keys[username] = shown_key.inner_text().replace(" ", "")
        key = base64.b32decode(authenticator_keys[username])
        tab.fill("input[name=code]", f"{totp(key):06d}")
        with tab.expect_navigation():
            tab.click("form.login-form button[type=submit]")
        backup_codes = tab.locator(".kcs-backup-codes code")
        if backup_codes.count():
            assert backup_codes.count() == 8
            tab.click("a.kcs-continue")
    tab.wait_for_url(f"{site_url}/admin/")
    return tab


@pytest.fixture
def staff(browser, stack):
    """``staff(username, password)``: a desktop browser signed in to the admin."""
    authenticator_keys = {}  # what each person's phone app holds
    opened = []

    def sign_in(username="admin", password=ADMIN_PASSWORD):
        tab = sign_in_to_admin(
            browser, stack.url, username, password, authenticator_keys
        )
        opened.append(tab.context)
        return tab

    yield sign_in
    for context in opened:
        context.close()


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
