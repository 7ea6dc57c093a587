"""The example headless client (examples/headless-client/) in a real browser, served
from another origin than the site: it builds the water request form and the tip form
from their schemas and files both through the JSON API, which allows that origin only
in this test's settings."""

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

from wagtail.models import Locale, Page, Site

import pytest

from eservice_forms.models import ServiceIndexPage, ServiceRequest
from eservice_forms.presets import create_service
from tests.browser.conftest import describe
from tests.conftest import make_home
from tests.eservice_forms.conftest import PRESET, WATER_ANSWERS
from tests.tips.conftest import add_tip_page
from tips.models import Tip

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "headless-client"


@pytest.fixture
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


@pytest.fixture
def api_site(wagtail_tree, settings, tmp_path, example_origin):
    """A Thai site with the water service and a tip page; the example's origin may
    call the API."""
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.KCS_TIPS_MIN_FILL_SECONDS = 0
    settings.CORS_ALLOWED_ORIGINS = [example_origin]
    site = Site.objects.get(is_default_site=True)
    home = make_home(
        Page.get_first_root_node(),
        "home-th",
        "หน้าแรก",
        Locale.objects.get(language_code="th"),
    )
    site.root_page = home
    site.save()
    index = home.add_child(
        instance=ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
    )
    index.save_revision().publish()
    create_service(index, PRESET["water"])
    add_tip_page(home)
    return site


def fill(page, answers):
    """Type each answer into the input the client built for it."""
    for key, value in answers.items():
        inputs = page.locator(f'#fields [name="{key}"]')
        kind = inputs.first.evaluate("node => node.type")
        if kind == "select-one":
            inputs.first.select_option(value)
        elif kind == "radio":
            page.locator(f'#fields [name="{key}"][value="{value}"]').check()
        else:
            inputs.first.fill(value)


def test_the_example_client_files_a_request_and_a_tip(
    page, live_server, api_site, example_origin, axe_violations
):
    assert urlparse(example_origin).netloc != urlparse(live_server.url).netloc
    page.goto(f"{example_origin}/index.html?api={live_server.url}")
    page.get_by_label("เลือกแบบฟอร์ม").select_option(label=PRESET["water"].title)
    page.wait_for_selector('#fields [name="first_name"]')
    assert page.get_by_label("ชื่อ *", exact=True).is_visible()  # Thai labels
    assert axe_violations(page) == [], describe(axe_violations(page))

    fill(page, {**WATER_ANSWERS, "phone": "12345"})
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_selector("#error-phone:not(:empty)")
    assert "หมายเลขโทรศัพท์" in page.locator("#error-phone").inner_text()
    assert page.locator('[name="first_name"]').input_value() == "สมศรี"  # kept
    page.locator('[name="phone"]').fill(WATER_ANSWERS["phone"])
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_selector("#result-reference")
    stored = ServiceRequest.objects.get()
    assert page.locator("#result-reference").inner_text() == stored.reference
    assert page.locator("#result-secret").inner_text()

    page.goto(f"{example_origin}/index.html?api={live_server.url}")
    page.get_by_label("เลือกแบบฟอร์ม").select_option(label="แจ้งเบาะแสการทุจริต")
    page.wait_for_function("document.querySelector('.captcha img')?.naturalWidth > 0")
    page.locator('#fields [name="category"][value="bribery"]').check()
    page.locator('#fields [name="description"]').fill("เรียกรับเงินเพื่อเร่งออกใบอนุญาต")
    page.locator('#fields [name="captcha"]').fill("PASSED")  # captcha test mode
    page.get_by_role("button", name="ส่ง").click()
    page.wait_for_selector("#result-receipt")
    tip = Tip.objects.get()
    assert page.locator("#result-case").inner_text() == tip.case_number
    assert len(page.locator("#result-receipt").inner_text().replace("-", "")) == 20
