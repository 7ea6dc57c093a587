"""``ita_pages.bulk.PageURLs``, the one adapter where Wagtail has no public way:
the URLs of many pages from one ``reverse()`` per site language. It must give what
Wagtail's own ``Page.get_url(request)`` and ``get_full_url(request)`` give, on every
supported Wagtail (CI runs this on 7.4 LTS and 8)."""

from django.test import RequestFactory

from wagtail.models import Page, Site

import pytest

from ita_pages.bulk import PageURLs
from ita_pages.models import DisclosureSectionPage as IntroPage
from tests.conftest import make_home, publish_child


@pytest.fixture
def pages(home_page, english_home, second_site, root_page, thai_locale):
    """Pages of two sites, in Thai and English, a slug in Thai letters, a page at
    the root of a site, and a page outside every site."""
    section = publish_child(home_page, IntroPage(title="ข้อมูล", slug="ทดสอบ"))
    publish_child(section, IntroPage(title="โครงสร้าง", slug="o1"))
    publish_child(english_home, IntroPage(title="About", slug="about"))
    publish_child(second_site.root_page, IntroPage(title="ข่าว", slug="news"))
    make_home(root_page, "orphan", "ไม่มีเว็บไซต์", thai_locale)
    return Page.objects.exclude(depth=1).order_by("path")


@pytest.mark.parametrize("host", ["localhost", "b.example"])
def test_the_urls_are_wagtails_own(pages, host):
    request = RequestFactory().get("/", HTTP_HOST=host)
    urls = PageURLs(Site.get_site_root_paths(), request)
    for page in pages:
        wagtails = (page.get_url(request), page.get_full_url(request))
        assert urls.urls(page.url_path) == wagtails, page.url_path
    assert len(pages) >= 8


def test_without_a_request_every_url_is_full(pages):
    urls = PageURLs(Site.get_site_root_paths())
    for page in pages:
        assert urls.urls(page.url_path) == (page.get_url(), page.get_full_url())
