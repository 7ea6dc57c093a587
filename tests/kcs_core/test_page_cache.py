"""The public page cache: hits for anonymous visitors, fresh after every publish."""

import gzip

from django.core.cache import cache
from django.http import HttpResponse

from wagtail.models import Site

import pytest

from kcs_core.page_cache import invalidate_site, response_is_storable
from kcs_wagtail.home.models import HomePage


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.KCS_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def section(home_page, government_settings):
    """A published page on a site whose settings exist (as on any live site: the
    first read creates the row, which counts as a change)."""
    page = home_page.add_child(instance=HomePage(title="ข้อมูลเก่า", slug="info"))
    page.save_revision().publish()
    return page


def test_second_anonymous_request_is_a_hit(
    client, section, django_assert_max_num_queries
):
    first = client.get("/info/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(2):
        second = client.get("/info/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_publish_is_visible_on_the_next_request(client, section):
    client.get("/info/")
    section.title = "ข้อมูลใหม่"
    section.save_revision().publish()
    response = client.get("/info/")
    assert "ข้อมูลใหม่" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_publishing_another_page_refreshes_menus_too(client, home_page, section):
    client.get("/info/")
    other = home_page.add_child(
        instance=HomePage(title="หมวดใหม่", slug="new", show_in_menus=True)
    )
    other.save_revision().publish()
    assert "หมวดใหม่" in client.get("/info/").content.decode()


def test_unpublish_and_delete_are_visible(client, section):
    client.get("/info/")
    section.unpublish()
    assert client.get("/info/").status_code == 404
    section.save_revision().publish()
    client.get("/info/")
    section.delete()
    assert client.get("/info/").status_code == 404


def test_move_is_visible(client, home_page, section):
    parent = home_page.add_child(instance=HomePage(title="แม่", slug="parent"))
    client.get("/info/")
    section.move(parent, pos="last-child")
    # Wagtail's redirects app now sends the old URL on; the cache must not hide that.
    old = client.get("/info/")
    assert old.status_code == 301 and old["Location"].endswith("/parent/info/")
    assert client.get("/parent/info/").status_code == 200


def test_browsers_that_accept_gzip_get_the_stored_gzip(client, section):
    plain = client.get("/info/")
    assert "Content-Encoding" not in plain
    for _twice in ("miss", "hit"):
        gzipped = client.get("/info/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert gzipped["Content-Encoding"] == "gzip"
        assert gzip.decompress(gzipped.content) == plain.content
        assert len(gzipped.content) < len(plain.content) / 2
    hit = client.get("/info/")
    assert hit["X-Page-Cache"] == "hit" and hit.content == plain.content
    assert "Accept-Encoding" in hit["Vary"] and "Accept-Encoding" in gzipped["Vary"]


def test_a_page_rendered_during_a_publish_is_not_served_after_it(
    client, section, monkeypatch
):
    """The render read the site before the publish: its result must not outlive it."""
    render = HomePage.get_context

    def publish_meanwhile(page, request, *args, **kwargs):
        monkeypatch.setattr(HomePage, "get_context", render)
        invalidate_site(section.get_site().pk)
        return render(page, request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "get_context", publish_meanwhile)
    assert client.get("/info/")["X-Page-Cache"] == "miss"
    assert client.get("/info/")["X-Page-Cache"] == "miss"
    assert client.get("/info/")["X-Page-Cache"] == "hit"


def test_settings_change_is_visible(client, government_settings, section):
    client.get("/info/")
    government_settings.phone = "099-000-0000"
    government_settings.save()
    assert "099-000-0000" in client.get("/info/").content.decode()


def test_logged_in_editors_are_never_served_from_cache(admin_client, client, section):
    client.get("/info/")
    response = admin_client.get("/info/")
    assert "X-Page-Cache" not in response


def storable(**headers):
    response = HttpResponse("x")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response_is_storable(response)


def test_responses_with_form_tokens_or_private_data_are_not_stored():
    assert storable()
    assert not storable(Vary="Accept-Language, Cookie")
    assert not storable(Cache_Control="private, max-age=0")
    assert not storable(Cache_Control="no-cache")
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("csrftoken", "t")
    assert not response_is_storable(with_cookie)
    assert not response_is_storable(HttpResponse("x", status=404))


def test_each_site_keeps_its_own_cache(client, section, root_page, thai_locale):
    from kcs_core.models import GovernmentSettings
    from tests.conftest import make_home

    other_home = make_home(root_page, "other", "หน้าแรกอื่น", thai_locale)
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    settings = GovernmentSettings.for_site(other)
    settings.name = "เทศบาลอื่น"
    settings.save()
    first = client.get("/", HTTP_HOST="localhost").content.decode()
    second = client.get("/", HTTP_HOST="other.example").content.decode()
    assert "เทศบาลอื่น" in second and "เทศบาลอื่น" not in first


def test_cache_switched_off(client, settings, section):
    settings.KCS_PAGE_CACHE_SECONDS = 0
    client.get("/info/")
    assert "X-Page-Cache" not in client.get("/info/")


def test_deleting_a_sites_root_page_deletes_cleanly(client, site, home_page):
    home_page.delete()
    assert not Site.objects.filter(pk=site.pk).exists()
