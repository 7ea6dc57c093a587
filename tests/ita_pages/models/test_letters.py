"""Letters to community leaders (ita_pages.models.letters): one numbered external
letter per active leader of the site, numbers gap-free per site and calendar year, one
PDF for the batch, the channel recorded, nothing crossing between sites."""

import datetime
import importlib

from django.apps import apps
from django.core.exceptions import ValidationError

from wagtail.models import Page

import pypdfium2
import pytest

from ita_pages.approvals import setup_site_approval
from ita_pages.models import (
    Channel,
    ChannelRecord,
    CommunityLeader,
    ITASettings,
    LetterBatch,
)
from ita_pages.models.letters import Letter, send_letters
from kcs_core.models import SiteSequence
from tests.conftest import set_government_settings, sign_in


def leader(site, name, village, **fields):
    return CommunityLeader.objects.create(
        site=site, name=name, position="village_head", village=village, **fields
    )


def batch(site, announcement, day=datetime.date(2021, 11, 10)):
    return LetterBatch(
        site=site,
        announcement=announcement,
        subject="ขอความอนุเคราะห์ประชาสัมพันธ์มาตรการ",
        body="ด้วยองค์การบริหารส่วนตำบลได้ประกาศมาตรการ\nจึงเรียนมาเพื่อโปรดทราบ",
        sent_on=day,
    )


@pytest.fixture
def leaders(site):
    return [
        leader(site, "นายสมศักดิ์ ใจดี", "หมู่ที่ 1 บ้านโนน"),
        leader(site, "นายเก่ง รักถิ่น", "หมู่ที่ 2 บ้านหนอง"),
        leader(site, "นายเลิก แล้ว", "หมู่ที่ 3 บ้านเก่า", active=False),
    ]


def test_each_active_leader_gets_a_letter_numbered_without_gaps_per_site_and_year(
    site, second_site, home_page, leaders
):
    """Numbered in the register of the calendar year (ระเบียบงานสารบรรณ ข้อ
    43.1.2): from 1 on 1 January, on across 1 October."""
    leader(second_site, "ผู้ใหญ่ที่อื่น", "หมู่ที่ 9")
    first = send_letters(batch(site, home_page))
    assert [(x.number, x.name) for x in first] == [
        (1, "นายสมศักดิ์ ใจดี"),
        (2, "นายเก่ง รักถิ่น"),
    ]
    assert first[0].addressee == "ผู้ใหญ่บ้านหมู่ที่ 1 บ้านโนน"
    second = send_letters(batch(site, home_page))
    assert [x.number for x in second] == [3, 4]
    other_site = send_letters(batch(second_site, second_site.root_page))
    assert [x.number for x in other_site] == [1]
    new_year = send_letters(batch(site, home_page, datetime.date(2022, 1, 4)))
    assert [(x.year, x.number) for x in new_year] == [(2565, 1), (2565, 2)]
    new_fiscal_year = send_letters(batch(site, home_page, datetime.date(2022, 10, 3)))
    assert [(x.year, x.number) for x in new_fiscal_year] == [(2565, 3), (2565, 4)]
    channels = ChannelRecord.objects.filter(site=site, channel=Channel.LETTERS)
    assert channels.count() == 4 and channels.first().announcement_id == home_page.pk


def test_numbering_goes_on_from_the_counters_kept_before_kcs_core_numbering(site):
    """Migration 0012 moves each year's letter counter to kcs_core.numbering's key,
    keeping its value."""
    SiteSequence.objects.create(site=site, key="ita_pages.letter.2565", value=7)
    migration = importlib.import_module(
        "ita_pages.migrations.0012_letter_sequence_keys"
    )
    migration.forwards(apps, schema_editor=None)
    assert SiteSequence.objects.get(site=site).key == "ita_pages.letter:2565"
    migration.backwards(apps, schema_editor=None)
    assert SiteSequence.objects.get(site=site).key == "ita_pages.letter.2565"


def test_the_calendar_register_goes_on_after_the_numbers_given_by_fiscal_year(
    site, home_page, leaders
):
    """Migration 0013: letters numbered by fiscal year (again from 1 on 1 October
    2021) take the calendar year they are dated in, and the register of that year
    goes on after the highest number given in it: no number twice."""
    for day in (datetime.date(2021, 9, 20), datetime.date(2021, 10, 5)):
        letters = batch(site, home_page, day)
        letters.save()
        for number in (41, 42) if day.month == 9 else (1,):
            Letter.objects.create(
                batch=letters, name="ก", addressee="ข", year=0, number=number
            )
    migration = importlib.import_module(
        "ita_pages.migrations.0013_letters_numbered_by_calendar_year"
    )
    migration.calendar_years(apps, schema_editor=None)
    assert set(Letter.objects.values_list("year", flat=True)) == {2564}
    later = send_letters(batch(site, home_page, datetime.date(2021, 11, 10)))
    assert [x.number for x in later] == [43, 44]
    migration.fiscal_years(apps, schema_editor=None)
    years = Letter.objects.order_by("pk").values_list("year", flat=True)
    assert list(years) == [2564, 2564, 2565, 2565, 2565]


def test_an_editor_sends_the_letters_and_prints_them_as_one_pdf(
    client, django_user_model, site, home_page, leaders, site_editor
):
    settings = ITASettings.for_site(site)
    settings.letter_code = "ชย 71501/ว"
    settings.letter_signer_name = "นายสุรัตน์ จันทราตรี"
    settings.letter_signer_position = "ปลัด อบต. รุ่น 2 อบต.กุดชุมแสง"
    settings.save()
    set_government_settings(
        site, name="องค์การบริหารส่วนตำบลกุดชุมแสง", subdistrict="กุดชุมแสง"
    )
    # The permissions an ITA editor gets from setting the site up.
    approval = setup_site_approval(site, roots=[])
    site_editor.groups.first().permissions.add(*approval.editors.permissions.all())
    sign_in(client, site_editor)
    response = client.post(
        "/admin/ita_letters/new/",
        {
            "site": site.pk,
            "announcement": home_page.pk,
            "subject": "ขอความอนุเคราะห์ประชาสัมพันธ์มาตรการ",
            "reference": "",
            "enclosure": "ประกาศมาตรการ จำนวน 1 ฉบับ",
            "body": "ด้วยองค์การบริหารส่วนตำบลได้ประกาศมาตรการ",
            "sent_on_day": "10",
            "sent_on_month": "11",
            "sent_on_year": "2564",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    pdf_url = response["Location"]
    pdf = client.get(pdf_url)
    assert pdf["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(pdf.content)
    assert len(document) == 2  # a page a letter; the leader who left gets none
    first = document[0].get_textpage().get_text_range()
    # Thai numerals by default; only words without า/ำ are compared (see
    # test_procurement's PDF test).
    assert "ที่ ชย ๗๑๕๐๑/ว ๑" in first and "๑๐ พฤศจิก" in first
    assert "นายสมศักดิ์ ใจดี" in first and "เรื่อง" in first
    assert "ปลัด อบต. รุ่น ๒" in first
    # The office's place name is never split across two lines (the narrow office
    # block, the signer's position).
    assert first.count("กุดชุมแสง") == 2, first
    # What was sent is a record: listed with its PDF, never edited or deleted.
    assert f'href="{pdf_url}"' in client.get("/admin/ita_letters/").content.decode()
    batch_id = LetterBatch.objects.get().pk
    for gone in ("edit", "delete"):
        assert client.get(f"/admin/ita_letters/{gone}/{batch_id}/").status_code == 404
    # Staff who may not act for the site cannot print them.
    other = django_user_model.objects.create_user("other", password="pw")
    other.groups.add(approval.editors)  # the permissions, but no page of the site
    sign_in(client, other)
    assert client.get(pdf_url).status_code in (302, 403)


def test_arabic_numerals_when_the_site_prefers_them(client, admin_user, site, leaders):
    settings = ITASettings.for_site(site)
    settings.letter_code = "ชย 71501/ว"
    settings.letter_thai_numerals = False
    settings.save()
    sent = batch(site, site.root_page)
    send_letters(sent)
    sign_in(client, admin_user)
    pdf = client.get(f"/admin/ita/letters/{sent.pk}/pdf/")
    text = pypdfium2.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    assert "ที่ ชย 71501/ว 1" in text and "๑" not in text


def test_letters_are_sent_only_for_an_announcement_of_their_site(
    site, second_site, home_page
):
    outside_every_site = Page.get_first_root_node()
    for foreign in (second_site.root_page, outside_every_site):
        letters = batch(site, foreign)
        with pytest.raises(ValidationError) as refused:
            letters.full_clean()
        assert refused.value.message_dict["announcement"] == ["เลือกประกาศของเว็บไซต์นี้"]


def test_no_letters_go_out_while_the_site_has_no_leader_in_office(site, home_page):
    leader(site, "นายเลิก แล้ว", "หมู่ที่ 3 บ้านเก่า", active=False)
    letters = batch(site, home_page)
    with pytest.raises(ValidationError) as refused:
        letters.full_clean()
    assert refused.value.messages == [
        "เว็บไซต์นี้ยังไม่มีผู้นำชุมชนที่ดำรงตำแหน่งให้ส่งหนังสือถึง กรุณาเพิ่มผู้นำชุมชนที่เมนูผู้นำชุมชนก่อน"
    ]
    leader(site, "นายสมศักดิ์ ใจดี", "หมู่ที่ 1 บ้านโนน")
    letters.full_clean()
    assert str(letters) == "ขอความอนุเคราะห์ประชาสัมพันธ์มาตรการ (10 พ.ย. 2564)"
