"""The measures followed through (ita_pages.models.measures): a published
announcement's steps become tracked items, progress and publication channels are
recorded apart from the approved announcement, and a measures report freezes them
for its period and answers the ``measures_report`` item of its own year."""

import datetime

from django.core.exceptions import ValidationError

import pytest

from ita_pages.models import (
    Channel,
    ChannelRecord,
    MeasuresReportPage,
    MeasureStep,
    ProgressNote,
)
from tests.conftest import sign_in
from tests.html import landmark_names, read
from tests.ita_pages.conftest import add_measures_announcement, make_index, shipped_year

PLAN = {
    "tool": "IIT",
    "heading": "ผลการประเมิน IIT",
    "finding": "คะแนนการใช้ทรัพย์สินต่ำ",
    "rows": [
        {
            "finding": "จัดทำประกาศการใช้ทรัพย์สิน",
            "steps": "1. จัดทำคู่มือ\n2.แจ้งเวียนให้บุคลากรรับทราบ\n\n",
            "responsible": "สำนักปลัด",
            "monitoring": "รายงานผล ณ สิ้นปีงบประมาณ",
        }
    ],
}


@pytest.fixture
def announcement(ita_section):
    page = add_measures_announcement(ita_section, improvement_plans=[("plan", PLAN)])
    page.get_latest_revision().publish()
    return page


def add_report(section, announcement, period="year_end", year=2565, slug="o43"):
    report = section.add_child(
        instance=MeasuresReportPage(
            title=f"รายงานผลการดำเนินการตามมาตรการ {period}",
            slug=slug,
            announcement=announcement,
            period=period,
            fiscal_year=year,
            live=False,
        )
    )
    report.save_revision().publish()
    return report


def test_publishing_an_announcement_tracks_each_step_once(site, announcement):
    steps = list(MeasureStep.objects.filter(announcement=announcement))
    assert [step.text for step in steps] == ["จัดทำคู่มือ", "แจ้งเวียนให้บุคลากรรับทราบ"]
    assert {step.owner for step in steps} == {"สำนักปลัด"}
    assert {step.site for step in steps} == {site}
    announcement.save_revision().publish()
    assert MeasureStep.objects.filter(announcement=announcement).count() == 2


def test_recording_progress_never_touches_the_approved_announcement(announcement):
    revisions = announcement.revisions.count()
    step = MeasureStep.objects.filter(announcement=announcement).first()
    step.status = "done"
    step.save()
    ProgressNote.objects.create(step=step, note="ทำแล้ว")
    announcement.refresh_from_db()
    assert announcement.revisions.count() == revisions
    assert not announcement.has_unpublished_changes


def test_the_reports_show_each_period_and_stay_as_approved(
    client, site, ita_section, announcement
):
    first, second = MeasureStep.objects.filter(announcement=announcement)
    ProgressNote.objects.create(
        step=first, date=datetime.date(2022, 1, 10), note="ทำคู่มือเสร็จ"
    )
    ProgressNote.objects.create(
        step=second, date=datetime.date(2022, 6, 1), note="แจ้งเวียนแล้ว"
    )
    ChannelRecord.objects.create(
        site=site,
        announcement=announcement,
        channel=Channel.NOTICE_BOARD,
        published_on=datetime.date(2021, 11, 9),
    )
    add_report(ita_section, announcement, "six_months", slug="six")
    add_report(ita_section, announcement, "year_end", slug="year")
    six = read(client.get("/ita/six/"))
    assert "ทำคู่มือเสร็จ" in six and "แจ้งเวียนแล้ว" not in six  # after 31 March
    assert "31 มีนาคม 2565" in six
    year = read(client.get("/ita/year/"))
    assert "ทำคู่มือเสร็จ" in year and "แจ้งเวียนแล้ว" in year
    assert "บอร์ดประชาสัมพันธ์" in year and "9 พฤศจิกายน 2564" in year
    assert "จัดทำคู่มือ" in year and "สำนักปลัด" in year
    names = landmark_names(year)
    assert names and len(names) == len(set(names))  # each region its own name
    ProgressNote.objects.create(step=first, date=datetime.date(2022, 7, 1), note="ใหม่")
    assert "ใหม่" not in read(client.get("/ita/year/"))  # frozen until approved again


def test_the_english_report_links_the_english_announcement(
    client, ita_section, announcement, english_home, english_locale
):
    report = add_report(ita_section, announcement)
    english = announcement.copy_for_translation(english_locale, copy_parents=True)
    english.title = "Integrity measures"
    english.save_revision().publish()
    english_report = report.copy_for_translation(english_locale)
    english_report.save_revision().publish()
    page = read(client.get(english_report.url))
    assert f'<a href="{english.url}">Integrity measures</a>' in page


def test_each_years_index_links_its_measures_report_item_to_that_years_report(
    client, site, ita_section, announcement
):
    add_report(ita_section, announcement, year=2565, slug="report-2565")
    make_index(ita_section, shipped_year(site, 2565))
    make_index(ita_section, shipped_year(site, 2568))
    assert client.get("/ita/2565/o43/")["Location"] == "/ita/report-2565/"
    assert client.get("/ita/2568/o28/").status_code == 200  # listed, nothing linked
    add_report(ita_section, announcement, year=2568, slug="report-2568")
    assert client.get("/ita/2568/o28/")["Location"] == "/ita/report-2568/"


def test_a_channel_is_recorded_only_for_an_announcement_of_its_site(
    site, second_site, announcement
):
    record = ChannelRecord(
        site=second_site, announcement=announcement, channel=Channel.WEBSITE
    )
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert "announcement" in refused.value.message_dict


def test_staff_record_progress_in_the_admin_for_their_own_site(
    client, site, announcement, site_editor
):
    from django.contrib.auth.models import Permission

    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(codename__endswith="measurestep")
    )
    sign_in(client, site_editor)
    listing = client.get("/admin/ita_measure_steps/").content.decode()
    assert "จัดทำคู่มือ" in listing
    step = MeasureStep.objects.filter(announcement=announcement).first()
    response = client.post(
        f"/admin/ita_measure_steps/edit/{step.pk}/",
        {
            "owner": "กองคลัง",
            "due_date_day": "30",
            "due_date_month": "9",
            "due_date_year": "2565",
            "status": "in_progress",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-MIN_NUM_FORMS": "0",
            "notes-MAX_NUM_FORMS": "1000",
            # A progress note's date is typed as a Thai date too, inside its inline.
            "notes-0-date_day": "15",
            "notes-0-date_month": "1",
            "notes-0-date_year": "2565",
            "notes-0-note": "ประชุมชี้แจง",
            "notes-0-evidence_url": "",
            "notes-0-document": "",
            "notes-0-ORDER": "1",
            "notes-0-DELETE": "",
            "notes-0-id": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    step.refresh_from_db()
    assert step.owner == "กองคลัง" and step.due_date == datetime.date(2022, 9, 30)
    assert step.notes.get().date == datetime.date(2022, 1, 15)
    edit_form = client.get(f"/admin/ita_measure_steps/edit/{step.pk}/")
    assert 'name="notes-0-date_year" value="2565"' in edit_form.content.decode()


def test_the_report_reads_in_the_api(client, ita_section, announcement):
    step = MeasureStep.objects.filter(announcement=announcement).first()
    ProgressNote.objects.create(step=step, date=datetime.date(2022, 1, 10), note="ทำ")
    add_report(ita_section, announcement, slug="year")
    item = client.get(
        "/api/v2/pages/", {"type": "ita_pages.MeasuresReportPage", "fields": "*"}
    ).json()["items"][0]
    report = item["frozen_report"]
    step_data = report["findings"][0]["steps"][0]
    assert step_data["text"] == "จัดทำคู่มือ" and step_data["status_label"]
    assert step_data["notes"][0]["date_be"]["year"] == 2565
    assert report["until_be"]["text"] == "30 กันยายน 2565"


def test_the_report_groups_the_steps_by_finding(client, ita_section):
    second_row = {**PLAN["rows"][0], "finding": "เปิดช่องทางร้องเรียน", "steps": "ติดป้าย"}
    plan = {**PLAN, "rows": [*PLAN["rows"], second_row]}
    announcement = add_measures_announcement(
        ita_section, improvement_plans=[("plan", plan)]
    )
    announcement.get_latest_revision().publish()
    add_report(ita_section, announcement, slug="year")
    item = client.get(
        "/api/v2/pages/", {"type": "ita_pages.MeasuresReportPage", "fields": "*"}
    ).json()["items"][0]
    findings = item["frozen_report"]["findings"]
    assert [len(finding["steps"]) for finding in findings] == [2, 1]
    assert findings[1]["finding"] == "เปิดช่องทางร้องเรียน"
