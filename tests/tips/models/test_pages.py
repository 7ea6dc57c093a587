"""The page types: tip form (who reads tips, outside channels, captcha), statistics
and guideline, their ITA roles, and the captcha's spoken Thai alternative."""

import datetime
import re
import shutil

from django.utils import timezone

from wagtail.models import get_page_models

import pytest
from captcha.models import CaptchaStore
from freezegun import freeze_time

from kcs_core.captcha import spoken_words
from kcs_core.thai_dates import fiscal_year
from tests.conftest import publish_child
from tests.html import read
from tests.tips.conftest import make_handler, tip_form_data
from tips import services
from tips.models import (
    Status,
    Tip,
    TipCount,
    TipFormPage,
    TipGuidelinePage,
    TipStatisticsPage,
)

pytestmark = pytest.mark.django_db


def test_page_types_declare_their_ita_roles():
    roles = {
        model: model.ita_roles
        for model in get_page_models()
        if getattr(model, "ita_roles", None) and model.__module__.startswith("tips.")
    }
    assert roles == {
        TipFormPage: ("complaint_channel",),
        TipStatisticsPage: ("complaint_statistics",),
        TipGuidelinePage: ("complaint_guideline",),
    }


def test_the_tip_page_names_its_sites_handlers_and_the_outside_agencies(
    client, tip_page, django_user_model, handler, other_site
):
    make_handler(django_user_model, other_site, username="x", name="นายต่างเว็บ")
    html = read(client.get(tip_page.url))
    # The name stays on one line: Thai breaks lines at spaces.
    assert "นางสาวสมใจ ใจดี" in html and "นิติกร" in html
    assert "นายต่างเว็บ" not in html
    for url in (
        "https://www.nacc.go.th/",
        "https://www.pacc.go.th/",
        "https://www.audit.go.th/",
    ):
        assert url in html
    assert "สำนักงาน ป.ป.ช." in html


def captcha_key(html: str) -> str:
    return re.search(r'name="captcha_0" value="(\w+)"', html).group(1)


def test_the_captcha_image_is_served_by_the_tip_page(client, tip_page):
    key = captcha_key(client.get(tip_page.url).content.decode())
    response = client.get(f"{tip_page.url}captcha/{key}/image/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(f"{tip_page.url}captcha/nope/image/").status_code == 410


@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng not installed")
def test_the_captcha_is_spoken_in_thai(client, tip_page):
    html = read(client.get(tip_page.url))
    assert "ฟังตัวเลขเป็นเสียงภาษาไทย" in html
    key = captcha_key(html)
    response = client.get(f"{tip_page.url}captcha/{key}/audio/")
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert response.content[:4] == b"RIFF" and len(response.content) > 10_000


def test_without_speech_the_digits_are_offered_as_thai_words(
    client, tip_page, settings
):
    settings.KCS_TIPS_ESPEAK_PATH = ""  # as on a server without espeak-ng
    html = read(client.get(tip_page.url))
    store = CaptchaStore.objects.get(hashkey=captcha_key(html))
    assert spoken_words(store.challenge) in html
    assert "/audio/" not in html


def test_the_captcha_box_is_described_by_its_instructions_and_its_error(
    client, tip_page
):
    """A screen reader on the answer box hears what to type and, after a wrong
    answer, what was wrong (WCAG 2.1, 3.3.1), not only on entering the group."""

    def answer_box(response) -> str:
        return re.search(r'<input[^>]+name="captcha_1"[^>]*>', read(response)).group()

    empty = answer_box(client.get(tip_page.url))
    assert 'aria-describedby="id_captcha_1_instructions"' in empty
    wrong = client.post(tip_page.url, tip_form_data(client, tip_page, captcha_1="0"))
    described = answer_box(wrong)
    assert 'aria-describedby="id_captcha_1_instructions id_captcha_error"' in described
    assert 'id="id_captcha_error"' in read(wrong)


def test_a_real_captcha_answer_in_thai_digits_is_accepted(client, tip_page):
    key = captcha_key(client.get(tip_page.url).content.decode())
    answer = CaptchaStore.objects.get(hashkey=key).response
    thai = answer.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page, captcha_0=key, captcha_1=thai)
    )
    assert response.status_code == 200
    assert not CaptchaStore.objects.filter(hashkey=key).exists()  # used once


def test_a_reload_of_the_receipt_shows_the_same_code_and_files_nothing(
    client, tip_page
):
    """The receipt is the answer to the form's POST: a reload sends the same form
    again. The tipster gets the same receipt code back, not a second tip, and not
    a form that asks them to send it again."""
    key = captcha_key(client.get(tip_page.url).content.decode())
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = tip_form_data(client, tip_page, captcha_0=key, captcha_1=answer)
    first = client.post(tip_page.url, data)
    reloaded = client.post(tip_page.url, data)
    assert reloaded.status_code == 200
    code = first.context["receipt_code"]
    assert reloaded.context["receipt_code"] == code and code in read(reloaded)
    tip = Tip.objects.get()
    assert reloaded.context["tip"] == tip and tip.events.count() == 1


def test_the_same_ticket_with_other_answers_does_not_get_the_first_receipt(
    client, tip_page
):
    """A sending with the first one's pace ticket and captcha but another account
    got the first tip's receipt code back, and the new account was dropped."""
    key = captcha_key(client.get(tip_page.url).content.decode())
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = tip_form_data(client, tip_page, captcha_0=key, captcha_1=answer)
    first = client.post(tip_page.url, data)
    changed = client.post(tip_page.url, {**data, "description": "อีกเรื่องหนึ่ง"})
    assert changed.status_code == 400
    assert first.context["receipt_code"] not in read(changed)
    assert "แบบฟอร์มนี้ถูกส่งไปแล้วหนึ่งครั้ง" in read(changed)
    assert Tip.objects.count() == 1


def test_a_tip_sent_again_is_told_so_not_that_its_captcha_is_wrong(client, tip_page):
    """Once the first answer is no longer kept (an hour on), a resend of the form
    (its captcha is spent with it) is told the form was sent already, not to
    retype the digits, and files nothing."""
    key = captcha_key(client.get(tip_page.url).content.decode())
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = tip_form_data(client, tip_page, captcha_0=key, captcha_1=answer)
    assert client.post(tip_page.url, data).status_code == 200
    with freeze_time(timezone.now() + datetime.timedelta(hours=2)):
        again = client.post(tip_page.url, data)
    assert again.status_code == 400
    assert "แบบฟอร์มนี้ถูกส่งไปแล้วหนึ่งครั้ง" in read(again)
    assert "ตัวเลขไม่ตรงกับภาพ" not in read(again)
    assert Tip.objects.count() == 1


@pytest.fixture
def statistics_page(home_page):
    return publish_child(
        home_page, TipStatisticsPage(title="สถิติเรื่องร้องเรียน", slug="tip-stats")
    )


def test_statistics_count_by_category_status_and_month_without_content(
    client, statistics_page, make_tip, other_tip_page, handler
):
    first, _ = make_tip(category="procurement")
    make_tip(category="procurement")
    make_tip(page=other_tip_page, category="bribery")  # another site
    services.change_status(first, handler, Status.REFERRED)
    year = fiscal_year(timezone.localdate())
    TipCount.objects.create(
        site=first.site, fiscal_year=year, month=10, category="other",
        status="closed_substantiated", count=4,
    )  # fmt: skip
    html = client.get(statistics_page.url).content.decode()
    assert "เรียกรับเงิน" not in html
    stats = client.get(statistics_page.url).context["figures"]
    by_category = {row["code"]: row["count"] for row in stats["by_category"]}
    assert by_category == {
        "bribery": 0, "procurement": 2, "abuse_of_power": 0,
        "misuse_of_property": 0, "other": 4,
    }  # fmt: skip
    by_status = {row["code"]: row["count"] for row in stats["by_status"]}
    assert by_status["referred"] == 1 and by_status["received"] == 1
    assert stats["total"] == 6
    months = [row["month"] for row in stats["by_month"]]
    assert months[:3] == [10, 11, 12] and months[-1] == 9
    this_month = timezone.localdate().month
    assert {r["month"]: r["count"] for r in stats["by_month"]}[this_month] >= 2
    assert "ตุลาคม" in html


def test_statistics_show_the_year_an_ita_index_asks_for(client, statistics_page):
    """``?year=2565`` (an ITA index of that year links so) shows and selects 2565
    beside the current year; a year out of bounds shows the current one."""
    current = fiscal_year(timezone.localdate())
    response = client.get(statistics_page.url, {"year": "2565"})
    assert response.context["year"] == 2565
    assert response.context["years"] == [current, 2565]
    assert '<option value="2565" selected>' in response.content.decode()
    for wrong in ("2499", str(current + 1), "x"):
        assert (
            client.get(statistics_page.url, {"year": wrong}).context["year"] == current
        )


def test_statistics_render_in_constant_queries(
    client, statistics_page, make_tip, django_assert_max_num_queries
):
    client.get(statistics_page.url)
    for _ in range(20):
        make_tip()
    with django_assert_max_num_queries(20):
        assert client.get(statistics_page.url).status_code == 200


def test_statistics_of_another_year(client, statistics_page, make_tip):
    make_tip()
    year = fiscal_year(timezone.localdate())
    response = client.get(statistics_page.url, {"year": year - 1})
    assert response.context["figures"]["total"] == 0
    assert response.context["year"] == year - 1


def test_the_guideline_page_shows_steps_unit_and_time_frame(
    client, home_page, tip_page
):
    page = home_page.add_child(
        instance=TipGuidelinePage(
            title="คู่มือการจัดการเรื่องร้องเรียน",
            slug="guideline",
            intro="<p>แจ้งผ่านแบบฟอร์มออนไลน์</p>",
            steps=[("step", {"title": "รับเรื่อง", "responsible": "สำนักปลัด",
                             "duration": "ภายใน 7 วัน", "description": ""})],
            responsible_unit="สำนักปลัด",
            time_frame="<p>แจ้งผลภายใน 30 วัน</p>",
            channel_page=tip_page,
        )
    )  # fmt: skip
    page.save_revision().publish()
    html = read(client.get(page.url))
    for text in ("แจ้งผ่านแบบฟอร์มออนไลน์", "รับเรื่อง", "ภายใน 7 วัน", "สำนักปลัด",
                 "แจ้งผลภายใน 30 วัน", f'href="{tip_page.url}"'):  # fmt: skip
        assert text in html, text
