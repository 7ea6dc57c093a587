"""Management commands: key rotation, retention, reminders."""

import datetime
from io import StringIO
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest
from cryptography.fernet import Fernet, InvalidToken

from tests.tips.conftest import TEST_KEY, jpeg_with_gps, upload
from tips import crypto, services
from tips.models import Status, Tip, TipAttachment, TipCount, TipEvent
from tips.statistics import tip_statistics

pytestmark = pytest.mark.django_db


def raw_description(tip) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM tips_tip WHERE id = %s", [tip.pk])
        return cursor.fetchone()[0]


def test_generate_prints_a_new_fernet_key():
    out = StringIO()
    call_command("tips_rotate_key", "--generate", stdout=out)
    Fernet(out.getvalue().strip())  # a valid key


def test_rotation_re_encrypts_text_and_files_under_the_new_key(
    make_tip, handler, settings
):
    tip, code = make_tip(files=[upload("p.jpg", jpeg_with_gps())])
    services.reply(tip, handler, "คำตอบ")
    old_token = raw_description(tip)
    new_key = Fernet.generate_key().decode()
    settings.KCS_TIPS_ENCRYPTION_KEYS = [new_key, TEST_KEY]
    call_command("tips_rotate_key", stdout=StringIO())
    settings.KCS_TIPS_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    assert raw_description(tip) != old_token
    tip = Tip.objects.get()
    assert tip.description == "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง"
    assert TipEvent.objects.get(kind="reply").body == "คำตอบ"
    attachment = TipAttachment.objects.get()
    assert attachment.name == "p.jpg"
    with attachment.sanitized.open("rb") as handle:
        assert crypto.decrypt_bytes(handle.read()).startswith(b"\xff\xd8")
    with pytest.raises(InvalidToken):
        Fernet(TEST_KEY).decrypt(raw_description(tip).encode())
    assert services.open_case(tip.site, code, "test-client") == tip  # survives rotation


def test_purge_erases_old_closed_tips_and_keeps_their_counts(
    make_tip, handler, django_capture_on_commit_callbacks
):
    old, _ = make_tip(files=[upload("p.jpg", jpeg_with_gps())])
    services.change_status(old, handler, Status.CLOSED_SUBSTANTIATED)
    Tip.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=400)
    )
    recent, _ = make_tip()
    services.change_status(recent, handler, Status.CLOSED_UNSUBSTANTIATED)
    open_tip, _ = make_tip()
    stored_file = TipAttachment.objects.get().original.path
    before = tip_statistics(old.site, old.fiscal_year)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tips_purge", "--days", "365", stdout=out)

    assert "ลบเรื่องที่ปิดก่อนวันที่" in out.getvalue()
    assert "แล้ว 1 เรื่อง" in out.getvalue()
    assert set(Tip.objects.values_list("pk", flat=True)) == {recent.pk, open_tip.pk}
    assert not TipEvent.objects.filter(tip_id=old.pk).exists()
    assert not Path(stored_file).exists()
    assert TipCount.objects.get().count == 1
    assert tip_statistics(old.site, old.fiscal_year) == before


def test_reminders_go_to_the_sites_handlers_without_content(make_tip, handler):
    late, _ = make_tip()
    Tip.objects.filter(pk=late.pk).update(acknowledge_by=datetime.date(2020, 1, 1))
    make_tip()  # not yet due
    call_command("tips_send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [handler.email]
    assert "1" in message.body and "/admin/tips/?overdue=on" in message.body
    assert late.case_number not in message.body
    assert "เรียกรับเงิน" not in message.body + message.subject


def test_no_reminder_once_acknowledged(make_tip, handler):
    late, _ = make_tip()
    Tip.objects.filter(pk=late.pk).update(acknowledge_by=datetime.date(2020, 1, 1))
    services.reply(late, handler, "รับทราบ")
    call_command("tips_send_reminders", stdout=StringIO())
    assert mail.outbox == []
