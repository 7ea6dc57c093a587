"""The demo read by a headless front end: every page type of the apps gives its fields
in the documented shapes (kcs_core.api_fields, docs/api.md)."""

import datetime
import re
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist
from django.db import models

import wagtail
from wagtail.models import Page, Site

import pytest

from ita_pages.models import DisclosureSectionPage, EvidencePage
from tests.conftest import page_models_of

APPS = ("ita_pages", "eservice_forms", "tips", "kcs_core", "home")


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


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
#: One test of each page type of the apps.
each_page_type = pytest.mark.parametrize(
    "model", page_models_of(APPS), ids=lambda model: model._meta.label
)


def edited_fields(panel) -> set[str]:
    """The model fields and child relations a panel tree lets editors fill in."""
    names = {getattr(panel, "field_name", None), getattr(panel, "relation_name", None)}
    for child in getattr(panel, "children", None) or []:
        names |= edited_fields(child)
    return names - {None}


def api_names(model) -> set[str]:
    return {field.name for field in model.api_fields}


@each_page_type
def test_every_field_an_editor_fills_in_is_in_the_api(model):
    wagtail_own = {field.name for field in Page._meta.fields}
    missing = edited_fields(model.get_edit_handler()) - wagtail_own - api_names(model)
    assert missing == set(NOT_AS_IS.get(model._meta.label, {})), missing


@each_page_type
def test_every_date_in_the_api_has_its_buddhist_era_beside_it(model):
    for name in api_names(model):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.DateField):
            assert f"{name}_be" in api_names(model), name


@each_page_type
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
