"""E-service fixtures: a service index with the preset services, valid answers, a
valid Thai national ID, and files with real content."""

import datetime
import io

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from eservice_forms.models import ServiceIndexPage
from eservice_forms.presets import PRESETS, create_service
from tests.conftest import publish_child, solve_pace

PRESET = {preset.slug: preset for preset in PRESETS}


def thai_id(first12: str = "110170023070") -> str:
    """A national ID with a correct check digit."""
    total = sum(int(digit) * (13 - index) for index, digit in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def jpeg(name="photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fake_pdf(name="evil.pdf") -> SimpleUploadedFile:
    """A file named like a PDF that is really a Windows program."""
    return SimpleUploadedFile(
        name,
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
        content_type="application/pdf",
    )


#: Days a resident asks for are never before the filing day: the answers' are ahead.
A_MONTH_AHEAD = datetime.date.today() + datetime.timedelta(days=30)
NEXT_YEAR = datetime.date.today().year + 1

#: The check-your-answers page's heading: the form page's button says "ตรวจสอบคำตอบ"
#: too, so only the heading tells that a form was accepted for review.
REVIEW_HEADING = "<h1>ตรวจสอบคำตอบ</h1>"

WATER_ANSWERS = {
    "requested_delivery_date": A_MONTH_AHEAD.isoformat(),
    "title": "mrs",
    "first_name": "สมศรี",
    "last_name": "ใจดี",
    "addr_no": "12",
    "addr_moo": "3",
    "addr_subdistrict": "กุดชุมแสง",
    "addr_district": "หนองบัวแดง",
    "addr_province": "ชัยภูมิ",
    "phone": "081-234-5678",
    "email": "somsri@example.com",
    "household_members": "4",
    "cause": "drought",
    "reason_detail": "บ่อน้ำแห้ง ไม่มีน้ำใช้",
    "trips_requested": "2",
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Attachments go to a fresh private root, never MEDIA_ROOT."""
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
    cache.clear()
    return settings.KCS_PRIVATE_MEDIA_ROOT


@pytest.fixture
def service_index(home_page):
    return publish_child(
        home_page, ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
    )


@pytest.fixture
def water(service_index):
    return create_service(
        service_index, PRESET["water"], to_address="staff@example.com"
    )


@pytest.fixture
def building_permit(service_index):
    return create_service(service_index, PRESET["building-permit"])


@pytest.fixture
def borrow(service_index):
    return create_service(service_index, PRESET["borrow-property"])


@pytest.fixture
def english_water(service_index, english_home):
    """The water service and its English translation (labels in English)."""
    english_index = service_index.copy_for_translation(english_home.locale)
    english_index.save_revision().publish()
    return create_service(service_index, PRESET["water"], english_index)


@pytest.fixture
def petition(service_index):
    return create_service(service_index, PRESET["petition"])


def review_then_confirm(client, page, answers, files=None, *, url=None):
    """Fill in → check your answers → confirm, at ``url`` (the page's own by
    default); returns (review, confirm) responses."""
    url = url or page.url
    form = client.get(url)
    key = form.context["submission_key"]
    pace = solve_pace(form.context["pace"])
    review = client.post(
        url,
        {
            **answers,
            **(files or {}),
            **pace,
            "action": "review",
            "submission_key": key,
        },
    )
    assert review.status_code == 200, review.content.decode()[:2000]
    data = dict(review.context["carried"])
    data.update(
        {key_: [v for k, v in review.context["carried"] if k == key_] for key_ in data}
    )
    data["staged"] = review.context["staged"].signed()
    data["action"] = "confirm"
    return review, client.post(url, data)
