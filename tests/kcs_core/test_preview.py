"""Drafts preview in a headless front end (kcs_core.preview, wagtail-headless-preview):
Preview opens the front end with a token and ``/api/v2/page_preview/`` serves the draft
for that token only; without a front end for the site, Preview shows the site's own
templates."""

import datetime
from urllib.parse import parse_qs, urlparse

from django.test import RequestFactory

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from freezegun import freeze_time

from kcs_core.preview import HeadlessPreviewable

FRONT_END = "https://app.kudchumsaeng.example/preview/"
APPS = ("ita_pages", "eservice_forms", "tips", "kcs_core", "home")


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


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
