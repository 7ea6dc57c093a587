"""What a shared HTTP cache may keep is decided by each response, and a change to a
site purges that site, and only it, through Wagtail's frontend cache."""

from django.test import Client

from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page, Site

import pytest

from kcs_core.cache_control import PERSONAL, SITE_HEADER
from kcs_wagtail.home.models import HomePage
from tests.conftest import make_home, publish_child
from tests.eservice_forms.conftest import WATER_ANSWERS, jpeg, review_then_confirm

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that notes the URLs it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "recording": {"BACKEND": f"{__name__}.RecordingBackend"}
    }
    PURGED.clear()
    return PURGED


@pytest.fixture
def section(home_page):
    return publish_child(home_page, HomePage(title="ข่าวสาร", slug="news"))


@pytest.fixture
def other_site(root_page, thai_locale):
    home = make_home(root_page, "other-home", "อีกแห่ง", thai_locale)
    return Site.objects.create(hostname="other.example", port=80, root_page=home)


def test_a_page_the_same_for_everyone_may_be_kept_by_a_shared_cache(
    client, section, settings
):
    settings.KCS_SHARED_CACHE_SECONDS = 321
    response = client.get("/news/")
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=321"}
    assert response[SITE_HEADER] == "localhost"
    assert not response.cookies


def test_a_form_page_is_personal(client, water):
    response = client.get(water.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == PERSONAL
    assert "csrftoken" in response.cookies
    assert SITE_HEADER not in response


def test_a_page_that_reads_a_visitors_cookie_is_personal_even_without_one(
    client, water
):
    """The confirmation page reads the receipt cookie; a stranger without it gets a
    redirect, which must not be shared either (it depends on the cookie's absence)."""
    response = client.get(water.url + "done/")
    assert response.status_code == 302
    assert response["Cache-Control"] == PERSONAL


def test_a_page_that_shows_what_a_cookie_holds_is_personal(client, water):
    """The confirmation page sets no cookie and has no form: only the receipt
    cookie it reads makes it one resident's page."""
    _review, done = review_then_confirm(
        client, water, WATER_ANSWERS, {"attachments": jpeg()}
    )
    response = client.get(done["Location"])
    assert response.status_code == 200 and "receipt__reference" in response.text
    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"] == PERSONAL


def test_a_post_is_personal(client, section):
    assert client.post("/news/")["Cache-Control"] == PERSONAL


def test_views_that_did_not_opt_in_are_personal(client, db):
    """The captcha image is not a Wagtail page: no list of URLs had to name it."""
    response = client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response["Cache-Control"] == PERSONAL


def test_a_missing_page_may_be_shared(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "s-maxage" in response["Cache-Control"]


def test_publishing_purges_the_pages_site_only(purged, section, other_site):
    purged.clear()
    section.title = "ข่าวสารใหม่"
    section.save_revision().publish()
    assert "http://localhost/" in purged
    assert not [url for url in purged if "other.example" in url]


def test_unpublishing_and_deleting_purge_the_site(purged, section):
    purged.clear()
    section.unpublish()
    assert "http://localhost/" in purged
    purged.clear()
    section.delete()
    assert purged == ["http://localhost/"]


def test_saving_a_draft_purges_nothing_until_it_is_published(purged, section, settings):
    settings.KCS_SITE_PURGE_SUFFIX = "*"  # the site's purges told from Wagtail's
    purged.clear()
    section.title = "ร่าง"
    revision = section.save_revision()
    assert purged == []
    revision.publish()
    assert "http://localhost/*" in purged


def test_moving_a_page_purges_every_site(purged, section, other_site):
    section.move(other_site.root_page, pos="last-child")
    assert set(purged) >= {"http://localhost/", "http://other.example/"}


def test_saving_a_sites_settings_purges_it(purged, government_settings, other_site):
    purged.clear()
    government_settings.phone = "044-222-222"
    government_settings.save()
    assert purged == ["http://localhost/"]


def test_deleting_a_sites_root_purges_that_site(purged, other_site, settings):
    """Whole-site purges carry the suffix a prefix-purging cache needs, so they
    are told apart from the purge of the root page's own URL that Wagtail sends."""
    settings.KCS_SITE_PURGE_SUFFIX = "*"
    purged.clear()
    Page.objects.get(pk=other_site.root_page_id).delete()
    assert "http://other.example/*" in purged
    assert "http://localhost/*" not in purged


def test_signed_in_editors_keep_the_user_bar_and_their_page_is_personal(
    admin_client, section
):
    """Anonymous visitors get a page that does not ask who they are."""
    anonymous = Client().get("/news/")
    assert "wagtail-userbar" not in anonymous.text
    assert "s-maxage" in anonymous["Cache-Control"]
    editor = admin_client.get("/news/")
    assert "wagtail-userbar" in editor.text and editor["Cache-Control"] == PERSONAL
