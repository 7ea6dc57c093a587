"""The base templates: landmarks, skip link, breadcrumbs, footer, Thai error pages."""

import re
from pathlib import Path

from django.test import Client
from django.urls import path

import pytest

from ita_pages.models import DisclosureSectionPage
from tests.html import read


@pytest.fixture
def section(home_page):
    page = home_page.add_child(
        instance=DisclosureSectionPage(
            title="ข้อมูลพื้นฐาน", slug="basic", show_in_menus=True
        )
    )
    child = page.add_child(
        instance=DisclosureSectionPage(title="โครงสร้าง", slug="structure")
    )
    return child


def test_landmarks_skip_link_and_lang(client, government_settings):
    html = read(client.get("/"))
    assert '<html lang="th">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    assert 'name="viewport"' in html


def test_no_external_assets(client, government_settings):
    html = read(client.get("/"))
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assets = [s for s in sources if s.endswith((".css", ".js", ".woff2"))]
    assert assets and all(s.startswith("/") for s in assets)


def test_footer_shows_contacts_from_site_settings(client, government_settings):
    html = read(client.get("/"))
    assert 'href="tel:044111111"' in html
    assert "องค์การบริหารส่วนตำบลทดสอบ" in html


def test_menu_and_breadcrumbs(client, section):
    html = read(client.get("/basic/structure/"))
    assert 'href="/basic/"' in html
    assert 'aria-label="เส้นทางนำทาง"' in html or 'class="breadcrumbs"' in html
    assert '<span aria-current="page">โครงสร้าง</span>' in html


def test_thai_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = read(response)
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert '<html lang="th">' in html


def test_english_404_page(client, english_home):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in read(response)


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", boom)]


def test_thai_500_page(settings, home_page):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "เกิดข้อผิดพลาด" in read(response)


def test_print_stylesheet_and_font_are_shipped():
    from django.contrib.staticfiles import finders

    def read(name):
        return Path(finders.find(name)).read_text(encoding="utf-8")

    assert "@media print" in read("site/css/site.css")
    fonts = read("kcs_core/css/fonts.css")
    assert "sarabun-thai-400-normal.woff2" in fonts
    assert finders.find("kcs_core/fonts/sarabun-thai-400-normal.woff2")
    assert finders.find("kcs_core/fonts/OFL-Sarabun.txt")


def test_share_metadata_on_every_page(client, government_settings, home_page):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    home_page.search_description = "เว็บไซต์ทางการของหน่วยงาน"
    home_page.save_revision().publish()
    government_settings.share_image = Image.objects.create(
        title="share", file=get_test_image_file(size=(1200, 630))
    )
    government_settings.save()

    html = read(client.get("/"))
    assert '<meta property="og:title"' in html
    assert '<meta property="og:description" content="เว็บไซต์ทางการของหน่วยงาน">' in html
    og_image = r'<meta property="og:image" content="http://[^"]+\.(png|jpg)"'
    assert re.search(og_image, html)
