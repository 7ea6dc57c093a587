"""The demo loads the five presets under /e-service/ in Thai and English, once."""

from io import StringIO

from django.core.management import call_command

import pytest

from eservice_forms.models import ServicePage

# The demo's content is the host project's, on the versions make run installs.
pytestmark = pytest.mark.pinned_demo


def test_demo_builds_the_presets_idempotently(loaded_demo, db, client):
    call_command("load_demo", stdout=StringIO())  # a second time
    thai = ServicePage.objects.filter(locale__language_code="th")
    assert thai.count() == 5
    assert ServicePage.objects.filter(locale__language_code="en").count() == 5
    html = client.get("/e-service/").content.decode()
    assert "ขอยืมพัสดุ/ครุภัณฑ์" in html and "คำร้องทั่วไป" in html
    english = client.get("/en/e-service/water/").content.decode()
    assert "Household members actually living there" in english
    assert client.get("/e-service/statistics/").status_code == 200
    assert client.get("/en/e-service/satisfaction/").status_code == 200
