"""Fixtures of the tip channel: keys, private media, a tip page, handlers, tips."""

import io

from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from wagtail.models import Page, Site

import pytest
from cryptography.fernet import Fernet
from PIL import Image

from tests.conftest import make_home, paced, publish_child, sign_in
from tips import services
from tips.files import inspect
from tips.forms import TipForm
from tips.models import TipFormPage, TipHandler

TEST_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def tips_settings(settings, tmp_path):
    """Own keys and private media per test; no minimum fill time; empty cache (the
    throttles and anonymised paths live there)."""
    settings.KCS_TIPS_ENCRYPTION_KEYS = [TEST_KEY]
    settings.KCS_TIPS_RECEIPT_KEY = "receipt-key-for-tests"
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KCS_TIPS_MIN_FILL_SECONDS = 0
    cache.clear()
    yield settings
    cache.clear()


def add_tip_page(parent: Page, slug: str = "tip-off", **fields) -> TipFormPage:
    return publish_child(
        parent, TipFormPage(title="แจ้งเบาะแสการทุจริต", slug=slug, **fields)
    )


@pytest.fixture
def tip_page(site, home_page):
    return add_tip_page(home_page)


@pytest.fixture
def other_site(root_page, thai_locale):
    """A second local government on the same installation."""
    home = make_home(root_page, "other-home", "อบต.อื่น", thai_locale)
    return Site.objects.create(hostname="other.example", port=80, root_page=home)


@pytest.fixture
def other_tip_page(other_site):
    return add_tip_page(other_site.root_page)


def make_handler(django_user_model, site, username="handler", **fields):
    user = django_user_model.objects.create_user(
        username=username, password="pw", email=f"{username}@example.go.th"
    )
    TipHandler.objects.create(
        site=site,
        user=user,
        name=fields.get("name", "นางสาวสมใจ ใจดี"),
        position=fields.get("position", "นิติกร"),
    )
    return user


@pytest.fixture
def handler(django_user_model, site):
    return make_handler(django_user_model, site)


@pytest.fixture
def handler_client(client, handler):
    sign_in(client, handler)
    return client


def started_token() -> str:
    return signing.TimestampSigner(salt=TipForm.started_salt).sign(".")


def form_data(**overrides) -> dict:
    """A complete tip form submission (the captcha answered in test mode)."""
    data = {
        "category": "bribery",
        "accused": "นายสมมติ ผู้ถูกกล่าวหา",
        "description": "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง",
        "occurred": "มีนาคม 2568",
        "location": "ที่ทำการ อบต.",
        "reporter_name": "",
        "reporter_contact": "",
        "website": "",
        "started": started_token(),
        "captcha_0": "any-key",
        "captcha_1": "PASSED",
    }
    data.update(overrides)
    return data


def tip_form_data(client, page, **overrides) -> dict:
    """:func:`form_data` with the pace ticket of ``page``'s form, solved."""
    return {**form_data(**overrides), **paced(client, page.url)}


def jpeg_with_gps() -> bytes:
    """A small JPEG whose EXIF holds a GPS position and a camera model."""
    image = Image.new("RGB", (32, 24), "red")
    exif = Image.Exif()
    exif[0x0110] = "MarkerCam 3000"  # Model
    exif[0x8825] = {1: "N", 2: (13.0, 45.0, 0.0), 3: "E", 4: (100.0, 30.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(name: str, data: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def make_tip(tip_page):
    """Store a tip through the service, as the form would: returns (tip, code)."""

    def make(page=None, files=(), **overrides):
        data = form_data(**overrides)
        evidence = [inspect(file) for file in files]
        with TestCase.captureOnCommitCallbacks(execute=True):  # the worker's part
            return services.submit_tip(page or tip_page, data, evidence)

    return make
