"""Case handling in the Wagtail admin: one listing with filters and export, a case
page with its timeline and actions, private attachments, per-site scoping."""

import codecs
import csv
import dataclasses
import datetime
import io
import re
import uuid

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.http import QueryDict

from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.models import Site

import openpyxl
import pytest

from eservice_forms import services
from eservice_forms.models import ServiceIndexPage, ServicePage, ServiceRequest
from eservice_forms.presets import create_service
from eservice_forms.request_statuses import RECEIVED, STATUS_LABELS
from kcs_core.forms import RouteSafeSlugMixin, slug_taken_by_route
from kcs_core.thai_dates import format_date
from tests.conftest import make_home, make_staff, publish_child, sign_in

from .conftest import PRESET, WATER_ANSWERS, jpeg, review_then_confirm

INDEX = "/admin/eservice_requests/"


def file(page, **overrides):
    data = QueryDict(mutable=True)
    data.update({**WATER_ANSWERS, **overrides})
    return services.submit_request(page, data, {}, idempotency_key=uuid.uuid4()).request


@pytest.fixture
def staff(service_index):
    """A clerk of this site: the model permission, and page permission on the
    e-service section only."""
    return make_staff(
        "clerk",
        "E-service staff",
        service_index,
        codenames=("change_servicerequest", "view_servicerequest"),
    )


def test_staff_find_a_request_by_its_reference_or_its_last_digits(admin_client, water):
    first, second = file(water), file(water)
    for typed in (second.reference, second.reference[-3:]):
        html = admin_client.get(INDEX, {"q": typed}).content.decode()
        assert second.reference in html and first.reference not in html


def test_listing_filters_by_status_and_overdue(admin_client, water):
    late = file(water)
    late.due_date = datetime.date(2020, 1, 1)
    late.save()
    on_time = file(water)
    html = admin_client.get(INDEX, {"overdue": "true"}).content.decode()
    assert html.count("ESV-") == 1 and late.reference in html
    html = admin_client.get(INDEX, {"overdue": "false"}).content.decode()
    assert html.count("ESV-") == 1 and on_time.reference in html
    assert (
        admin_client.get(INDEX, {"status": "done"}).content.decode().count("ESV-") == 0
    )


def test_the_service_filter_offers_a_service_once_for_its_thai_and_english_pages(
    admin_client, service_index, english_water
):
    english = ServicePage.objects.get(
        translation_key=english_water.translation_key, locale__language_code="en"
    )
    other = create_service(
        service_index,
        dataclasses.replace(PRESET["water"], slug="water-2", title="ขอน้ำประปา"),
    )
    in_thai, in_english, elsewhere = file(english_water), file(english), file(other)

    html = admin_client.get(INDEX).content.decode()
    select = re.search(r'<select name="service".*?</select>', html, re.S).group()
    offered = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select)
    assert offered == [
        (str(other.translation_key), "ขอน้ำประปา"),
        (str(english_water.translation_key), english_water.title),
    ]
    html = admin_client.get(
        INDEX, {"service": english_water.translation_key}
    ).content.decode()
    assert in_thai.reference in html and in_english.reference in html
    assert elsewhere.reference not in html


def test_export_of_the_filtered_rows(admin_client, water):
    first = file(water)
    services.change_status(first, "in_progress", user=None)
    file(water)
    response = admin_client.get(INDEX, {"export": "csv", "status": "in_progress"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == first.reference
    xlsx = admin_client.get(INDEX, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 3


def test_csv_export_keeps_formula_like_text_as_text(admin_client, water):
    case = file(water)
    ServiceRequest.objects.filter(pk=case.pk).update(assigned_division="=1+1")
    response = admin_client.get(INDEX, {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row for row in rows if "'=1+1" in row.values()]


def test_csv_export_opens_in_excel_with_sites_and_local_times(
    admin_client, site, second_site, water
):
    """A clerk of two sites exports both: each row names its site by name and host
    (both have an ESV-…-000001, and two local governments may share a name), times
    are Bangkok's in the Buddhist era, and Excel reads the Thai as UTF-8 (byte-order
    mark, charset)."""
    for each in (site, second_site):
        each.site_name = "อบต. ก"
        each.save()
    other_index = publish_child(
        second_site.root_page, ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
    )
    ours, theirs = file(water), file(create_service(other_index, PRESET["water"]))
    assert ours.reference == theirs.reference
    filed = datetime.datetime(2026, 12, 1, 18, 30, tzinfo=datetime.UTC)
    ServiceRequest.objects.update(submit_time=filed)
    response = admin_client.get(INDEX, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="th")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.getvalue()
    assert body.startswith(codecs.BOM_UTF8) and body.count(codecs.BOM_UTF8) == 1
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {(row["เลขที่คำร้อง"], row["เว็บไซต์"]) for row in rows} == {
        (ours.reference, f"อบต. ก ({site.hostname})"),
        (theirs.reference, "อบต. ก (b.example)"),
    }
    assert {row["เวลาส่ง"] for row in rows} == {"2 ธ.ค. 2569 01:30 น."}
    assert {row["สถานะ"] for row in rows} == {str(STATUS_LABELS[RECEIVED])}
    xlsx = admin_client.get(INDEX, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="th")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.getvalue())).active
    header, *cells = sheet.iter_rows(values_only=True)
    filed_cells = {row[header.index("เวลาส่ง")] for row in cells}
    assert filed_cells == {datetime.datetime(2026, 12, 2, 1, 30)}  # Bangkok's
    # A date cell, shown with Thai months and the Buddhist-era year (Excel's bbbb).
    formats = {row[header.index("เวลาส่ง")].number_format for row in sheet.iter_rows()}
    assert formats >= {"[$-th-TH]d mmm bbbb hh:mm"}
    assert {row[header.index("เว็บไซต์")] for row in cells} == {
        f"อบต. ก ({site.hostname})",
        "อบต. ก (b.example)",
    }


def test_listing_runs_in_constant_queries(
    admin_client, water, django_assert_max_num_queries
):
    for _ in range(60):
        file(water)
    with django_assert_max_num_queries(40) as first:
        admin_client.get(INDEX)
    for _ in range(60):
        file(water)
    with django_assert_max_num_queries(len(first.captured_queries)):
        admin_client.get(INDEX, {"p": 2})


def test_case_page_changes_status_assigns_and_notes(admin_client, water):
    request = file(water)
    url = f"{INDEX}{request.pk}/"
    admin_client.post(url, {"action": "assign", "division": "กองช่าง"})
    admin_client.post(url, {"action": "note", "note": "โทรนัดแล้ว"})
    admin_client.post(url, {"action": "status", "status": "in_progress", "message": ""})
    bad = admin_client.post(url, {"action": "status", "status": "approved"})
    assert bad.status_code == 200
    [error] = bad.context["forms"]["status"].errors["status"]
    assert error in bad.content.decode()  # next to the field, in the form sent
    request.refresh_from_db()
    assert request.status == "in_progress" and request.assigned_division == "กองช่าง"
    events = list(request.events.values_list("event", "public", "user__username"))
    assert ("note", False, "admin") in events and ("status", True, "admin") in events
    html = admin_client.get(url).content.decode()
    assert "โทรนัดแล้ว" in html and "กองช่าง" in html


def test_a_refusal_needs_its_reasons_next_to_the_message_box(admin_client, water):
    """Refused in one click with the message box empty, the resident saw only
    ไม่อนุมัติ, with no reason, and the case was closed."""
    request = file(water)
    url = f"{INDEX}{request.pk}/"
    refusal = {"action": "status", "status": "rejected", "message": " "}
    refused = admin_client.post(url, refusal)
    assert refused.status_code == 200
    [error] = refused.context["forms"]["status"].errors["message"]
    assert "มาตรา 37" in error and error in refused.content.decode()
    request.refresh_from_db()
    assert request.status == "received"
    admin_client.post(url, {**refusal, "message": "อยู่นอกเขตให้บริการ"})
    request.refresh_from_db()
    assert request.status == "rejected"


def form_key(admin_client, url: str, action: str) -> str:
    """The one-time key of the case page's form for ``action``."""
    html = admin_client.get(url).content.decode()
    form = re.search(
        rf'<form[^>]*>(?:(?!</form>).)*value="{action}".*?</form>', html, re.S
    )
    return re.search(r'type="hidden" name="once" value="([^"]+)"', form[0])[1]


@pytest.mark.parametrize(
    ("action", "answer", "event"),
    [
        ("note", {"note": "โทรนัดแล้ว"}, "note"),
        ("assign", {"division": "กองคลัง"}, "assigned"),
    ],
)
def test_a_note_or_an_assignment_sent_twice_is_kept_once(
    admin_client, water, action, answer, event
):
    request = file(water)
    url = f"{INDEX}{request.pk}/"
    sent = {"action": action, **answer, "once": form_key(admin_client, url, action)}
    assert [admin_client.post(url, sent).status_code for _ in "12"] == [302, 302]
    assert request.events.filter(event=event).count() == 1


def test_assigning_the_division_a_request_has_records_nothing(admin_client, water):
    request = file(water)
    url = f"{INDEX}{request.pk}/"
    for _ in "12":
        key = form_key(admin_client, url, "assign")
        sent = {"action": "assign", "division": "กองคลัง", "once": key}
        assert admin_client.post(url, sent).status_code == 302
    assert request.events.filter(event="assigned").count() == 1


def test_attachments_only_for_permitted_staff(
    client, admin_client, water, staff, django_user_model
):
    review_then_confirm(client, water, WATER_ANSWERS, {"attachments": jpeg()})
    request = ServiceRequest.objects.get()
    url = f"{INDEX}{request.pk}/files/{request.attachments.get().pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    outsider = django_user_model.objects.create_user(username="x", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, outsider)
    assert client.get(url).status_code == 404
    sign_in(client, staff)
    assert client.get(url).status_code == 200


def test_staff_see_only_their_sites_requests(
    client, water, staff, root_page, thai_locale
):
    other_home = make_home(root_page, "other", "อบต.อื่น", thai_locale)
    Site.objects.create(hostname="other.example", root_page=other_home)
    other_index = other_home.add_child(
        instance=ServiceIndexPage(title="บริการ", slug="e-service")
    )
    theirs = file(create_service(other_index, PRESET["water"]))
    ServiceRequest.objects.filter(pk=theirs.pk).update(fiscal_year=2560)
    ours = file(water)
    sign_in(client, staff)
    listing = client.get(INDEX)
    html = listing.content.decode()
    assert f"{INDEX}{ours.pk}/" in html and f"{INDEX}{theirs.pk}/" not in html
    years = dict(listing.context["filters"].form.fields["fiscal_year"].choices)
    assert ours.fiscal_year in years and 2560 not in years
    assert client.get(f"{INDEX}{theirs.pk}/").status_code == 404


def test_services_stay_out_of_the_generic_forms_screens(admin_client, water):
    file(water)
    assert admin_client.get(f"/admin/forms/submissions/{water.pk}/").status_code in (
        403,
        404,
        302,
    )


def test_a_service_with_requests_cannot_be_deleted(admin_client, water):
    file(water)
    response = admin_client.post(f"/admin/pages/{water.pk}/delete/")
    assert response.status_code == 302
    assert water.__class__.objects.filter(pk=water.pk).exists()


def test_staff_print_copy(admin_client, water):
    request = file(water)
    html = admin_client.get(f"{INDEX}{request.pk}/print/").content.decode()
    assert request.reference in html and "สมศรี" in html


def test_a_service_cannot_take_the_tracking_address(service_index):
    """``<index>/track/`` is the tracking page: a service there would be hidden.
    (The admin form's check itself is tested on the ITA pages.)"""
    assert slug_taken_by_route(service_index, "track")
    assert not slug_taken_by_route(service_index, "water")
    assert issubclass(ServicePage.base_form_class, RouteSafeSlugMixin)
    assert issubclass(ServicePage.base_form_class, WagtailAdminFormPageForm)


def test_a_return_is_recorded_once_on_a_day_it_could_have_happened(
    admin_client, borrow, admin_user
):
    """Not before the request was filed, not in the future, and not again: each
    time used to add another "items returned" line to the resident's timeline."""
    loan = services.store_request(
        borrow,
        borrow.get_site(),
        {"borrow_until": datetime.date.today() + datetime.timedelta(days=7)},
        uuid.uuid4(),
    ).request
    for status in ("considering", "approved", "lent"):
        services.change_status(loan, status, user=admin_user)
    today = datetime.date.today()
    out = admin_client.get(f"/admin/eservice_requests/{loan.pk}/")
    assert out.context["forms"]["status"].fields["status"].choices == []
    with pytest.raises(ValidationError):  # closed with the items still out
        services.change_status(loan, "done", user=admin_user)

    def return_on(day: datetime.date):
        return admin_client.post(
            f"/admin/eservice_requests/{loan.pk}/",
            {
                "action": "return",
                "returned_on_day": day.day,
                "returned_on_month": day.month,
                "returned_on_year": day.year + 543,
            },
        )

    for wrong in (today - datetime.timedelta(days=400), today + datetime.timedelta(1)):
        refused = return_on(wrong)
        assert refused.status_code == 200
        errors = refused.context["forms"]["return"].errors["returned_on"]
        assert errors[0].startswith("วันที่ได้รับคืนต้องอยู่ระหว่างวันที่ยื่นคำร้อง")
    assert return_on(today).status_code == 302
    case = admin_client.get(f"/admin/eservice_requests/{loan.pk}/")
    assert "return" not in case.context["forms"]  # nothing left to record
    assert return_on(today).status_code == 200  # sent again: the case, unchanged
    loan.refresh_from_db()
    with pytest.raises(ValidationError, match="บันทึกการคืนไว้แล้ว"):
        services.record_return(loan, today, user=admin_user)
    assert loan.events.filter(event="returned").count() == 1
    event = loan.events.get(event="returned")
    assert event.message == format_date(today, "long", language="th")
    assert services.allowed_statuses(loan) == ["done", "cancelled"]


def test_a_status_change_sent_twice_is_made_once_without_an_error(admin_client, water):
    """A double click on "save" sends the same form again: the first sending moved
    the request on, the second is told it was saved, not "not a valid choice",
    and the resident sees one line. Another clerk's form, made before the change,
    is still refused: its message is not dropped in silence."""
    case = file(water)
    url = f"/admin/eservice_requests/{case.pk}/"

    def status_form() -> dict:
        form = admin_client.get(url).context["forms"]["status"]
        return {"action": "status", "once": form.initial["once"]}

    change = {"status": "in_progress", "message": "กำลังจัดรถ"}
    mine, theirs = status_form(), status_form()
    first = admin_client.post(url, {**mine, **change})
    second = admin_client.post(url, {**mine, **change})
    assert first.status_code == second.status_code == 302
    assert case.events.filter(event="status", status="in_progress").count() == 1
    stale = admin_client.post(url, {**theirs, **change, "message": "อีกข้อความ"})
    assert stale.status_code == 200
    assert stale.context["forms"]["status"].errors["status"]
    assert case.events.filter(event="status").count() == 1
