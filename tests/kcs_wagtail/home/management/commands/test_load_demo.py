"""``load_demo``: the demo site in Thai and English, idempotent, admin printed once."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Locale, Page, Site

import pytest

from kcs_core.models import GovernmentSettings
from kcs_wagtail.home.models import HomePage
from tests.conftest import DEMO_ADMIN_PASSWORD

# The demo's content is the host project's, on the versions make run installs.
pytestmark = pytest.mark.pinned_demo


def load_demo(address=None):
    out = StringIO()
    call_command("load_demo", *(["--address", address] if address else []), stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(loaded_demo, db):
    """What the demo's first load printed (loaded once per test process)."""
    return loaded_demo


def test_demo_builds_a_thai_site_with_english_translation(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "th"
    english = home.get_translation(Locale.objects.get(language_code="en"))
    assert english.slug == "home-en"
    settings = GovernmentSettings.for_site(site)
    assert settings.name == "องค์การบริหารส่วนตำบลกุดชุมแสง"
    assert settings.website_renewal_date is not None
    assert (
        settings.hotline
        and settings.email
        and settings.facebook_url
        and settings.line_url
    )


def test_the_demo_links_to_where_make_run_serves_it(demo):
    assert "served at http://127.0.0.1:8000/" in load_demo("127.0.0.1:8000")
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.full_url == "http://127.0.0.1:8000/"
    assert "served at" not in load_demo("127.0.0.1:8000")  # already there


def test_the_admin_login_is_printed_at_the_address_served(demo):
    get_user_model().objects.filter(username="admin").delete()
    assert "Admin login: http://127.0.0.1:8123/admin/" in load_demo("127.0.0.1:8123")


def test_demo_prints_admin_login_once(demo):
    assert f"username: admin  password: {DEMO_ADMIN_PASSWORD}" in demo
    again = load_demo()
    assert f"password: {DEMO_ADMIN_PASSWORD}" not in again
    assert "exists" in again
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(DEMO_ADMIN_PASSWORD)


def test_demo_twice_duplicates_nothing_and_keeps_edits(demo):
    site = Site.objects.get(is_default_site=True)
    settings = GovernmentSettings.for_site(site)
    settings.phone = "099-999-9999"
    settings.save()
    models = (Page, Locale, GovernmentSettings, get_user_model())
    counts = [model.objects.count() for model in models]

    load_demo()

    assert [model.objects.count() for model in models] == counts
    assert GovernmentSettings.for_site(site).phone == "099-999-9999"
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_thai_at_root_english_under_en(client, demo):
    thai = client.get("/")
    english = client.get("/en/")
    assert thai.status_code == english.status_code == 200
    assert '<html lang="th">' in thai.content.decode()
    assert '<html lang="en">' in english.content.decode()
    english_html = english.content.decode()
    assert "Kud Chum Saeng Subdistrict Administrative Organization" in english_html
    assert "Welcome to the website of Kud Chum Saeng SAO." in english_html


def test_language_switcher_links_page_to_its_translation(client, demo):
    html = client.get("/ita/").content.decode()
    assert 'href="/en/ita/" lang="en"' in html
    english = client.get("/en/ita/").content.decode()
    assert 'href="/ita/" lang="th"' in english
    assert "Public disclosure (ITA)" in english
    # A routable page's sub-route is kept: the follow-up form stays the follow-up.
    for path in ("/tip-off/case/", "/e-service/track/"):
        assert f'href="/en{path}" lang="en"' in client.get(path).content.decode()
        assert f'href="{path}" lang="th"' in client.get(f"/en{path}").content.decode()
    # A page with no English translation leads to the English home page.
    assert 'href="/en/" lang="en"' in client.get("/ita/gifts/").content.decode()


def test_each_app_serves_its_demo_page(client, demo):
    for path, text in [
        ("/ita/", "การเปิดเผยข้อมูลสาธารณะ (ITA)"),
        ("/e-service/", "บริการออนไลน์ (E-Service)"),
        ("/tip-off/", "แจ้งเบาะแสการทุจริต"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode()


def test_participation_and_inquiries_are_answered_from_records(client, demo):
    """By role (qa, opinion_channel, participation, with the index's year) or, for
    2569's O3 which has no role, by the editor's link to the Q&A board."""
    for path, target in (
        ("/ita/2565/o8/", "/ita/qa/"),
        ("/ita/2565/o32/", "/ita/opinions/"),
        ("/ita/2565/o33/", "/ita/participation/?year=2565"),
        ("/ita/2568/O20/", "/ita/participation/?year=2568"),
        ("/ita/2569/O19/", "/ita/participation/?year=2569"),
        ("/ita/2569/O3/", "/ita/qa/"),
    ):
        response = client.get(path)
        assert response.get("Location") == target, (path, response.status_code)
