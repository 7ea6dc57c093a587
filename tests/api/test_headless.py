"""The demo read by a headless front end: every page type of the apps gives its fields
in the documented shapes (docs/api.md), and drafts preview in the front end
(kcs_core.preview, wagtail-headless-preview): Preview opens the front end with a token
and ``/api/v2/page_preview/`` serves the draft for that token only; without a front
end for the site, Preview shows the site's own templates."""

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.test import RequestFactory

import wagtail
from wagtail.models import Page, Site, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from freezegun import freeze_time

from ita_pages.models import DisclosureSectionPage, EvidencePage
from kcs_core.preview import HeadlessPreviewable

FRONT_END = "https://app.kudchumsaeng.example/preview/"
APPS = ("ita_pages", "eservice_forms", "tips", "kcs_core", "home")


@pytest.fixture
def demo(demo_for_module, db):
    return demo_for_module


@pytest.fixture
def editor_client(demo, client, django_user_model):
    """Signed in as the demo's administrator."""
    client.force_login(django_user_model.objects.get(username="admin"))
    return client


@pytest.fixture
def front_end(settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONT_END},
        "REDIRECT_ON_PREVIEW": True,
        "ENFORCE_TRAILING_SLASH": False,
    }
    return FRONT_END


def preview_of(page):
    """Where Preview of ``page`` (as it is in memory) sends the editor."""
    request = RequestFactory().get("/admin/", HTTP_HOST="localhost")
    response = page.serve_preview(request, page.default_preview_mode)
    return response


def token_of(response):
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == FRONT_END
    query = parse_qs(location.query)
    return query["content_type"][0], query["token"][0]


def draft(client, content_type, token, **params):
    return client.get(
        "/api/v2/page_preview/",
        {"content_type": content_type, "token": token, "fields": "*", **params},
    )


def test_every_page_type_of_the_apps_previews_its_draft_in_the_front_end(
    demo, front_end, client
):
    pages = [
        page.specific
        for page in Page.objects.filter(depth__gt=1)
        if page.specific_class._meta.app_label in APPS
    ]
    types = {type(page) for page in pages}
    assert len(types) >= 12, types
    assert all(issubclass(model, HeadlessPreviewable) for model in types)
    for model in types:
        page = next(page for page in pages if type(page) is model)
        live_title = page.title
        page.title = f"{live_title} (ฉบับร่าง)"
        content_type, token = token_of(preview_of(page))
        assert content_type == f"{model._meta.app_label}.{model.__name__.lower()}"
        response = draft(client, content_type, token)
        assert response.status_code == 200, (model, response.content[:300])
        body = response.json()
        assert body["title"] == f"{live_title} (ฉบับร่าง)"
        assert body["meta"]["type"] == model._meta.label
        live = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert live["title"] == live_title  # the draft never reaches the pages


def test_a_draft_is_served_only_for_its_own_valid_token(demo, front_end, client):
    page = Site.objects.get(is_default_site=True).root_page.specific
    content_type, token = token_of(preview_of(page))
    assert draft(client, content_type, token).status_code == 200

    assert client.get("/api/v2/page_preview/").status_code == 404
    assert draft(client, content_type, "").status_code == 404
    forged = token.rsplit(":", 1)[0] + ":" + "A" * 27
    assert draft(client, content_type, forged).status_code == 404
    assert draft(client, "tips.tipformpage", token).status_code == 404
    assert draft(client, "nothing", token).status_code == 404
    later = datetime.datetime.now() + datetime.timedelta(days=1, minutes=1)
    with freeze_time(later):
        assert draft(client, content_type, token).status_code == 404


def test_without_a_front_end_preview_shows_the_site_templates(editor_client):
    page = Site.objects.get(is_default_site=True).root_page.specific
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {"title": "หน้าแรก (ฉบับร่าง)", "slug": page.slug, "intro": rich_text("")}
    )
    assert editor_client.post(url, data).json()["is_valid"]
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "หน้าแรก (ฉบับร่าง)" in response.content.decode()


def test_the_admin_preview_redirects_to_the_front_end_with_the_edited_draft(
    front_end, editor_client
):
    page = Site.objects.get(is_default_site=True).root_page.specific
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = nested_form_data(
        {"title": "หน้าแรก (ฉบับร่าง)", "slug": page.slug, "intro": rich_text("")}
    )
    assert editor_client.post(url, data).json()["is_valid"]
    content_type, token = token_of(editor_client.get(url))
    body = draft(editor_client, content_type, token).json()
    assert body["title"] == "หน้าแรก (ฉบับร่าง)"


def test_a_page_not_yet_created_previews_in_the_front_end(front_end, editor_client):
    home = Site.objects.get(is_default_site=True).root_page
    url = f"/admin/pages/add/tips/tipguidelinepage/{home.pk}/preview/"
    data = nested_form_data(
        {
            "title": "ขั้นตอนการแจ้งเบาะแส (ร่าง)",
            "slug": "new-guideline",
            "intro": rich_text(""),
            "steps": streamfield([]),
            "responsible_unit": "สำนักปลัด",
            "time_frame": rich_text("<p>15 วัน</p>"),
        }
    )
    answer = editor_client.post(url, data).json()
    assert answer["is_valid"], answer
    content_type, token = token_of(editor_client.get(url))
    body = draft(editor_client, content_type, token).json()
    assert body["title"] == "ขั้นตอนการแจ้งเบาะแส (ร่าง)"


# --- Every field in a documented shape --------------------------------------------

#: Fields editors fill in that the API gives another way, or keeps private.
NOT_AS_IS = {
    "ita_pages.ITAIndexPage": {
        "assessment_year": "given as assessment_year_number",
        "evidence_links": "given resolved, per item, in items[].evidence",
    },
    "eservice_forms.ServicePage": {
        "to_address": "staff e-mail addresses stay private",
        "from_address": "staff e-mail addresses stay private",
        "subject": "the staff e-mail's subject",
    },
}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def page_types():
    return [
        model
        for model in get_page_models()
        if model._meta.app_label in APPS and not model._meta.abstract
    ]


def edited_fields(panel) -> set[str]:
    """The model fields and child relations a panel tree lets editors fill in."""
    names = {getattr(panel, "field_name", None), getattr(panel, "relation_name", None)}
    for child in getattr(panel, "children", None) or []:
        names |= edited_fields(child)
    return names - {None}


def api_names(model) -> set[str]:
    return {field.name for field in model.api_fields}


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model._meta.label)
def test_every_field_an_editor_fills_in_is_in_the_api(model):
    wagtail_own = {field.name for field in Page._meta.fields}
    missing = edited_fields(model.get_edit_handler()) - wagtail_own - api_names(model)
    assert missing == set(NOT_AS_IS.get(model._meta.label, {})), missing


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model._meta.label)
def test_every_date_in_the_api_has_its_buddhist_era_beside_it(model):
    for name in api_names(model):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.DateField):
            assert f"{name}_be" in api_names(model), name


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model._meta.label)
def test_docs_list_every_api_field_of_every_page_type(model):
    section = re.search(
        rf"^### `{re.escape(model._meta.label)}`\n(.*?)(?=^##)",
        DOCS.read_text(),
        re.S | re.M,
    )
    assert section, f"docs/api.md has no section for {model._meta.label}"
    undocumented = {
        name for name in api_names(model) if f"`{name}`" not in section.group(1)
    }
    assert not undocumented, undocumented


def test_the_demo_pages_read_in_the_documented_shapes(demo, client):
    """Dates in ISO with the BE beside them, StreamField blocks as typed JSON,
    documents with their address, rich text as display HTML on request."""
    measures = client.get(
        "/api/v2/pages/",
        {"type": "ita_pages.MeasuresAnnouncementPage", "fields": "*"},
    ).json()["items"][0]
    date = datetime.date.fromisoformat(measures["announcement_date"])
    assert measures["announcement_date_be"] == {
        "year": date.year + 543,
        "text": f"{date.day} พฤศจิกายน {date.year + 543}",
    }
    assert {block["type"] for block in measures["improvement_plans"]} == {"plan"}
    for block in measures["improvement_plans"]:
        assert set(block) == {"type", "value", "id"}
        assert {"tool", "heading", "rows"} <= set(block["value"])

    english = client.get(  # each page in its own language
        "/api/v2/pages/",
        {
            "type": "ita_pages.MeasuresAnnouncementPage",
            "locale": "en",
            "fields": "announcement_date_be",
        },
    ).json()["items"][0]
    assert english["announcement_date_be"]["text"] == f"{date.day} November {date.year}"

    index = client.get("/api/v2/pages/", {"type": "ita_pages.ITAIndexPage"})
    index = client.get(f"/api/v2/pages/{index.json()['items'][0]['id']}/?fields=*")
    index = index.json()
    evidence = next(e for item in index["items"] for e in item["evidence"])
    published = datetime.date.fromisoformat(evidence["published_on"])
    assert evidence["published_on_be"]["year"] == published.year + 543

    pages = client.get(
        "/api/v2/pages/",
        {"type": "ita_pages.EvidencePage", "fields": "body", "limit": 20},
    ).json()["items"]
    blocks = [block for page in pages for block in page["body"]]
    assert blocks and all(set(block) == {"type", "value", "id"} for block in blocks)
    documents = [
        item["document"]
        for block in blocks
        if block["type"] == "documents"
        for item in block["value"]["documents"]
    ]
    for document in documents:
        assert document["url"].startswith("http")
        assert {"id", "title", "file_extension", "file_size"} <= set(document)


@pytest.mark.skipif(
    wagtail.VERSION < (8,), reason="?rich_text_format= is Wagtail 8's (docs/api.md)"
)
def test_rich_text_comes_as_display_html_on_request(demo, client):
    home = Site.objects.get(is_default_site=True).root_page
    section = DisclosureSectionPage.objects.child_of(home).first()
    page = section.add_child(
        instance=EvidencePage(
            title="ลิงก์",
            slug="link-test",
            body=[
                ("rich_text", f'<p><a linktype="page" id="{home.pk}">หน้าแรก</a></p>')
            ],
        )
    )
    page.save_revision().publish()
    url = f"/api/v2/pages/{page.pk}/"
    stored = client.get(url).json()["body"][0]["value"]
    shown = client.get(url, {"rich_text_format": "html"}).json()["body"][0]["value"]
    assert 'linktype="page"' in stored
    assert shown == '<p><a href="/">หน้าแรก</a></p>'


def test_a_front_end_address_with_a_query_keeps_it(demo, settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {
            "default": "https://app.example/index.html?api=https://a.go.th"
        },
        "REDIRECT_ON_PREVIEW": True,
        "ENFORCE_TRAILING_SLASH": False,
    }
    page = Site.objects.get(is_default_site=True).root_page.specific
    location = preview_of(page)["Location"]
    assert location.startswith("https://app.example/index.html?api=https")
    query = parse_qs(urlparse(location).query)
    assert query["api"] == ["https://a.go.th"]
    assert query["content_type"] == ["home.homepage"] and query["token"]
