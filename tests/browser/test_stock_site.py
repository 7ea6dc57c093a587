"""The plugin in a stock Wagtail site, installed from its wheel as the README says
(:mod:`tests.stock_site`): an administrator sets the site up through the admin
actions alone, every public page type of every app renders styled with no server
error, a resident files an e-service request with a photo and follows it up, and a
tipster files a tip with evidence and reads the handler's reply with their code."""

import re
import time
import zipfile

import pytest

from tests.stock_site import ADMIN_PASSWORD, PACKAGES, StockSite

from .conftest import PHONE, sign_in_to_admin, watched_page
from .test_eservice_forms import PHOTO, file_water_request
from .test_tips import MIN_FILL_SECONDS, TIP_PAGE, fill_tip, open_case, send_tip

HANDLER = ("integrity", "stock-handler-password")
PLUGIN_PAGE_TYPES = {
    "DisclosureSectionPage", "ITAIndexPage", "EvidencePage",
    "MeasuresAnnouncementPage", "ServiceIndexPage", "ServicePage",
    "ServiceStatisticsPage", "SatisfactionPage", "TipFormPage", "TipGuidelinePage",
    "TipStatisticsPage",
}  # fmt: skip

# Content an editor writes after the set-up: a measures announcement, and one draft
# of each page type published; then every live page listed as "type url".
PUBLISH_ONE_OF_EACH_AND_LIST = """
import datetime
from wagtail.models import Page
from ita_pages import models as ita
index = ita.ITAIndexPage.objects.get()
section = ita.DisclosureSectionPage.objects.child_of(index).first()
section.add_child(instance=ita.MeasuresAnnouncementPage(
    title="มาตรการส่งเสริมคุณธรรมและความโปร่งใส", slug="measures",
    announcement_number="ขย 71501/1", announcement_date=datetime.date(2025, 1, 10),
    intro="<p>มาตรการ</p>", signer_name="นายทดสอบ ใจดี", signer_position="นายก อบต.",
    fiscal_year=2568, ita_codes="o27", live=False,
)).save_revision()
seen = set()
for page in Page.objects.filter(live=False).specific().order_by("path"):
    if type(page).__name__ in seen:
        continue
    page.save_revision().publish()
    seen.add(type(page).__name__)
for page in Page.objects.live().specific().order_by("path"):
    parts = page.get_url_parts()
    if parts:
        print(type(page).__name__, parts[2])
"""


@pytest.fixture(scope="module")
def stock_site():
    with StockSite() as site:
        yield site


def test_the_wheel_holds_every_file_and_depends_only_on_what_the_apps_need(
    stock_site,
):
    wheel = zipfile.ZipFile(stock_site.wheel)
    names = set(wheel.namelist())
    for package in PACKAGES:
        assert f"{package}/locale/th/LC_MESSAGES/django.mo" in names
        assert f"{package}/migrations/0001_initial.py" in names
        assert any(name.startswith(f"{package}/templates/") for name in names)
    for shipped in (
        "kcs_core/static/kcs_core/css/kcs.css",
        "kcs_core/static/kcs_core/fonts/sarabun-thai-400-normal.woff2",
        "kcs_core/static/kcs_core/altcha/altcha.min.js",
        "ita_pages/data/catalogs/ita-2568.json",
        "tips/static/tips/tips.css",
    ):
        assert shipped in names
    assert not [name for name in names if name.startswith(("tests/", "kcs_wagtail/"))]
    (metadata,) = [name for name in names if name.endswith(".dist-info/METADATA")]
    requires = [
        line for line in wheel.read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist:")
    ]  # fmt: skip
    for optional in (
        "django-ninja",
        "django-storages",
        "redis",
        "gunicorn",
        "wagtail-headless-preview",
    ):
        for line in requires:
            if optional in line:
                assert "extra ==" in line, line


def server_errors(tab) -> list[str]:
    """URLs answered with a 5xx or, for the plugin's static files, any error."""
    failed = []

    def record(response):
        if response.status >= 500 or (
            "/static/" in response.url and response.status >= 400
        ):
            failed.append(f"{response.status} {response.url}")

    tab.on("response", record)
    return failed


def submit(tab, form_selector: str) -> None:
    with tab.expect_navigation():
        tab.locator(f"{form_selector} [type=submit]").first.click()
    assert tab.locator(".error-message, .messages .error").count() == 0, tab.content()


def set_up_through_the_admin(admin, url: str, site_id: int, handler_id) -> None:
    """ITA for a year, a service from a preset (then published), the tip channel
    and its handler: the admin actions a clerk uses, in their order."""
    admin.goto(url + "/admin/ita/setup/")
    admin.select_option("select[name=site]", str(site_id))
    admin.select_option("select[name=year]", "2568")
    submit(admin, "form:has(select[name=year])")

    admin.goto(url + "/admin/e-service/new/")
    admin.select_option("select[name=site]", str(site_id))
    admin.check("input[name=preset][value=water]")
    submit(admin, "form:has(input[name=preset])")
    assert re.search(r"/admin/pages/\d+/edit/", admin.url)
    with admin.expect_navigation():
        admin.locator('button[name="action-publish"]').evaluate("b => b.click()")

    admin.goto(url + "/admin/tip-channel/setup/")
    submit(admin, "form:has(input[name=site])")
    admin.goto(url + "/admin/users/new/")
    username, password = HANDLER
    for field, value in {
        "username": username, "email": "integrity@example.go.th",
        "first_name": "สมใจ", "last_name": "ใจดี",
        "password1": password, "password2": password,
    }.items():  # fmt: skip
        admin.fill(f"input[name={field}]", value)
    submit(admin, "form:has(input[name=password2])")
    admin.goto(f"{url}/admin/tip_handlers/new/?site={site_id}")
    admin.select_option("select[name=user]", str(handler_id()))
    admin.fill("input[name=name]", "นางสาวสมใจ ใจดี")
    admin.fill("input[name=position]", "นิติกร")
    submit(admin, "form:has(select[name=user])")


def assert_styled(tab, url: str) -> None:
    """The plugin's stylesheet is in force on ``url``, with no host stylesheet."""
    border = tab.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--border')"
    )
    assert border.strip() == "#c4ccd4", f"{url} is unstyled"


def test_a_stock_site_is_set_up_in_the_admin_and_serves_residents_and_tipsters(
    stock_site, browser
):
    assert "site-packages" in stock_site.plugin_location()
    url = stock_site.url
    authenticator_keys = {}
    admin = sign_in_to_admin(browser, url, "admin", ADMIN_PASSWORD, authenticator_keys)
    admin_errors = server_errors(admin)
    ((site_id,),) = stock_site.query("SELECT id FROM wagtailcore_site")
    set_up_through_the_admin(
        admin,
        url,
        site_id,
        lambda: stock_site.query(
            "SELECT id FROM auth_user WHERE username = ?", HANDLER[0]
        )[0][0],
    )

    pages = [
        line.split(" ", 1)
        for line in stock_site.manage(
            "shell", "-v0", "-c", PUBLISH_ONE_OF_EACH_AND_LIST
        )
        .strip()
        .splitlines()
    ]
    assert {kind for kind, _ in pages} >= PLUGIN_PAGE_TYPES

    context = browser.new_context(viewport=PHONE, locale="th-TH")
    resident = watched_page(context, url)
    resident_errors = server_errors(resident)
    for kind, address in pages:
        response = resident.goto(url + address)
        assert response.status == 200, f"{kind} {address}: {response.status}"
        if kind in PLUGIN_PAGE_TYPES:
            assert_styled(resident, address)
    index = next(address for kind, address in pages if kind == "ITAIndexPage")
    resident.goto(url + index)
    links = resident.eval_on_selector_all("a", "links => links.map(a => a.pathname)")
    item = next(link for link in links if re.fullmatch(rf"{index}o\d+/", link))
    assert resident.goto(url + item).status == 200
    assert_styled(resident, item)

    receipt = file_water_request(resident, url, "สมศรี")  # with a photo
    resident.goto(url + "/e-service/")
    resident.fill("#id_reference", receipt["reference"])
    resident.fill("#id_secret", receipt["secret"])
    resident.get_by_role("button", name="แสดงสถานะ").click()
    resident.wait_for_selector(".status-badge")

    tipster = watched_page(browser.new_context(viewport=PHONE, locale="th-TH"), url)
    tipster_errors = server_errors(tipster)
    fill_tip(tipster, stock_site, "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต")
    assert_styled(tipster, TIP_PAGE)
    assert not tipster.locator("input[name=website]").is_visible()
    tipster.set_input_files("input[name=evidence]", PHOTO)
    time.sleep(MIN_FILL_SECONDS)
    code = send_tip(tipster, stock_site)

    handler = sign_in_to_admin(browser, url, *HANDLER, authenticator_keys)
    ((tip_id,),) = stock_site.query("SELECT id FROM tips_tip ORDER BY id DESC LIMIT 1")
    handler.goto(f"{url}/admin/tips/{tip_id}/")
    handler.wait_for_selector("text=เรียกรับเงินเพื่อเร่งออกใบอนุญาต")
    assert handler.locator(f"text={PHOTO['name']}").count() == 0  # neutral names
    handler.fill("textarea[name=reply-body]", "รับเรื่องแล้ว กำลังตรวจสอบ")
    handler.locator("form:has(textarea[name=reply-body]) button[type=submit]").click()
    handler.wait_for_selector("text=ส่งคำตอบแล้ว")
    assert "รับเรื่องแล้ว กำลังตรวจสอบ" in open_case(tipster, stock_site, code)

    assert admin_errors == resident_errors == tipster_errors == []
    assert resident.policy_violations == tipster.policy_violations == []
    assert "Traceback" not in stock_site.log()
