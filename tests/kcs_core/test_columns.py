"""Admin listings show the date and yes/no fields a viewset names in its
``list_display`` in the reader's language: dates in the Buddhist era, booleans as
words (``kcs_core.columns.LocalColumnsMixin``)."""

import datetime
import re

from django.utils import timezone

import pytest

from ita_pages.models import CommunityLeader, Question

pytestmark = pytest.mark.django_db


def test_a_date_field_named_in_a_listing_shows_in_the_buddhist_era(admin_client, site):
    asked = timezone.make_aware(datetime.datetime(2026, 12, 2, 9, 30))
    Question.objects.create(site=site, text="ถนนซอย 3 ซ่อมเมื่อใด", asked_at=asked)
    html = admin_client.get("/admin/ita_questions/").content.decode()
    row = next(row for row in html.split("<tr") if "ถนนซอย 3" in row)
    assert "2 ธ.ค. 2569 09:30 น." in row and "2026" not in row


def test_a_boolean_field_named_in_a_listing_shows_as_a_word(admin_client, site):
    CommunityLeader.objects.create(site=site, name="นายสมชาย ใจดี", village="บ้านหนองบัว")
    html = admin_client.get("/admin/ita_leaders/").content.decode()
    row = next(row for row in html.split("<tr") if "นายสมชาย" in row)
    cells = [re.sub(r"<[^>]+>|\s", "", cell) for cell in row.split("</td>")]
    assert "ใช่" in cells and "True" not in cells
