"""Every page type of eservice_forms and tips in the Wagtail API v2: listed by
``type``, every ``api_fields`` entry present, and ``locale`` picking the language.
(ita_pages adds its types here once it lands.)"""

import pytest

from eservice_forms.models import (
    SatisfactionPage,
    ServiceIndexPage,
    ServicePage,
    ServiceStatisticsPage,
)
from eservice_forms.presets import create_service
from tests.conftest import publish_child
from tests.eservice_forms.conftest import PRESET
from tips.models import TipFormPage, TipGuidelinePage, TipStatisticsPage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    ServiceIndexPage,
    ServicePage,
    ServiceStatisticsPage,
    SatisfactionPage,
    TipFormPage,
    TipStatisticsPage,
    TipGuidelinePage,
]


def translate(page, locale):
    english = page.copy_for_translation(locale, copy_parents=True)
    english.title = f"{page.title} (English)"
    english.save_revision().publish()
    return english


@pytest.fixture
def every_page_type(service_index, english_home):
    """One live page of each type, in Thai and English: ``{model: (th, en)}``."""
    locale = english_home.locale
    english_index = translate(service_index, locale)
    service = create_service(service_index, PRESET["water"], english_index)
    pages = {
        ServiceIndexPage: (service_index, english_index),
        ServicePage: (service, service.get_translation(locale)),
    }
    for model, parent in [
        (ServiceStatisticsPage, service_index),
        (SatisfactionPage, service_index),
        (TipFormPage, service_index.get_parent()),
        (TipStatisticsPage, service_index.get_parent()),
        (TipGuidelinePage, service_index.get_parent()),
    ]:
        page = publish_child(
            parent, model(title=model._meta.verbose_name, slug=model.__name__.lower())
        )
        pages[model] = (page, translate(page, locale))
    return pages


def field_names(model) -> set[str]:
    return {getattr(field, "name", field) for field in model.api_fields}


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_each_page_type_is_listed_with_its_fields_in_each_language(
    client, every_page_type, model
):
    thai, english = every_page_type[model]
    page_type = f"{model._meta.app_label}.{model.__name__}"
    for language, page in (("th", thai), ("en", english)):
        response = client.get(
            "/api/v2/pages/", {"type": page_type, "locale": language, "fields": "*"}
        )
        assert response.status_code == 200, response.content
        (item,) = response.json()["items"]
        assert item["id"] == page.pk
        assert item["meta"]["locale"] == language
        assert field_names(model) <= set(item), field_names(model) - set(item)


def test_english_service_fields_carry_english_labels(client, every_page_type):
    _thai, english = every_page_type[ServicePage]
    response = client.get(f"/api/v2/pages/{english.pk}/")
    labels = {
        field["clean_name"]: field["label"] for field in response.json()["form_fields"]
    }
    assert labels["first_name"] == "First name"


def in_both_languages(client, pages) -> dict[str, dict]:
    """The API's detail of a page and of its translation, by language code."""
    return {
        page.locale.language_code: client.get(f"/api/v2/pages/{page.pk}/").json()
        for page in pages
    }


def test_what_a_page_computes_is_in_its_own_language(client, every_page_type):
    """The service kinds an index groups by are labels of the code, translated in
    the page's language (kcs_core.wagtail_api), not in the site's default one."""
    details = in_both_languages(client, every_page_type[ServiceIndexPage])
    kinds = {
        lang: data["services_by_kind"][0]["kind"] for lang, data in details.items()
    }
    assert kinds == {"th": "ขอความช่วยเหลือ", "en": "Assistance"}


def test_a_chosen_code_comes_with_its_label_in_the_pages_language(
    client, every_page_type
):
    details = in_both_languages(client, every_page_type[ServicePage])
    units = {lang: data["steps"][0]["value"] for lang, data in details.items()}
    assert units["th"]["duration_unit"] == units["en"]["duration_unit"]
    assert units["th"]["duration_unit_label"] == "วันทำการ"
    assert units["en"]["duration_unit_label"] == "working days"


def test_a_page_is_found_by_its_own_address_in_either_language(client, every_page_type):
    """``find/?html_path=`` takes the ``html_url`` the API gives a page, English
    ones too (Wagtail itself routes every path from the Thai home page); a path
    that leads nowhere is still a 404."""
    thai, english = every_page_type[ServicePage]
    assert english.url.startswith("/en/")
    for page in (thai, english):
        found = client.get("/api/v2/pages/find/", {"html_path": page.url}, follow=True)
        assert found.status_code == 200, page.url
        assert found.json()["id"] == page.pk
        assert found.json()["meta"]["html_url"].endswith(page.url)
    missing = client.get("/api/v2/pages/find/", {"html_path": "/en/no-such-page/"})
    assert missing.status_code == 404
