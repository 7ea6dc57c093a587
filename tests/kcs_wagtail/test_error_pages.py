"""The 403, 404 and 500 pages: in the site's layout (skip link, header, main) and the
request's language, each with a way back to the home page of that language; the 500
page without the database, which may be what failed."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import include, path
from django.utils import translation
from django.views.defaults import server_error

from wagtail import urls as wagtail_urls

import pytest

pytestmark = pytest.mark.django_db

THAI = {"lang": "th", "home": "/", "prefix": ""}
ENGLISH = {"lang": "en", "home": "/en/", "prefix": "/en"}


def forbidden(request):
    raise PermissionDenied("reason for the log only")


def boom(request):
    raise RuntimeError("boom")


# As kcs_wagtail.urls: Thai at "/", English at "/en/".
urlpatterns = i18n_patterns(
    path("forbidden/", forbidden),
    path("boom/", boom),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = __name__


def assert_site_layout(html: str, language: dict) -> str:
    """The landmarks of base.html; returns the main content."""
    assert f'<html lang="{language["lang"]}">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<header class="site-header">' in html
    assert '<main id="main" tabindex="-1">' in html
    return html.split('<main id="main" tabindex="-1">', 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize(
    ("language", "heading", "back"),
    [
        (THAI, "ท่านไม่มีสิทธิ์เปิดหน้านี้", "ไปที่หน้าแรก"),
        (ENGLISH, "You cannot open this page", "Go to the home page"),
    ],
)
def test_403_page(
    client, english_home, government_settings, test_urls, language, heading, back
):
    response = client.get(f"{language['prefix']}/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    main = assert_site_layout(html, language)
    assert f"<h1>{heading}</h1>" in main
    assert f'<a href="{language["home"]}">{back}</a>' in main
    assert "reason for the log only" not in html
    assert '<footer class="site-footer">' in html


@pytest.mark.parametrize(
    ("language", "heading", "back"),
    [
        (THAI, "ไม่พบหน้าที่ต้องการ", "ไปที่หน้าแรก"),
        (ENGLISH, "Page not found", "Go to the home page"),
    ],
)
def test_404_page(client, english_home, language, heading, back):
    response = client.get(f"{language['prefix']}/no-such-page/")
    assert response.status_code == 404
    main = assert_site_layout(response.content.decode(), language)
    assert f"<h1>{heading}</h1>" in main
    assert f'<a href="{language["home"]}">{back}</a>' in main


@pytest.mark.parametrize(
    ("language", "heading", "back"),
    [
        (THAI, "เกิดข้อผิดพลาดของระบบ", "ไปที่หน้าแรก"),
        (ENGLISH, "Server error", "Go to the home page"),
    ],
)
def test_500_page(english_home, test_urls, language, heading, back):
    client = Client(raise_request_exception=False)
    response = client.get(f"{language['prefix']}/boom/")
    assert response.status_code == 500
    main = assert_site_layout(response.content.decode(), language)
    assert f"<h1>{heading}</h1>" in main
    assert f'<a href="{language["home"]}">{back}</a>' in main


@pytest.mark.parametrize("language", [THAI, ENGLISH])
def test_500_page_needs_no_database(django_assert_num_queries, language):
    request = RequestFactory().get(f"{language['prefix']}/")
    with translation.override(language["lang"]), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert_site_layout(html, language)
    assert f'href="{language["home"]}"' in html
