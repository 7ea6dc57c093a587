"""The form fields of kcs_core.fields: dates a person types (day, Thai month and
Buddhist-era year in Thai, Gregorian in English; the right date stored, impossible
ones refused with a clear message), and the textarea and plain-text fields."""

import datetime

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.admin.panels import get_edit_handler

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eservice_forms.forms import ReturnForm, latest_date
from eservice_forms.models import ServiceRequest
from eservice_forms.presets import PRESETS, create_service
from ita_pages.models import EvidencePage, MeasuresAnnouncementPage
from kcs_core.api import JSONForm
from kcs_core.fields import PlainTextField, TextareaField, ThaiDateField
from kcs_core.models import GovernmentSettings
from kcs_core.widgets import ThaiDateWidget
from tests.eservice_forms.conftest import (
    A_MONTH_AHEAD,
    NEXT_YEAR,
    WATER_ANSWERS,
    review_then_confirm,
)


class DateForm(forms.Form):
    day = ThaiDateField()
    optional = ThaiDateField(required=False)


def typed(name: str, day, month, year) -> dict:
    """The three boxes of a date as a browser posts them."""
    return {
        f"{name}_day": str(day),
        f"{name}_month": str(month),
        f"{name}_year": str(year),
    }


def shown(bound_field) -> dict:
    """What the form shows in the boxes of a date field, as the browser posts it
    back unchanged."""
    widget = bound_field.field.widget
    context = widget.get_context(bound_field.html_name, bound_field.value(), {})
    data = {}
    for subwidget in context["widget"]["subwidgets"]:
        value = subwidget["value"]
        data[subwidget["name"]] = value[0] if isinstance(value, list) else value
    return data


def cleaned(data, language="th") -> dict:
    """What the form reads from ``data`` posted in ``language`` (it must be valid)."""
    with translation.override(language):
        form = DateForm(data)
        assert form.is_valid(), form.errors
    return form.cleaned_data


def errors(data, language="th") -> list[str]:
    with translation.override(language):
        form = DateForm(data)
        assert not form.is_valid()
        return [str(message) for message in form.errors["day"]]


# The field ---------------------------------------------------------------------------


def test_a_thai_year_is_read_in_the_buddhist_era():
    assert cleaned(typed("day", 10, 12, 2569)) == {
        "day": datetime.date(2026, 12, 10),
        "optional": None,
    }


def test_thai_digits_are_read_too():
    day = cleaned(typed("day", "๑๐", 12, "๒๕๖๙"))["day"]
    assert day == datetime.date(2026, 12, 10)


def test_an_english_year_is_gregorian():
    day = cleaned(typed("day", 10, 12, 2026), "en")["day"]
    assert day == datetime.date(2026, 12, 10)


def test_a_christian_year_on_a_thai_form_is_refused_in_thai():
    example = timezone.localdate().year + 543
    assert errors(typed("day", 10, 12, 2026)) == [f"ปีต้องเป็นปีพุทธศักราช เช่น {example}"]


def test_a_buddhist_year_on_an_english_form_is_refused():
    assert errors(typed("day", 10, 12, 2569), "en") == [
        "The year must be a Christian-era (A.D.) year, for example "
        f"{timezone.localdate().year}."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (typed("day", 31, 2, 2569), "ไม่มีวันที่ 31 กุมภาพันธ์ 2569 กรุณาตรวจสอบวันที่"),
        (typed("day", 29, 2, 2569), "ไม่มีวันที่ 29 กุมภาพันธ์ 2569 กรุณาตรวจสอบวันที่"),
        (typed("day", 31, 4, 2569), "ไม่มีวันที่ 31 เมษายน 2569 กรุณาตรวจสอบวันที่"),
        (typed("day", 0, 4, 2569), "ไม่มีวันที่ 0 เมษายน 2569 กรุณาตรวจสอบวันที่"),
        (typed("day", 1, 1, 99), "กรุณากรอกปีตั้งแต่ 2343 ถึง 2743"),
        (typed("day", 1, 1, 9999), "กรุณากรอกปีตั้งแต่ 2343 ถึง 2743"),
        (typed("day", "", 1, 2569), "กรุณากรอกวัน เดือน และปีให้ครบ"),
        (typed("day", 5, "", 2569), "กรุณากรอกวัน เดือน และปีให้ครบ"),
        (typed("day", "ห้า", 1, 2569), "กรุณากรอกวันและปีเป็นตัวเลข"),
        (typed("day", 5, 13, 2569), "วันที่นี้ไม่ถูกต้อง กรุณาตรวจสอบวัน เดือน และปี"),
        (typed("day", "", "", ""), "กรุณากรอก"),
    ],
)
def test_impossible_dates_are_refused_with_a_clear_thai_message(data, message):
    (error,) = errors(data)
    assert message in error


def test_a_leap_day_is_taken():
    assert cleaned(typed("day", 29, 2, 2567))["day"] == datetime.date(2024, 2, 29)


def test_what_was_typed_is_shown_again_after_an_error():
    with translation.override("th"):
        form = DateForm(typed("day", 31, 2, 2026))
        assert not form.is_valid()
        html = str(form["day"])
    assert 'name="day_day" value="31"' in html
    assert 'name="day_year" value="2026"' in html
    assert '<option value="2" selected>กุมภาพันธ์</option>' in html


def test_the_widget_labels_each_box_in_the_readers_language():
    with translation.override("th"):
        html = str(DateForm(initial={"day": datetime.date(2026, 1, 5)})["day"])
    assert '<label class="kcs-date__label" for="id_day_0">วัน</label>' in html
    assert '<label class="kcs-date__label" for="id_day_1">เดือน</label>' in html
    assert '<label class="kcs-date__label" for="id_day_2">ปี (พ.ศ.)</label>' in html
    assert '<option value="1" selected>มกราคม</option>' in html
    assert 'value="2569"' in html and 'type="date"' not in html
    with translation.override("en"):
        html = str(DateForm(initial={"day": datetime.date(2026, 1, 5)})["day"])
    assert '<option value="1" selected>January</option>' in html
    assert 'value="2026"' in html and ">Year</label>" in html


def test_an_iso_date_is_read_in_any_language():
    for language in ("th", "en"):
        day = cleaned({"day": "2026-01-05"}, language)["day"]
        assert day == datetime.date(2026, 1, 5)
    assert errors({"day": "2900-01-05"}) == ["ปีของวันที่ต้องอยู่ระหว่าง ค.ศ. 1800 ถึง 2200"]


@pytest.mark.parametrize(
    ("iso", "boxes"),
    [("2027-02-30", (30, 2, 2570)), ("2026-04-31", (31, 4, 2569))],
)
@pytest.mark.parametrize("language", ["th", "en"])
def test_an_iso_date_that_does_not_exist_gets_the_message_of_the_boxes(
    iso, boxes, language
):
    """The JSON API and the page refuse the same date with the same words (before,
    the API's was Django's "Enter a valid date", in Thai กรุณาใส่วัน)."""
    day, month, year = boxes
    year = year if language == "th" else year - 543
    assert errors({"day": iso}, language) == errors(
        typed("day", day, month, year), language
    )


def test_a_buddhist_year_in_an_iso_date_is_named_as_such():
    """An ISO year is Christian-era in every language: 2569 is the Thai year a
    front end forgot to convert, not a year out of range."""
    this_year = timezone.localdate().year
    (error,) = errors({"day": "2569-01-05"})
    assert error == f"ปีต้องเป็นปีคริสต์ศักราช (ค.ศ.) เช่น {this_year}"


@pytest.mark.parametrize("text", ["5/1/2569", "2026-1-5", "20260105", "๒๐๒๖-๐๑-๐๕"])
def test_a_date_in_another_shape_is_refused_with_the_shape_to_use(text):
    (error,) = errors({"day": text})
    assert error.startswith("กรุณาเขียนวันที่เป็น ปี-เดือน-วัน โดยใช้ปีคริสต์ศักราช")


# Round trips -------------------------------------------------------------------------

LANGUAGES = st.sampled_from(["th", "en"])


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(datetime.date(1857, 1, 1), datetime.date(2157, 12, 31)),
    language=LANGUAGES,
)
def test_any_date_round_trips_through_the_widget(day, language):
    """2400–2700 BE: what the boxes show is read back as the same date."""
    with translation.override(language):
        form = DateForm(initial={"day": day})
        data = shown(form["day"])
        expected_year = day.year + 543 if language == "th" else day.year
        assert data["day_year"] == str(expected_year)
        widget = ThaiDateWidget()
        assert widget.decompress(day) == [
            data["day_day"],
            data["day_month"],
            data["day_year"],
        ]
        bound = DateForm(data)
        assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["day"] == day


def date_fields(form) -> list[str]:
    return [
        name for name, field in form.fields.items() if isinstance(field, ThaiDateField)
    ]


def round_trip(form_class, day, **kwargs):
    """Every date field of ``form_class``, set to ``day``, shown and posted back."""
    initial = dict.fromkeys(date_fields(form_class(**kwargs)), day)
    data = {}
    shown_form = form_class(initial=initial, **kwargs)
    for name in initial:
        data.update(shown(shown_form[name]))
    bound = form_class(data, **kwargs)
    for name in initial:  # read back (a rule on which days it takes aside)
        assert bound.fields[name].to_python(bound[name].data) == day, name
    return bound, data


@pytest.fixture
def every_service(service_index, water):
    """One service of each preset (the water service among them)."""
    return [water] + [
        create_service(service_index, preset)
        for preset in PRESETS
        if preset.slug != "water"
    ]


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), language=LANGUAGES)
def test_every_form_with_a_date_round_trips_it(water, every_service, data, language):
    """Every preset service's form (the water form filled in completely), the
    staff's return form and the admin's date fields."""
    day = data.draw(st.dates(datetime.date(1900, 1, 1), latest_date()))
    with translation.override(language):
        for service in every_service:
            round_trip(service.get_form_class(), day, page=service)
        form, posted = round_trip(water.get_form_class(), day, page=water)
        answers = {**WATER_ANSWERS, **posted}
        answers.pop("requested_delivery_date")
        filled = water.get_form(answers, page=water, user=AnonymousUser())
        if day >= timezone.localdate():
            assert filled.is_valid(), filled.errors
            assert filled.cleaned_data["requested_delivery_date"] == day
        else:  # a delivery is asked for today or later
            assert list(filled.errors) == ["requested_delivery_date"]
        round_trip(ReturnForm, day)
        for model in (GovernmentSettings, MeasuresAnnouncementPage, EvidencePage):
            handler = (
                model.get_edit_handler()
                if hasattr(model, "get_edit_handler")
                else get_edit_handler(model)
            )
            fields = handler.get_form_class().base_fields
            for field in fields.values():
                if isinstance(field, forms.DateField):
                    assert isinstance(field, ThaiDateField)
                    form = type("F", (forms.Form,), {"day": field})
                    round_trip(form, day)


# The public form and the JSON API ----------------------------------------------------


def test_the_water_form_shows_the_buddhist_year_and_stores_the_iso_date(client, water):
    be_year = NEXT_YEAR + 543
    answers = {**WATER_ANSWERS, **typed("requested_delivery_date", 10, 12, be_year)}
    answers.pop("requested_delivery_date")
    form = client.get(water.url).content.decode()
    assert 'name="requested_delivery_date_year"' in form and 'type="date"' not in form
    assert '_legend">วันที่ต้องการรับน้ำ' in form
    review, confirm = review_then_confirm(client, water, answers)
    assert f"10\u00a0ธันวาคม\u00a0{be_year}" in review.content.decode()
    assert confirm.status_code == 302
    stored = ServiceRequest.objects.get()
    assert stored.form_data["requested_delivery_date"] == f"{NEXT_YEAR}-12-10"


def test_the_water_form_refuses_a_christian_year_and_keeps_what_was_typed(
    client, water
):
    answers = {**WATER_ANSWERS, **typed("requested_delivery_date", 10, 12, 2026)}
    answers.pop("requested_delivery_date")
    html = client.post(water.url, {**answers, "action": "review"}).content.decode()
    assert "ปีต้องเป็นปีพุทธศักราช เช่น" in html
    assert 'name="requested_delivery_date_year" value="2026"' in html
    assert not ServiceRequest.objects.exists()


def test_the_json_api_still_takes_and_describes_an_iso_date(water):
    form = water.get_form(page=water)
    json_form = JSONForm(form, {"th": form})
    (described,) = [
        f for f in json_form.describe() if f["key"] == "requested_delivery_date"
    ]
    assert described["type"] == "date"
    with translation.override("th"):
        bound = water.get_form(
            json_form.data(WATER_ANSWERS), page=water, user=AnonymousUser()
        )
        assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["requested_delivery_date"] == A_MONTH_AHEAD


# The Thai admin ----------------------------------------------------------------------


def test_the_admin_saves_a_renewal_date_typed_in_the_buddhist_era(
    admin_client, government_settings, site
):
    url = reverse(
        "wagtailsettings:edit", args=["kcs_core", "governmentsettings", site.pk]
    )
    page = admin_client.get(url).content.decode()
    assert 'name="website_renewal_date_year"' in page and "ปี (พ.ศ.)" in page
    data = {
        "name": government_settings.name,
        "name_en": government_settings.name_en,
        "address": government_settings.address,
        "address_en": government_settings.address_en,
        "phone": government_settings.phone,
        "hotline": government_settings.hotline,
        **typed("website_renewal_date", 9, 11, 2564),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    government_settings.refresh_from_db()
    assert government_settings.website_renewal_date == datetime.date(2021, 11, 9)
    refused = admin_client.post(url, {**data, "website_renewal_date_year": "2021"})
    assert refused.status_code == 200
    assert "ปีต้องเป็นปีพุทธศักราช" in refused.content.decode()
    assert 'name="website_renewal_date_year" value="2021"' in refused.content.decode()


class NoteForm(forms.Form):
    note = TextareaField(label="Note", max_length=10, rows=4)


def test_a_textarea_field_is_a_char_field_in_a_textarea_of_its_rows():
    field = NoteForm().fields["note"]
    assert isinstance(field, forms.CharField)
    assert isinstance(field.widget, forms.Textarea)
    assert field.widget.attrs["rows"] == 4
    assert field.widget.attrs["maxlength"] == "10"


def test_a_textarea_field_checks_like_a_char_field():
    form = NoteForm({"note": "  short  "})
    assert form.is_valid()
    assert form.cleaned_data["note"] == "short"
    assert "note" in NoteForm({"note": "x" * 11}).errors


def test_a_widget_given_wins_over_rows():
    field = TextareaField(rows=3, widget=forms.Textarea(attrs={"rows": 9}))
    assert field.widget.attrs["rows"] == 9


def test_a_line_break_counts_as_one_character_as_in_the_browser():
    """A browser sends each line break as CR LF but counts it as one against
    ``maxlength``: what fitted in the box is accepted, and a refusal is in Thai."""
    field = TextareaField(rows=3, max_length=8)
    assert field.clean("ab\r\ncd\r\nef") == "ab\ncd\nef"
    with translation.override("th"), pytest.raises(forms.ValidationError) as refused:
        field.clean("ab\r\ncd\r\nefg")
    assert refused.value.messages == ["ข้อความนี้ยาวได้ไม่เกิน 8 ตัวอักษร (ขณะนี้มี 9 ตัวอักษร)"]


def test_a_plain_text_answer_loses_what_would_hide_or_reorder_it():
    """A direction override showed staff ``fdp.exe`` as ``exe.pdf``; a terminal's
    escapes rode along into exports and logs. Thai, emoji and line breaks stay."""
    field = PlainTextField()
    typed = "\x1b[31mไฟ\u200bดับ\u202efdp.exe\u2066 👍🏽\x07"
    assert field.clean(typed) == "[31mไฟ\u200bดับfdp.exe 👍🏽"  # the escape's ESC gone
    assert TextareaField(rows=3).clean("บรรทัด\r\n\tสอง\u202d") == "บรรทัด\n\tสอง"
    with pytest.raises(forms.ValidationError):
        PlainTextField().clean("\u202e\x1b")  # nothing left: still required
