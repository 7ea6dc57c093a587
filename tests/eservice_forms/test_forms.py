"""The resident's form follows the GOV.UK pattern: an error summary linking each
field, no question the office answers itself, whole numbers, labelled scrolling
tables and 44 px targets."""

import datetime
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils import timezone, translation

import pytest

from eservice_forms.forms import EServiceFormBuilder
from eservice_forms.models import ServiceFormField
from eservice_forms.presets import create_service
from kcs_core.models import GovernmentSettings
from tests.html import read

from .conftest import NEXT_YEAR, PRESET, REVIEW_HEADING, WATER_ANSWERS

pytestmark = pytest.mark.django_db


def review(client, page, **answers):
    data = {**WATER_ANSWERS, **answers, "action": "review"}
    return client.post(page.url, data).content.decode()


def test_errors_are_summarised_at_the_top_with_a_link_to_each_field(client, water):
    html = review(client, water, phone="12345", first_name="", cause="")
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert 'role="alert"' in html and 'tabindex="-1"' in html
    assert "มีข้อผิดพลาด" in summary
    assert '<a href="#id_phone">' in summary and "กรอกหมายเลขโทรศัพท์" in summary
    # Each problem is named by its field: "required" alone would read the same twice.
    assert '<a href="#id_first_name">ชื่อ: กรุณากรอกช่องนี้</a>' in summary
    assert '<a href="#id_cause">สาเหตุ: กรุณากรอกช่องนี้</a>' in summary
    assert html.index("error-summary") < html.index("<h1>")
    assert re.search(r"<title>ข้อผิดพลาด: ขอรับน้ำอุปโภค-บริโภค", html)


def test_a_date_error_links_to_its_day_box(client, water):
    html = review(
        client,
        water,
        requested_delivery_date_day="31",
        requested_delivery_date_month="2",
        requested_delivery_date_year="2569",
    )
    assert '<a href="#id_requested_delivery_date_0">' in html
    assert 'id="id_requested_delivery_date_0"' in html


def test_a_form_without_errors_has_no_summary_and_a_plain_title(client, water):
    html = client.get(water.url).content.decode()
    assert "error-summary" not in html
    assert "<title>ข้อผิดพลาด" not in html


def test_the_filing_date_is_not_asked(client, water, service_index):
    assert "request_date" not in client.get(water.url).content.decode()
    for slug in ("building-permit", "borrow-property", "petition"):
        page = create_service(service_index, PRESET[slug])
        keys = set(page.form_fields.values_list("clean_name", flat=True))
        assert "request_date" not in keys


def test_the_office_area_is_offered_and_can_be_changed(client, water, site):
    GovernmentSettings.objects.update_or_create(
        site=site,
        defaults={
            "subdistrict": "กุดชุมแสง",
            "district": "หนองบัวแดง",
            "province": "ชัยภูมิ",
        },
    )
    html = client.get(water.url).content.decode()
    assert re.search(r'name="addr_subdistrict"[^>]*value="กุดชุมแสง"', html)
    assert re.search(r'name="addr_district"[^>]*value="หนองบัวแดง"', html)
    assert re.search(r'name="addr_province"[^>]*value="ชัยภูมิ"', html)
    # A change of the settings shows at once, cached form or not.
    GovernmentSettings.objects.filter(site=site).update(province="เลย")
    assert re.search(
        r'name="addr_province"[^>]*value="เลย"', client.get(water.url).content.decode()
    )
    elsewhere = review(client, water, addr_province="ขอนแก่น")
    assert "ขอนแก่น" in elsewhere and REVIEW_HEADING in elsewhere


def test_a_phone_number_box_is_a_telephone_input(client, water):
    """A phone's keypad on a phone: one ``type``, ``tel`` (a second one is ignored)."""
    box = re.search(
        r'<input[^>]*name="phone"[^>]*>', client.get(water.url).content.decode()
    )
    assert re.findall(r'\btype="([^"]*)"', box.group(0)) == ["tel"]
    assert 'autocomplete="tel"' in box.group(0)


def test_a_long_answer_that_fitted_in_its_box_is_accepted(client, water):
    """5,000 characters as the browser counts them, line breaks sent as CR LF."""
    lines = "ก\r\n" * 2500
    assert REVIEW_HEADING in review(client, water, reason_detail=lines)


def test_counts_must_be_whole_numbers(client, water):
    html = client.get(water.url).content.decode()
    assert re.search(r'name="household_members"[^>]*step="1"', html)
    refused = review(client, water, household_members="2.5", trips_requested="1.5")
    assert "กรุณากรอกเป็นจำนวนเต็ม ไม่มีจุดทศนิยม เช่น 3" in refused
    assert '<a href="#id_household_members">' in refused
    assert REVIEW_HEADING in review(client, water, household_members="4")


def test_counts_start_at_the_fields_smallest_number(client, water):
    """The water preset's counts of people and trips start at 1 (services.md:
    int ≥1); a whole number that names no minimum starts at 0, never below."""
    html = client.get(water.url).content.decode()
    assert re.search(r'name="trips_requested"[^>]*min="1"', html)
    refused = review(client, water, household_members="-3", trips_requested="0")
    assert refused.count("ค่านี้ต้องมากกว่าหรือเท่ากับ 1") >= 2
    assert 'value="-3"' in refused  # kept, to be corrected
    trips = water.form_fields.get(clean_name="trips_requested")
    trips.min_value = None
    trips.save()
    accepted = review(client, water, trips_requested="0")
    assert REVIEW_HEADING in accepted
    assert "ค่านี้ต้องมากกว่าหรือเท่ากับ 0" in review(client, water, trips_requested="-1")


def test_an_age_past_the_largest_number_is_refused_next_to_it(petition):
    """The petition's age accepts 1 to 120 (its preset's ``min`` and ``max``); the
    resident's answer is refused next to the box, in Thai."""
    form = petition.get_form({"age": "1000000"}, page=petition, user=None)
    assert not form.is_valid()
    assert form.errors["age"] == ["ค่านี้ต้องน้อยกว่าหรือเท่ากับ 120"]
    newborn = petition.get_form({"age": "0"}, page=petition, user=None)
    assert not newborn.is_valid()
    assert newborn.errors["age"] == ["ค่านี้ต้องมากกว่าหรือเท่ากับ 1"]


def test_a_problems_details_need_ten_characters(service_index):
    """services.md: a problem report's details are at least 10 characters; "ดับ"
    (out) tells staff nothing they can act on."""
    report = create_service(service_index, PRESET["report-problem"])
    form = report.get_form({"detail": "ดับ"}, page=report, user=None)
    assert not form.is_valid()
    assert form.errors["detail"] == ["ข้อความนี้ต้องยาวอย่างน้อย 10 ตัวอักษร (ขณะนี้มี 3 ตัวอักษร)"]
    form = report.get_form({"detail": "ไฟถนนดับทั้งซอย"}, page=report, user=None)
    form.is_valid()
    assert "detail" not in form.errors


def test_answers_lose_direction_overrides_and_control_characters(service_index):
    report = create_service(service_index, PRESET["report-problem"])
    typed = {"village": "\u202eหมู่ 3\x1b", "detail": "ไฟดับ\u2066ทั้งซอยตั้งแต่เมื่อวาน"}
    form = report.get_form(typed, page=report, user=None)
    form.is_valid()
    assert form.cleaned_data["village"] == "หมู่ 3"
    assert form.cleaned_data["detail"] == "ไฟดับทั้งซอยตั้งแต่เมื่อวาน"
    loan = create_service(service_index, PRESET["borrow-property"])
    form = loan.get_form({"items_0": "\u202eโต๊ะ", "items_1": "2"}, page=loan, user=None)
    form.is_valid()
    assert form.cleaned_data["items"][0]["name"] == "โต๊ะ"  # a row table's text cell


def test_a_count_in_a_row_table_must_be_whole(service_index):
    loan = create_service(service_index, PRESET["borrow-property"])
    form = loan.get_form({"items_0": "โต๊ะ", "items_1": "2.5"}, page=loan, user=None)
    assert not form.is_valid()
    assert "กรุณากรอกเป็นจำนวนเต็ม ไม่มีจุดทศนิยม เช่น 3" in str(form.errors["items"])


def test_a_refused_cell_is_named_by_its_row_and_column_and_alone_marked(client, borrow):
    answers = {**loan_answers(), "items_1": "-3", "items_4": "เก้าอี้"}
    html = read(client.post(borrow.url, answers))
    assert "แถวที่ 1 “จำนวน”: ค่านี้ต้องมากกว่าหรือเท่ากับ 0" in html
    assert "แถวที่ 2: กรุณากรอก “จำนวน”" in html  # told at once, not after a fix
    table = html.split('<table class="rows-input">')[1].split("</table>")[0]
    inputs = re.findall(r"<input[^>]*>", table)
    marked = [
        re.search(r'name="(\w+)"', tag)[1] for tag in inputs if "aria-invalid" in tag
    ]
    assert marked == ["items_1", "items_5"]
    assert 'value="เก้าอี้"' in table  # what was typed is kept


def test_wide_tables_scroll_in_a_labelled_region(client, water):
    html = client.get(water.url).content.decode()
    regions = re.findall(r'<div class="table-scroll"[^>]*>', html)
    assert regions
    for region in regions:
        assert 'role="region"' in region and 'tabindex="0"' in region
        (label,) = re.findall(r'aria-labelledby="([^"]+)"', region)
        assert f'id="{label}"' in html


def loan_answers(first_day: int = 1, last_day: int = 2) -> dict:
    """A loan of tables from the first to the last day of next January."""
    return {
        "lender_unit": "office", "borrower_name": "สมชาย ใจดี",
        "borrower_address": "1 หมู่ 2", "phone": "0812345678", "purpose": "งานวัด",
        "use_location": "วัด", "use_scope": "offsite",
        "borrow_from_day": str(first_day), "borrow_from_month": "1",
        "borrow_from_year": str(NEXT_YEAR + 543),
        "borrow_until_day": str(last_day), "borrow_until_month": "1",
        "borrow_until_year": str(NEXT_YEAR + 543),
        "items_0": "โต๊ะ", "items_1": "2", "undertaking_accepted": "on",
        "action": "review",
    }  # fmt: skip


def test_a_loan_is_returned_no_earlier_than_it_starts(client, borrow):
    html = client.post(borrow.url, loan_answers(3, 2)).content.decode()
    assert "วันส่งคืนต้องไม่ก่อนวันแรกที่ยืม" in html
    assert '<a href="#id_borrow_until_0">' in html
    # The date's group (day, month, year) is described by its error, for a screen
    # reader entering any of its boxes.
    described = re.search(
        r'<fieldset aria-describedby="([^"]*)">\s*<legend id="id_borrow_until_legend"',
        html,
    )
    assert "id_borrow_until_error" in described[1].split()
    assert 'id="id_borrow_until_error"' in html
    assert (
        REVIEW_HEADING in client.post(borrow.url, loan_answers(3, 3)).content.decode()
    )


def test_a_permit_applicant_gives_the_number_of_their_kind(building_permit):
    """A natural person their national ID, a juristic person its registration
    number: both boxes are optional on the form, one of them is needed."""

    def errors(**answers):
        form = building_permit.get_form(answers, page=building_permit)
        form.is_valid()
        return {key: form.errors.get(key) for key in ("national_id", "juristic_reg_no")}

    assert errors(applicant_type="person") == {
        "national_id": ["กรุณากรอกเลขประจำตัวประชาชน เนื่องจากผู้ขอเป็นบุคคลธรรมดา"],
        "juristic_reg_no": None,
    }
    assert errors(applicant_type="juristic") == {
        "national_id": None,
        "juristic_reg_no": ["กรุณากรอกเลขทะเบียนนิติบุคคล เนื่องจากผู้ขอเป็นนิติบุคคล"],
    }
    assert errors(applicant_type="person", national_id="1101700230708") == {
        "national_id": None,
        "juristic_reg_no": None,
    }


def test_a_day_asked_for_is_not_before_the_filing_day(client, water):
    today = timezone.localdate()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    refused = review(client, water, requested_delivery_date=yesterday)
    assert "กรุณาเลือกวันนี้หรือวันหลังจากนี้" in refused
    assert REVIEW_HEADING in review(
        client, water, requested_delivery_date=today.isoformat()
    )
    delivery = water.form_fields.get(clean_name="requested_delivery_date")
    delivery.not_before_filing_day = False
    delivery.save()
    assert REVIEW_HEADING in review(client, water, requested_delivery_date=yesterday)


def test_the_review_page_labels_its_row_table(client, service_index):
    loan = create_service(service_index, PRESET["borrow-property"])
    html = client.post(loan.url, loan_answers()).content.decode()
    assert REVIEW_HEADING in html
    assert '<dt id="answer-items">' in html
    assert 'role="region" tabindex="0" aria-labelledby="answer-items"' in html


def test_controls_are_at_least_44_px():
    css = Path(finders.find("eservice_forms/eservice_forms.css")).read_text()
    core = Path(finders.find("kcs_core/css/kcs.css")).read_text()
    assert ".error-summary__list a { display: inline-block; min-height: 44px" in core
    for rule in ('input[type="file"] { min-height: 44px', "ul label { display: flex"):
        assert rule in css
    assert '.field > input[type="checkbox"] { width: 44px; height: 44px' in css


def test_a_list_field_is_a_table_whose_inputs_name_their_column_and_row(client, borrow):
    html = client.get(borrow.url).content.decode()
    table = html.split('<table class="rows-input">')[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 5
    labels = re.findall(r'aria-label="([^"]*)"', table)
    columns = ["รายการ", "จำนวน", "หมายเลขครุภัณฑ์", "หมายเหตุ"]
    assert labels == [f"{column} {row}" for row in range(1, 6) for column in columns]


def test_a_decimal_number_is_bounded_like_a_whole_one():
    field = ServiceFormField(label="ค่าใช้จ่าย", field_type="number", required=False)
    field.clean_name = "cost"
    form_class = EServiceFormBuilder([field]).get_form_class()
    assert form_class({"cost": "999999999.5"}).is_valid()
    assert not form_class({"cost": "1e308"}).is_valid()
    assert not form_class({"cost": "-1000000001"}).is_valid()


def test_a_map_position_is_checked_and_written_one_way(service_index):
    """The problem report's pin: latitude and longitude, typed, pasted from a map
    app or in Thai digits; anything else is refused next to the box, in Thai."""
    report = create_service(service_index, PRESET["report-problem"])

    def answer(typed):
        form = report.get_form({"location": typed}, page=report, user=None)
        form.is_valid()
        return form.cleaned_data.get("location"), form.errors.get("location")

    assert answer("14.9707, 102.1020") == ("14.970700, 102.102000", None)
    assert answer("๑๔.๙๗๐๗ ๑๐๒.๑๐๒") == ("14.970700, 102.102000", None)
    assert answer("maps/@14.9707,102.102,17z")[1]  # a zoom is a third number
    assert answer("14.97-102.10") == ("14.970000, 102.100000", None)  # not -102.1
    assert answer("-33.8568, 151.2153") == ("-33.856800, 151.215300", None)
    assert answer("") == ("", None)  # not required
    assert answer("abc") == (
        None,
        ["เขียนตำแหน่งเป็นละติจูด ตามด้วยลองจิจูด หน่วยองศา เช่น 14.9707, 102.1020"],
    )
    assert "ละติจูดต้องอยู่ระหว่าง -90 ถึง 90" in answer("102.1020, 14.9707")[1][0]


def test_a_map_position_offers_the_phone_position_and_a_map_link(client, service_index):
    """The box comes with a "where I am now" button, hidden until the script finds
    the browser can give a position; the answer links to a map for staff."""
    report = create_service(service_index, PRESET["report-problem"])
    html = read(client.get(report.url))
    assert 'data-map-position="id_location" hidden' in html.replace(
        'hidden data-map-position="id_location"',
        'data-map-position="id_location" hidden',
    )
    # Named once, on the button: the help, read without JavaScript too, told
    # everyone to press a button only a script shows.
    assert html.count("ใช้ตำแหน่งที่ฉันอยู่ตอนนี้") == 1
    assert finders.find("eservice_forms/map_position.js")
    assert '<script src="/static/eservice_forms/map_position.js"' in html
    answers = report.describe_answers({"location": "14.970700, 102.102000"})
    pin = next(answer for answer in answers if answer["key"] == "location")
    assert pin["map_url"] == (
        "https://www.openstreetmap.org/?mlat=14.970700&mlon=102.102000"
        "#map=18/14.970700/102.102000"
    )


def autocomplete_of(html: str, key: str) -> str | None:
    """The ``autocomplete`` of the box ``id_<key>`` on a page, or None."""
    tag = re.search(rf'<(?:input|select)[^>]*id="id_{key}"[^>]*>', html).group(0)
    found = re.search(r'autocomplete="([^"]*)"', tag)
    return found.group(1) if found else None


def test_the_residents_own_details_say_what_they_are(
    client, water, building_permit, api
):
    """WCAG 1.3.5: a browser offers the resident's saved name, address, phone and
    e-mail; a question about someone else (the building's owner) asks for none."""
    html = client.get(water.url).content.decode()
    assert autocomplete_of(html, "title") == "honorific-prefix"
    assert autocomplete_of(html, "first_name") == "given-name"
    assert autocomplete_of(html, "last_name") == "family-name"
    assert autocomplete_of(html, "addr_province") == "address-level1"
    assert autocomplete_of(html, "addr_zipcode") == "postal-code"
    assert autocomplete_of(html, "email") == "email"
    assert autocomplete_of(html, "phone") == "tel"
    assert autocomplete_of(html, "household_members") is None
    permit = client.get(building_permit.url).content.decode()
    assert autocomplete_of(permit, "applicant_name") == "name"
    assert autocomplete_of(permit, "building_owner_name") is None
    described = api.get(f"/api/eservice/services/{water.pk}/form/").json()
    by_key = {field["key"]: field.get("autocomplete") for field in described["fields"]}
    assert by_key["first_name"] == "given-name" and by_key["cause"] is None


@pytest.mark.parametrize(("language", "year"), [("th", "off"), ("en", "bday-year")])
def test_a_date_of_birth_offers_its_day_month_and_only_a_christian_era_year(
    water, language, year
):
    """Each box said ``bday``: a browser would put a whole date in the day box,
    and a Christian-era year where a Buddhist-era one is asked for."""
    water.form_fields.create(
        label="วันเกิด", field_type="date", own_detail="bday", clean_name="birth"
    )
    with translation.override(language):
        html = str(water.get_form(page=water, user=None)["birth"])
    boxes = [autocomplete_of(html, f"birth_{part}") for part in range(3)]
    assert boxes == ["bday-day", "bday-month", year]
