"""The example headless client (examples/headless-client/), served from another
origin than the site, as a phone's browser shows it: it renders one live page of
every page type of the demo from the Wagtail API (title, place, the type's own
content, children) and lets a person move through the site inside the client; an
editor's Preview opens it on the draft of any page type (from the preview token,
while the API still gives the published version); and it files every e-service of
the demo through the plugin's JSON API."""

import datetime
import io
import re
from urllib.parse import quote

import requests
from PIL import Image

from tests.browser.conftest import describe
from tests.eservice_forms.conftest import thai_id

APPS = ("home", "ita_pages", "eservice_forms", "tips", "kcs_core")

# The page types the demo publishes (app_label.modelname), each rendered below.
DEMO_TYPES = {
    "home.homepage",
    "ita_pages.disclosuresectionpage",
    "ita_pages.itaindexpage",
    "ita_pages.evidencepage",
    "ita_pages.measuresannouncementpage",
    "eservice_forms.serviceindexpage",
    "eservice_forms.servicepage",
    "eservice_forms.servicestatisticspage",
    "eservice_forms.satisfactionpage",
    "tips.tipformpage",
    "tips.tipguidelinepage",
    "tips.tipstatisticspage",
    "kcs_core.searchpage",
}

# Besides an evidence page, the types whose drafts the browser test previews.
PREVIEWED_TYPES = {
    "eservice_forms.servicepage",
    "tips.tipformpage",
    "ita_pages.newspage",
}

TAG = re.compile(r"<[^>]+>")


def live_pages(stack) -> list[tuple[int, str, str, str]]:
    """One live Thai page of each page type of the apps under the demo site's root
    page: (id, "app_label.modelname", path under the site root, title)."""
    rows = stack.query(
        """
        SELECT DISTINCT ON (ct.app_label, ct.model)
               p.id, ct.app_label || '.' || ct.model, p.url_path, p.title,
               root.url_path
        FROM wagtailcore_page p
        JOIN django_content_type ct ON ct.id = p.content_type_id
        JOIN wagtailcore_site site ON site.is_default_site
        JOIN wagtailcore_page root ON root.id = site.root_page_id
        WHERE p.live AND p.path LIKE root.path || '%%'
          AND p.locale_id = root.locale_id AND ct.app_label = ANY(%s)
        ORDER BY ct.app_label, ct.model, p.depth, p.path
        """,
        list(APPS),
    )
    return [
        (page_id, page_type, "/" + url_path[len(root_path) :], title)
        for page_id, page_type, url_path, title, root_path in rows
    ]


def api_page(stack, page_id: int) -> dict:
    return requests.get(
        f"{stack.url}/api/v2/pages/{page_id}/?fields=*", timeout=30
    ).json()


def first_text(html: str) -> str:
    """The first paragraph of some rich text, as text."""
    return TAG.sub("", html.split("</p>")[0]).strip()


def children_titles(stack, page_id: int) -> list[str]:
    listing = requests.get(
        f"{stack.url}/api/v2/pages/?child_of={page_id}&fields=title", timeout=30
    ).json()
    return [child["title"] for child in listing["items"]]


def shown(stack, page_type: str, data: dict) -> list[str]:
    """Texts a page of ``page_type`` must show besides its title (its own content,
    not only the frame)."""
    if page_type in ("home.homepage", "ita_pages.disclosuresectionpage"):
        return [first_text(data["intro"]), children_titles(stack, data["id"])[0]]
    if page_type == "ita_pages.itaindexpage":
        first = data["items"][0]
        return [f"{first['code']} {first['title']}"]
    if page_type == "ita_pages.evidencepage":
        rich = [block for block in data["body"] if block["type"] == "rich_text"]
        return [first_text(rich[0]["value"]), data["last_reviewed_be"]["text"]]
    if page_type == "ita_pages.measuresannouncementpage":
        plan = data["improvement_plans"][0]["value"]
        return [
            data["announcement_number"],
            data["announcement_date_be"]["text"],
            plan["heading"],
            data["signatures"][0]["value"]["name"],
        ]
    if page_type == "eservice_forms.serviceindexpage":
        group = data["services_by_kind"][0]
        return [group["kind"], group["services"][0]["title"]]
    if page_type == "eservice_forms.servicepage":
        return [
            data["responsible_division"],
            data["steps"][0]["value"]["step_type"],
            "ยื่นคำร้องออนไลน์",
        ]
    if page_type in (
        "eservice_forms.servicestatisticspage",
        "eservice_forms.satisfactionpage",
    ):
        return [f"ปีงบประมาณ พ.ศ. {data['current_figures']['year']}"]
    if page_type == "tips.tipformpage":
        return [
            data["handlers"][0]["name"],
            data["outside_channels"][0]["name"],
            "แจ้งเบาะแสออนไลน์",
        ]
    if page_type == "tips.tipguidelinepage":
        return [data["steps"][0]["value"]["title"], data["responsible_unit"]]
    if page_type == "tips.tipstatisticspage":
        statistics = data["statistics"]
        return [
            f"ปีงบประมาณ พ.ศ. {statistics['fiscal_year']}",
            statistics["by_category"][0]["label"],
        ]
    if page_type == "kcs_core.searchpage":
        return ["คำค้น"]
    if page_type == "ita_pages.newsindexpage":
        return [
            first_text(data["intro"]),
            data["categories"][0]["label"],
            children_titles(stack, data["id"])[0],
        ]
    if page_type == "ita_pages.newspage":
        return [data["summary"], data["date_be"]["text"], first_text(data["body"])]
    if page_type == "ita_pages.giftregisterpage":
        register = data["current_register"]
        records = register.get("records") or [{}]
        return [f"ปีงบประมาณ พ.ศ. {register['year']}", records[0].get("description", "")]
    # Any other type: at least its introduction.
    return [first_text(data["intro"])] if data.get("intro") else []


def rendered(tab):
    """Wait until the client has rendered its page (title, content, place)."""
    tab.wait_for_selector("#page:not([aria-busy])")


def assert_shows(tab, texts, what):
    content = tab.locator("#page").inner_text()
    for text in texts:
        assert text in content, f"{what}: {text!r} not in\n{content[:3000]}"


def test_the_example_client_renders_every_public_page_type_of_the_demo(
    page, stack, example_origin, axe_violations
):
    pages = live_pages(stack)
    assert {page_type for _, page_type, _, _ in pages} >= DEMO_TYPES
    client = f"{example_origin}/index.html?api={stack.url}"
    checked_with_axe = 0
    for page_id, page_type, path, title in pages:
        page.goto(f"{client}&path={quote(path)}")
        rendered(page)
        assert page.locator("h1").inner_text() == title, page_type
        assert page.locator("html").get_attribute("lang") == "th"
        assert page.title() == title
        assert_shows(page, shown(stack, page_type, api_page(stack, page_id)), path)
        if path != "/":
            assert page.locator("#breadcrumbs").is_visible(), path
        # On a phone nothing is wider than the screen (tables scroll by themselves).
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        if page_type in (
            "home.homepage",
            "ita_pages.itaindexpage",
            "ita_pages.measuresannouncementpage",
            "eservice_forms.servicepage",
            "tips.tipstatisticspage",
        ):
            assert axe_violations(page) == [], describe(axe_violations(page))
            checked_with_axe += 1
    assert checked_with_axe == 5
    # Nothing but the client's own files and the site's API (no third party).
    assert all(
        request.startswith(example_origin) for request in page.foreign_requests
    ), page.foreign_requests

    # A person moves through the site inside the client: from the home page to the
    # ITA index of 2565, to a piece of evidence, and back up by the breadcrumbs.
    page.goto(client)
    rendered(page)
    page.locator("#children").get_by_role(
        "link", name="การเปิดเผยข้อมูลสาธารณะ (ITA)"
    ).click()
    page.wait_for_url(re.compile(r"path=%2Fita%2F"))
    rendered(page)
    assert page.locator("h1").inner_text() == "การเปิดเผยข้อมูลสาธารณะ (ITA)"
    page.locator("#children a").first.click()
    rendered(page)
    assert page.locator("h1").inner_text() == "ITA ประจำปีงบประมาณ พ.ศ. 2565"
    evidence = page.locator('li[data-code="o1"] ul a').first
    evidence_title = evidence.inner_text()
    evidence.click()
    rendered(page)
    assert page.locator("h1").inner_text() == evidence_title
    assert page.url.startswith(example_origin)
    page.locator("#breadcrumbs a").first.click()
    rendered(page)
    home_title = next(title for _, _, path, title in pages if path == "/")
    assert page.locator("h1").inner_text() == home_title  # as another test left it

    # The search page searches the site.
    search = next(path for _, kind, path, _ in pages if kind == "kcs_core.searchpage")
    page.goto(f"{client}&path={quote(search)}")
    rendered(page)
    page.get_by_label("คำค้น").fill("ก่อสร้าง")
    page.get_by_role("button", name="ค้นหา").click()
    page.wait_for_selector("#search-results")
    assert "ขออนุญาตก่อสร้างอาคาร" in page.locator("#search-results").inner_text()

    # A service's page opens its form in the client's form builder.
    page.goto(f"{client}&path=/e-service/water/")
    rendered(page)
    page.get_by_role("link", name="ยื่นคำร้องออนไลน์").click()
    page.wait_for_selector('#fields [name="first_name"]')
    assert page.locator("#form-title").inner_text() == "ขอรับน้ำอุปโภค-บริโภค"
    assert axe_violations(page) == [], describe(axe_violations(page))

    # The same pages in English: the translation of the page at the path.
    page.goto(f"{client}&path=/ita/2565/&lang=en")
    rendered(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "ITA for fiscal year 2022"
    assert "Items to disclose" in page.locator("#page").inner_text()
    page.get_by_role("link", name="ภาษาไทย").click()
    rendered(page)
    assert page.locator("h1").inner_text() == "ITA ประจำปีงบประมาณ พ.ศ. 2565"

    page.goto(f"{client}&path=/no-such-page/")
    rendered(page)
    assert page.locator("h1").inner_text() == "ไม่พบหน้านี้"


def preview_in_client(editor, stack, page_id: int, new_title: str):
    """The editor types a new title into the page's edit view, without saving, opens
    the preview panel (which sends the edited form) and then Preview in a new tab:
    Wagtail sends that tab to the client with a token."""
    editor.goto(f"{stack.url}/admin/pages/{page_id}/edit/")
    editor.fill("#id_title", new_title)
    with editor.expect_response(
        lambda response: (
            response.url.endswith(f"/pages/{page_id}/edit/preview/")
            and response.request.method == "POST"
        )
    ):
        editor.click('[data-side-panel-toggle="preview"]')
    with editor.context.expect_page() as opened:
        editor.click('a[data-w-preview-target="newTab"]')
    draft = opened.value
    rendered(draft)
    return draft


def test_an_editor_previews_a_draft_in_the_example_client(staff, stack, example_origin):
    editor = staff()
    editor.on("dialog", lambda dialog: dialog.accept())  # leave unsaved edits
    # Each edit view opens with its side panels closed (the admin remembers the
    # last one open): opening the preview panel is what sends the edited form.
    editor.context.add_init_script(
        "try { localStorage.removeItem('wagtail:side-panel-open') } catch (e) {}"
    )
    # The editor has opened the front end once: the client remembers its site
    # (Preview opens it with the draft's content_type and token only).
    front = editor.context.new_page()
    front.goto(f"{example_origin}/index.html?api={stack.url}")
    rendered(front)
    front.close()

    pages = live_pages(stack)
    evidence_id, _, evidence_path, old_title = next(
        row for row in pages if row[1] == "ita_pages.evidencepage"
    )
    draft = preview_in_client(editor, stack, evidence_id, "ร่าง: โครงสร้างใหม่ 2566")
    assert draft.url.startswith(f"{example_origin}/index.html?")
    assert "token=" in draft.url and "content_type=" in draft.url
    assert draft.locator("h1").inner_text() == "ร่าง: โครงสร้างใหม่ 2566"
    assert draft.locator("#draft-banner").is_visible()
    assert "ฉบับร่าง (ตัวอย่างก่อนเผยแพร่)" in draft.locator("#draft-banner").inner_text()
    data = api_page(stack, evidence_id)
    assert_shows(draft, shown(stack, "ita_pages.evidencepage", data), "draft")
    # Nothing was published: the API and the client still give the live title.
    assert data["title"] == old_title
    draft.goto(f"{example_origin}/index.html?api={stack.url}&path={evidence_path}")
    rendered(draft)
    assert draft.locator("h1").inner_text() == old_title
    assert draft.locator("#draft-banner").is_hidden()
    draft.close()

    # A page type of each other app previews the same way (the drafts of every
    # type are served alike: tests/kcs_core/test_api_fields.py; the client renders each
    # type: the test above).
    for page_id, page_type, _, _ in pages:
        if page_type not in PREVIEWED_TYPES:
            continue
        new_title = f"ร่าง {page_type} {page_id}"
        draft = preview_in_client(editor, stack, page_id, new_title)
        assert draft.locator("h1").inner_text() == new_title, page_type
        assert draft.locator("#draft-banner").is_visible(), page_type
        live = api_page(stack, page_id)
        assert_shows(draft, shown(stack, page_type, live), page_type)
        draft.close()
        assert api_page(stack, page_id)["title"] != new_title

    # A forged or expired token shows no draft.
    forged = editor.context.new_page()
    forged.goto(
        f"{example_origin}/index.html?content_type=ita_pages.evidencepage&token=id%3D1%3Aforged"
    )
    rendered(forged)
    assert forged.locator("h1").inner_text() == "ไม่พบหน้านี้"
    assert "ไม่พบฉบับร่าง" in forged.locator("#page").inner_text()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "green").save(buffer, "JPEG")
    return buffer.getvalue()


# Answers that must pass a check of their own; the rest are filled by type.
VALID = {"national_id": thai_id(), "phone": "081-234-5678", "email": "a@example.com"}
ALWAYS = {"national_id"}  # asked for by other answers (an applicant who is a person)


def fill_by_schema(tab, schema: dict):
    """Answer every required field (and a few others) by its type in the schema."""
    day = datetime.date.today() + datetime.timedelta(days=30)
    for field in schema["fields"]:
        key, kind = field["key"], field["type"]
        if not (field["required"] or key in ALWAYS or kind == "files"):
            continue
        selector = f'#fields [name="{key}"]'
        if key in VALID:
            tab.locator(selector).fill(VALID[key])
        elif kind in ("text", "textarea"):
            tab.locator(selector).fill(f"ทดสอบ {field['label']}"[:50])
        elif kind == "number":
            tab.locator(selector).fill("3")
        elif kind == "date":
            tab.locator(selector).fill(day.isoformat())
            day += datetime.timedelta(days=3)
        elif kind == "datetime":
            tab.locator(selector).fill(f"{day.isoformat()}T10:00")
        elif kind == "select":
            tab.locator(selector).select_option(field["choices"][0]["value"])
        elif kind == "multiselect":
            tab.locator(selector).select_option([field["choices"][0]["value"]])
        elif kind in ("radio", "checkboxes"):
            tab.locator(f'{selector}[value="{field["choices"][0]["value"]}"]').check()
        elif kind == "checkbox":
            tab.locator(selector).check()
        elif kind == "rows":
            for column in field["columns"]:
                tab.locator(
                    f'#field-{key} tbody tr:first-child [data-column="{column["key"]}"]'
                ).fill("1" if column["numeric"] else "ทดสอบ")
        elif kind == "files":
            tab.set_input_files(
                selector,
                {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
            )
        elif kind in ("tel", "email", "url"):
            tab.locator(selector).fill(VALID.get(kind, "https://example.com/"))


def test_the_example_client_files_every_e_service_of_the_demo(
    page, stack, example_origin
):
    services = requests.get(
        f"{stack.url}/api/eservice/services/?locale=th", timeout=30
    ).json()
    assert len(services) == 5
    for service in services:
        schema = requests.get(service["form_url"], timeout=30).json()
        page.goto(f"{example_origin}/index.html?api={stack.url}&view=forms")
        page.get_by_label("เลือกแบบฟอร์ม").select_option(label=service["title"])
        page.wait_for_selector(f'#fields [name="{schema["fields"][0]["key"]}"]')
        fill_by_schema(page, schema)
        page.get_by_role("button", name="ส่ง").click()
        page.wait_for_selector("#result-reference, #form-errors:not(:empty)")
        errors = page.locator("#form-errors, .error:not(:empty)").all_inner_texts()
        assert page.locator("#result-reference").count(), (service["title"], errors)
        reference = page.locator("#result-reference").inner_text()
        rows = stack.query(
            "SELECT reference FROM eservice_forms_servicerequest"
            " WHERE reference = %s AND page_id = %s",
            reference,
            service["id"],
        )
        assert rows, (service["title"], reference)
