"""Service pages: stable field keys, the manual's rules, the index by kind, due dates
and the status chains."""

from django.core.exceptions import ValidationError
from django.utils import translation

from wagtail.models import get_page_models

import pytest

from eservice_forms.models import ServiceFormField, ServiceIndexPage, ServicePage
from eservice_forms.request_statuses import (
    CANCELLED,
    CHECKING,
    CONSIDERING,
    DONE,
    IN_PROGRESS,
    LENT,
    LICENCE,
    LOAN,
    MORE_DOCUMENTS,
    RECEIVED,
    REJECTED,
    RELIEF,
    next_statuses,
)
from tests.html import read

from .conftest import PRESET


def test_presets_carry_the_required_fields_under_their_keys(water, building_permit):
    water_keys = set(water.form_fields.values_list("clean_name", flat=True))
    assert {
        "title", "first_name", "last_name", "addr_no", "addr_moo",
        "phone", "household_members", "cause", "reason_detail", "trips_requested",
    } <= water_keys  # fmt: skip
    assert "national_id" not in water_keys  # PDPA minimisation: not on water forms
    assert "request_date" not in water_keys  # the request records when it was filed
    permit_keys = set(building_permit.form_fields.values_list("clean_name", flat=True))
    assert {
        "works_type", "site_address", "land_doc_type", "land_doc_no", "buildings",
        "completion_days", "applicant_name", "national_id",
    } <= permit_keys  # fmt: skip


def test_every_preset_is_complete():
    for preset in PRESET.values():
        keys = [field.key for field in preset.fields]
        assert len(keys) == len(set(keys)), preset.slug
        assert "phone" in keys, preset.slug


def test_field_key_stays_when_the_label_changes(water):
    field = water.form_fields.get(clean_name="phone")
    field.label = "หมายเลขโทรศัพท์มือถือ"
    field.save()
    field.refresh_from_db()
    assert field.clean_name == "phone"


def test_a_new_thai_label_gets_a_readable_ascii_key(water):
    field = ServiceFormField(page=water, label="ชื่อ-นามสกุล", field_type="singleline")
    field.save()
    assert field.clean_name == "chueo_namskul"
    long = ServiceFormField(page=water, label="ยินยอม" * 40, field_type="checkbox")
    long.save()
    assert len(long.clean_name) <= 50


def field_form(**data):
    """The admin's form of one question, as the page editor's "Form" tab posts it."""
    edit_form = ServicePage.get_edit_handler().get_form_class()
    question = {"label": "โทรศัพท์", "clean_name": "phone", "field_type": "phone"}
    return edit_form.formsets["form_fields"].form(data=question | data)


@pytest.mark.django_db
def test_a_rule_on_a_field_type_it_does_not_fit_is_refused_next_to_it():
    with translation.override("th"):
        form = field_form(min_value="1", not_before_filing_day="on")
        assert not form.is_valid()
        assert form.errors["min_value"] == [
            "ค่าต่ำสุดที่รับได้ใช้กับช่องจำนวนเต็มเท่านั้น ลบค่าในช่องนี้ หรือเปลี่ยนชนิดช่องเป็นจำนวนเต็ม"
        ]
        assert "not_before_filing_day" in form.errors
    assert field_form(field_type="integer", min_value="1").is_valid()
    assert field_form(field_type="date", not_before_filing_day="on").is_valid()


@pytest.mark.django_db
def test_a_fewest_number_of_characters_is_for_text_only():
    with translation.override("th"):
        assert field_form(min_length="10").errors["min_length"] == [
            "จำนวนตัวอักษรขั้นต่ำใช้กับช่องข้อความเท่านั้น ลบค่าในช่องนี้ "
            "หรือเปลี่ยนชนิดช่องเป็นข้อความบรรทัดเดียวหรือหลายบรรทัด"
        ]
        too_many = field_form(field_type="singleline", min_length="256")
        assert too_many.errors["min_length"] == [
            "คำตอบในช่องนี้ยาวได้ไม่เกิน 255 ตัวอักษร กรุณาระบุจำนวนที่น้อยกว่านี้"
        ]
    assert field_form(field_type="multiline", min_length="256").is_valid()
    assert field_form(field_type="multiline", min_length="10").is_valid()
    assert field_form(field_type="singleline", min_length="2").is_valid()


@pytest.mark.django_db
def test_a_largest_number_fits_whole_numbers_at_or_above_the_smallest():
    with translation.override("th"):
        assert "max_value" in field_form(max_value="120").errors
        below = field_form(field_type="integer", min_value="5", max_value="4")
        assert below.errors["max_value"] == ["ค่าสูงสุดที่รับได้ต้องไม่น้อยกว่าค่าต่ำสุด"]
    assert field_form(field_type="integer", min_value="1", max_value="120").is_valid()
    # No form takes more than a billion: a larger maximum would promise it did.
    too_large = field_form(field_type="integer", max_value="1000000001")
    assert "max_value" in too_large.errors


def test_a_manual_must_say_no_fee_rather_than_nothing(service_index):
    page = ServicePage(title="x", slug="x", responsible_division="สำนักปลัด")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert {"no_fee", "no_documents"} <= set(error.value.message_dict)
    page.no_fee = page.no_documents = True
    page.clean()


def test_index_declares_ita_roles_and_groups_services_by_kind(
    client, water, building_permit
):
    assert set(ServiceIndexPage.ita_roles) == {"eservice", "service_manual"}
    roles = {
        role for model in get_page_models() for role in getattr(model, "ita_roles", ())
    }
    assert {"eservice", "service_statistics", "satisfaction"} <= roles
    html = read(client.get("/e-service/"))
    assert html.index("ใบอนุญาต") < html.index("ความช่วยเหลือ")
    assert "ขออนุญาตก่อสร้างอาคาร" in html and "45 วัน" in html
    assert "กองช่าง" in html


def test_licence_chain_allows_more_documents_once():
    assert next_statuses(LICENCE, RECEIVED, more_documents_used=False) == [
        CHECKING,
        CANCELLED,
    ]
    assert MORE_DOCUMENTS in next_statuses(LICENCE, CHECKING, more_documents_used=False)
    assert next_statuses(LICENCE, CHECKING, more_documents_used=True) == [
        CONSIDERING,
        CANCELLED,
    ]
    assert IN_PROGRESS in next_statuses(RELIEF, RECEIVED, more_documents_used=False)


def test_a_rejection_ends_every_chain_and_items_out_hold_a_loan_open():
    for kind, open_status in ((LICENCE, CONSIDERING), (RELIEF, IN_PROGRESS)):
        assert REJECTED in next_statuses(kind, open_status, more_documents_used=False)
        assert next_statuses(kind, REJECTED, more_documents_used=False) == []
    assert next_statuses(LOAN, LENT, more_documents_used=False, items_out=True) == []
    assert next_statuses(LOAN, LENT, more_documents_used=False) == [DONE, CANCELLED]
