"""Data migrations of eservice_forms, run against real services."""

import datetime
import importlib
import uuid

from django.apps import apps
from django.utils import timezone

from eservice_forms import services
from eservice_forms.models import ServiceFormField, ServiceRequest
from eservice_forms.presets import PRESETS, create_service

from .conftest import PRESET

drop_question = importlib.import_module(
    "eservice_forms.migrations.0005_drop_the_filing_date_question"
)
add_min_value = importlib.import_module(
    "eservice_forms.migrations.0008_service_form_field_min_value"
)
add_not_before_filing_day = importlib.import_module(
    "eservice_forms.migrations.0009_service_form_field_not_before_filing_day"
)
add_max_value = importlib.import_module(
    "eservice_forms.migrations.0010_service_form_field_max_value"
)
close_rejected = importlib.import_module(
    "eservice_forms.migrations.0012_rejection_closes_the_request"
)
add_min_length = importlib.import_module(
    "eservice_forms.migrations.0013_service_form_field_min_length"
)
add_own_detail = importlib.import_module(
    "eservice_forms.migrations.0014_service_form_field_own_detail"
)
map_help = importlib.import_module(
    "eservice_forms.migrations.0015_map_position_help_without_the_button"
)


def test_a_service_made_before_loses_only_the_presets_filing_date_question(water):
    old_question = ServiceFormField.objects.create(
        page=water, locale=water.locale, sort_order=99, clean_name="request_date",
        label="วันที่ยื่นคำร้อง", field_type="date", default_value="today",
    )  # fmt: skip
    own_question = ServiceFormField.objects.create(
        page=water, locale=water.locale, sort_order=100, clean_name="moved_in_on",
        label="วันที่ย้ายเข้า", field_type="date",
    )  # fmt: skip
    fields_before = water.form_fields.count()
    drop_question.drop_filing_date_question(apps, None)
    assert not ServiceFormField.objects.filter(pk=old_question.pk).exists()
    assert ServiceFormField.objects.filter(pk=own_question.pk).exists()
    assert water.form_fields.count() == fields_before - 1


def test_the_presets_counts_made_before_start_at_one(water):
    water.form_fields.filter(field_type="integer").update(min_value=None)
    own_count = ServiceFormField.objects.create(
        page=water, locale=water.locale, sort_order=99, clean_name="children",
        label="จำนวนบุตร", field_type="integer",
    )  # fmt: skip
    add_min_value.counts_start_at_one(apps, None)
    minimums = dict(
        water.form_fields.filter(field_type="integer").values_list(
            "clean_name", "min_value"
        )
    )
    assert minimums == {
        "household_members": 1,
        "trips_requested": 1,
        own_count.clean_name: None,
    }


def test_the_presets_days_asked_for_made_before_are_not_past(water, borrow):
    ServiceFormField.objects.update(not_before_filing_day=False)
    add_not_before_filing_day.days_asked_for_are_not_past(apps, None)
    asked_for = ServiceFormField.objects.filter(not_before_filing_day=True)
    assert sorted(asked_for.values_list("clean_name", flat=True)) == [
        "borrow_from",
        "borrow_until",
        "requested_delivery_date",
    ]


def test_the_presets_ages_made_before_end_at_120(petition):
    ServiceFormField.objects.update(max_value=None)
    own_count = ServiceFormField.objects.create(
        page=petition, locale=petition.locale, sort_order=99, clean_name="children",
        label="จำนวนบุตร", field_type="integer",
    )  # fmt: skip
    add_max_value.ages_end_at_120(apps, None)
    limited = ServiceFormField.objects.filter(max_value__isnull=False)
    assert list(limited.values_list("clean_name", "max_value")) == [("age", 120)]
    own_count.refresh_from_db()
    assert own_count.max_value is None


def test_requests_rejected_before_are_closed_on_their_decision_day(water):
    filed = services.store_request(water, water.get_site(), {}, uuid.uuid4()).request
    decided = timezone.now() - datetime.timedelta(days=3)
    ServiceRequest.objects.filter(pk=filed.pk).update(
        status="rejected", decided_at=decided
    )
    undecided = services.store_request(water, water.get_site(), {}, uuid.uuid4())
    ServiceRequest.objects.filter(pk=undecided.request.pk).update(status="rejected")
    close_rejected.close_rejected_requests(apps, None)
    filed.refresh_from_db()
    assert filed.closed_at == decided and not filed.is_open
    undecided.request.refresh_from_db()  # no decision time kept: closed as filed
    assert undecided.request.closed_at == undecided.request.submit_time


def test_the_presets_questions_made_before_get_their_new_rules(service_index, petition):
    report = create_service(service_index, PRESET["report-problem"])
    ServiceFormField.objects.update(min_length=None)
    petition.form_fields.filter(clean_name="age").update(min_value=None)
    add_min_length.preset_questions_get_their_rules(apps, None)
    assert report.form_fields.get(clean_name="detail").min_length == 10
    assert petition.form_fields.get(clean_name="age").min_value == 1
    assert not ServiceFormField.objects.exclude(clean_name="detail").filter(
        min_length__isnull=False
    )


def test_the_presets_questions_made_before_name_the_residents_own_details(water):
    water.form_fields.update(own_detail="")
    own_question = ServiceFormField.objects.create(
        page=water, locale=water.locale, sort_order=99, clean_name="first_name",
        label="ชื่อเล่น", field_type="multiline",
    )  # fmt: skip
    add_own_detail.preset_questions_name_their_detail(apps, None)
    preset_questions = water.form_fields.exclude(pk=own_question.pk)
    details = dict(preset_questions.values_list("clean_name", "own_detail"))
    assert details["first_name"] == "given-name"
    assert details["addr_zipcode"] == "postal-code"
    assert details["household_members"] == ""
    own_question.refresh_from_db()
    assert own_question.own_detail == ""  # another type: not the preset's question


def test_the_migration_names_each_detail_as_the_presets_do():
    """A service made from a preset after the upgrade asks as one made before it
    does (the petition's title was once left out of the presets)."""
    details = add_own_detail.PRESET_DETAILS
    differing = [
        (preset.slug, field.key)
        for preset in PRESETS
        for field in preset.fields
        if details.get((field.key, field.type), "") != field.own_detail
    ]
    assert differing == []


def test_a_report_service_made_before_stops_pointing_at_a_hidden_button(
    service_index,
):
    report = create_service(service_index, PRESET["report-problem"])
    location = report.form_fields.get(clean_name="location")
    location.help_text = map_help.OLD_HELP
    location.save()
    edited = report.form_fields.exclude(pk=location.pk).first()
    edited.help_text = "ข้อความของสำนักงานเอง"
    edited.save()
    map_help.help_without_the_button(apps, None)
    location.refresh_from_db()
    edited.refresh_from_db()
    assert location.help_text == map_help.NEW_HELP
    assert location.help_text == next(  # what new services get
        question.help
        for question in PRESET["report-problem"].fields
        if getattr(question, "key", None) == "location"
    )
    assert edited.help_text == "ข้อความของสำนักงานเอง"
