"""A form refused by the CSRF check (the page was open too long, cookies are blocked)
gets a page in the site's layout and the resident's language that leads back to the
form: status 403, nothing of what was typed shown, nothing kept, and on tip pages the
tipster stays anonymous."""

import logging

from django.contrib.sessions.models import Session
from django.test import Client

import pytest

from eservice_forms.models import ServicePage
from eservice_forms.presets import create_service
from tests.eservice_forms.conftest import PRESET, WATER_ANSWERS, jpeg
from tests.tips.conftest import add_tip_page, tip_form_data

pytestmark = pytest.mark.django_db

TYPED = ("สมศรี", "somsri@example.com", "081-234-5678", "บ่อน้ำแห้ง")


@pytest.fixture
def strict():
    """A browser whose form is stale: it opened the form, then lost its cookies."""
    return Client(enforce_csrf_checks=True)


def send_stale_form(client, url, referer=None, **extra):
    """Open the form at ``url``, lose the cookies, then send the answers."""
    client.get(url)
    client.cookies.clear()
    if referer is not None:
        extra["HTTP_REFERER"] = referer
    return client.post(url, {**WATER_ANSWERS, "photo": jpeg()}, **extra)


def main_of(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_a_stale_form_gets_a_thai_page_in_the_site_layout(
    strict, water, government_settings
):
    response = send_stale_form(strict, water.url, f"http://testserver{water.url}")

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<header class="site-header">' in html
    main = main_of(html)
    assert "<h1>ยังไม่ได้ส่งแบบฟอร์มของท่าน</h1>" in main
    assert "เปิดค้างไว้นานเกินไป" in main and "คุกกี้" in main
    assert f'<a href="{water.url}">เปิดแบบฟอร์มอีกครั้ง</a>' in main
    assert '<a href="/">ไปที่หน้าแรก</a>' in main
    assert "แนบอีกครั้ง" in main  # files are never kept
    assert 'href="tel:044111111"' in main  # the site's own page adds its number
    assert "CSRF" not in html and "Forbidden" not in html
    for typed in TYPED:
        assert typed not in html
    assert "no-store" in response["Cache-Control"]


def test_an_english_form_gets_the_page_in_english(strict, service_index, english_home):
    english_index = service_index.copy_for_translation(english_home.locale)
    english_index.save_revision().publish()
    water = create_service(service_index, PRESET["water"], english_index)
    english = ServicePage.objects.get(
        translation_key=water.translation_key, locale=english_home.locale
    )
    assert english.url.startswith("/en/")

    response = send_stale_form(strict, english.url, f"http://testserver{english.url}")

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="en">' in html
    main = main_of(html)
    assert "<h1>Your form was not sent</h1>" in main
    assert "open too long" in main
    assert f'<a href="{english.url}">Open the form again</a>' in main
    assert '<a href="/en/">Go to the home page</a>' in main


@pytest.mark.parametrize(
    "referer",
    [
        None,
        "http://evil.example/e-service/water/",
        "http://testserver//evil.example/e-service/water/",
        "javascript:alert(1)",
    ],
)
def test_the_way_back_never_leaves_the_site(strict, water, referer):
    html = send_stale_form(strict, water.url, referer).content.decode()
    main = main_of(html)
    assert ">เปิดแบบฟอร์มอีกครั้ง</a>" not in main
    assert "evil.example" not in html and "javascript" not in html
    assert '<a href="/">ไปที่หน้าแรก</a>' in main


def test_the_way_back_drops_the_query_string(strict, water):
    referer = f"http://testserver{water.url}?first_name=สมศรี"
    html = send_stale_form(strict, water.url, referer).content.decode()
    assert f'<a href="{water.url}">เปิดแบบฟอร์มอีกครั้ง</a>' in html
    assert "first_name" not in html and "สมศรี" not in html


def test_a_refused_tip_stays_anonymous(strict, home_page, caplog):
    tip_page = add_tip_page(home_page)
    caplog.set_level(logging.DEBUG)
    data = tip_form_data(strict, tip_page)
    strict.cookies.clear()
    marker_address, marker_agent = "203.0.113.77", "MarkerAgent/9.9"

    response = strict.post(
        tip_page.url,
        data,
        REMOTE_ADDR=marker_address,
        HTTP_USER_AGENT=marker_agent,
        HTTP_REFERER=f"http://testserver{tip_page.url}",
    )

    assert response.status_code == 403
    main = main_of(response.content.decode())
    assert f'<a href="{tip_page.url}">เปิดแบบฟอร์มอีกครั้ง</a>' in main
    assert data["accused"] not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    logged = "\n".join(
        f"{record.getMessage()} {record.__dict__!r} "
        f"{getattr(getattr(record, 'request', None), 'META', '')!r}"
        for record in caplog.records
    )
    assert marker_address not in logged and marker_agent not in logged
    assert data["accused"] not in logged
    assert Session.objects.count() == 0
    assert "sessionid" not in strict.cookies


def test_a_site_without_its_own_page_gets_the_plugins(
    strict, water, settings, tmp_path
):
    """A stock ``wagtail start`` site: its base.html has only a content block."""
    (tmp_path / "base.html").write_text(
        "<!DOCTYPE html><html><body>{% block content %}{% endblock %}</body></html>",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    response = send_stale_form(strict, water.url, f"http://testserver{water.url}")

    assert response.status_code == 403
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html><html><body>")
    assert "<h1>ยังไม่ได้ส่งแบบฟอร์มของท่าน</h1>" in html
    assert f'<a href="{water.url}">เปิดแบบฟอร์มอีกครั้ง</a>' in html
    assert "kcs_core/css/kcs.css" in html
    assert "tel:" not in html  # the demo site's addition is the demo's own
