"""The handlers' side: only the handlers group sees tips, per site; the case page,
replies, internal notes, statuses, files and the access log."""

import datetime
import re

import pytest

from tests.conftest import sign_in
from tests.html import read
from tests.tips.conftest import jpeg_with_gps, make_handler, upload
from tips import services
from tips.models import Status, TipAccessLog, TipEvent, TipHandler
from tips.permissions import handlers_group
from tips.views import admin as admin_views

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_handlers_group():
    group = handlers_group()
    assert group.name == "Tip handlers"
    assert set(group.permissions.values_list("codename", flat=True)) >= {
        "handle_tips",
        "access_admin",
    }


def test_naming_a_handler_puts_them_in_the_group_and_removing_takes_them_out(
    handler,
):
    assert handler.groups.filter(pk=handlers_group().pk).exists()
    TipHandler.objects.filter(user=handler).delete()
    assert not handler.groups.filter(pk=handlers_group().pk).exists()


def test_handlers_list_their_sites_tips_with_status_filter(
    handler_client, make_tip, handler
):
    received, _ = make_tip()
    closed, _ = make_tip()
    services.change_status(closed, handler, Status.CLOSED_UNSUBSTANTIATED)
    html = handler_client.get("/admin/tips/").content.decode()
    assert received.case_number in html and closed.case_number in html
    html = handler_client.get("/admin/tips/?status=received").content.decode()
    assert received.case_number in html and closed.case_number not in html


def test_a_status_it_cannot_read_lists_no_tips_and_says_why(handler_client, make_tip):
    tip, _ = make_tip()
    html = handler_client.get("/admin/tips/?status=bogus").content.decode()
    assert tip.case_number not in html
    assert "Select a valid choice" in html or "เลือกตัวเลือกที่ถูกต้อง" in html


def test_every_tip_is_reached_a_page_at_a_time(handler_client, make_tip, monkeypatch):
    monkeypatch.setattr(admin_views, "PER_PAGE", 2)
    oldest, newer, newest = (make_tip()[0] for _ in range(3))
    first = handler_client.get("/admin/tips/?status=received").content.decode()
    assert newest.case_number in first and newer.case_number in first
    assert oldest.case_number not in first and "?status=received&amp;p=2" in first
    second = handler_client.get("/admin/tips/?status=received&p=2").content.decode()
    assert oldest.case_number in second and newest.case_number not in second


def refused(response) -> bool:
    """Wagtail answers PermissionDenied in the admin with a redirect home."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_superusers_who_are_not_handlers_see_no_tips(admin_client, make_tip):
    tip, _ = make_tip()
    assert refused(admin_client.get("/admin/tips/"))
    assert refused(admin_client.get(f"/admin/tips/{tip.pk}/"))
    assert not TipAccessLog.objects.exists()
    assert "/admin/tips/" not in admin_client.get("/admin/").content.decode()


def test_group_membership_alone_is_not_enough(client, django_user_model, make_tip):
    user = django_user_model.objects.create_user(username="member", password="pw")
    user.groups.add(handlers_group())
    sign_in(client, user)
    assert refused(client.get("/admin/tips/"))


def test_handlers_of_one_site_never_see_another_sites_tips(
    client, django_user_model, other_site, other_tip_page, make_tip, handler
):
    mine, _ = make_tip()
    theirs, _ = make_tip(page=other_tip_page)
    make_handler(django_user_model, other_site, username="other")
    sign_in(client, handler)
    html = client.get("/admin/tips/").content.decode()
    assert f"/admin/tips/{mine.pk}/" in html
    assert f"/admin/tips/{theirs.pk}/" not in html
    assert client.get(f"/admin/tips/{theirs.pk}/").status_code == 404


def test_the_menu_shows_tips_to_handlers_only(handler_client):
    assert "/admin/tips/" in handler_client.get("/admin/").content.decode()


def test_the_case_page_shows_content_and_logs_the_view(
    handler_client, make_tip, handler
):
    tip, _ = make_tip(reporter_name="นายผู้แจ้ง")
    html = handler_client.get(f"/admin/tips/{tip.pk}/").content.decode()
    assert "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง" in html
    assert "นายผู้แจ้ง" in html
    entry = TipAccessLog.objects.get()
    assert (entry.tip, entry.user, entry.action) == (tip, handler, "view")


def test_reply_note_and_status_from_the_case_page(handler_client, make_tip, handler):
    tip, _ = make_tip()
    url = f"/admin/tips/{tip.pk}/"
    handler_client.post(url, {"action": "reply", "reply-body": "ตอบผู้แจ้ง"})
    handler_client.post(url, {"action": "note", "note-body": "บันทึกลับ"})
    handler_client.post(url, {"action": "status", "status-status": "referred"})
    tip.refresh_from_db()
    assert tip.status == Status.REFERRED
    assert tip.acknowledged_at is not None
    kinds = list(tip.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "reply", "note", "status"]
    assert not TipEvent.objects.get(kind="note").is_public
    actions = set(TipAccessLog.objects.values_list("action", flat=True))
    assert actions == {"reply", "note", "status"}
    html = handler_client.get(url).content.decode()
    assert "บันทึกลับ" in html and "ไม่แสดงต่อผู้แจ้ง" in html
    # The tipster's filing is kept as a day: shown as one, not as a made-up
    # midnight; the handlers' own entries keep their time.
    assert not re.search(r"00:00(\s|&nbsp;|\xa0)*น\.", html)
    assert len(re.findall(r"\d\d:\d\d(\s|&nbsp;|\xa0)*น\.", html)) >= 3


def test_a_reply_or_a_note_sent_twice_is_kept_once(handler_client, make_tip):
    """A double click, or the browser sending the form again: the form's one-time
    key (a hidden field) keeps one reply for the tipster and one note."""
    tip, _ = make_tip()
    url = f"/admin/tips/{tip.pk}/"
    html = handler_client.get(url).content.decode()
    for action in ("reply", "note"):
        key = re.search(rf'type="hidden" name="{action}-once" value="([^"]+)"', html)
        sent = {"action": action, f"{action}-body": "รับทราบ", f"{action}-once": key[1]}
        assert [handler_client.post(url, sent).status_code for _ in "12"] == [302, 302]
    kinds = list(tip.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "reply", "note"]


def test_a_refused_reply_comes_back_with_its_text_and_its_error(
    handler_client, make_tip
):
    tip, _ = make_tip()
    too_long = "ก" * 20001
    response = handler_client.post(
        f"/admin/tips/{tip.pk}/", {"action": "reply", "reply-body": too_long}
    )
    html = response.content.decode()
    assert too_long in html
    assert "ยาวได้ไม่เกิน 20000 ตัวอักษร (ขณะนี้มี 20001 ตัวอักษร)" in read(response)
    assert list(tip.events.values_list("kind", flat=True)) == ["submitted"]


def test_closing_and_reopening_sets_and_clears_the_closing_time(make_tip, handler):
    tip, _ = make_tip()
    services.change_status(tip, handler, Status.CLOSED_SUBSTANTIATED)
    assert tip.closed_at is not None
    services.change_status(tip, handler, Status.INVESTIGATING)
    assert tip.closed_at is None


def test_files_open_as_clean_copies_and_originals_only_by_a_logged_post(
    handler_client, make_tip
):
    tip, _ = make_tip(files=[upload("ห้องนายสมชาย.jpg", jpeg_with_gps())])
    attachment = tip.attachments.get()
    detail = handler_client.get(f"/admin/tips/{tip.pk}/").content.decode()
    assert "ห้องนายสมชาย" not in detail  # a file name can name its sender
    url = f"/admin/tips/{tip.pk}/files/{attachment.pk}/"
    clean = handler_client.get(url)
    assert clean.status_code == 200 and b"MarkerCam" not in clean.content
    assert "ห้องนายสมชาย" not in clean["Content-Disposition"]
    assert handler_client.get(url + "original/").status_code == 405
    original = handler_client.post(url + "original/")
    assert original.status_code == 200 and b"MarkerCam" in original.content
    assert original["Content-Disposition"].startswith("attachment")
    assert "original" in original["Content-Disposition"]
    actions = list(TipAccessLog.objects.values_list("action", "attachment"))
    assert ("view_file", attachment.pk) in actions
    assert ("view_original", attachment.pk) in actions


def test_files_are_forbidden_to_non_handlers(admin_client, make_tip):
    tip, _ = make_tip(files=[upload("p.jpg", jpeg_with_gps())])
    attachment = tip.attachments.get()
    url = f"/admin/tips/{tip.pk}/files/{attachment.pk}/"
    assert refused(admin_client.get(url))
    assert refused(admin_client.post(url + "original/"))
    assert not TipAccessLog.objects.exists()


def test_overdue_list(handler_client, make_tip):
    late, _ = make_tip()
    late.acknowledge_by = datetime.date(2020, 1, 1)
    late.save()
    on_time, _ = make_tip()
    html = handler_client.get("/admin/tips/?overdue=on").content.decode()
    assert late.case_number in html and on_time.case_number not in html


def test_tips_stay_out_of_admin_search_and_form_submissions(admin_client, make_tip):
    make_tip()
    html = admin_client.get("/admin/pages/search/?q=ใบอนุญาตก่อสร้าง").content.decode()
    assert "เรียกรับเงิน" not in html
    forms = admin_client.get("/admin/forms/").content.decode()
    assert "แจ้งเบาะแสการทุจริต" not in forms


def test_superusers_manage_the_handlers_list(admin_client, site, django_user_model):
    user = django_user_model.objects.create_user(username="newhandler")
    response = admin_client.post(
        "/admin/tip_handlers/new/",
        {
            "site": site.pk,
            "user": user.pk,
            "name": "นายใหม่ รับเรื่อง",
            "position": "ปลัด อบต.",
            "position_en": "",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    assert user.groups.filter(pk=handlers_group().pk).exists()


def test_the_group_comes_back_if_it_was_deleted(django_user_model, site):
    handlers_group().delete()
    user = make_handler(django_user_model, site, username="late")
    assert user.groups.get() == handlers_group()
    assert handlers_group().permissions.filter(codename="access_admin").exists()
