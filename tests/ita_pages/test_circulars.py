"""Circulating an announcement to staff (ita_pages.circulars): the site's admin users
and staff without an account each get their own link, acknowledge once (who and
when, nothing more), are reminded at most once a day; the acknowledgement list
prints as PDF; the announcement shows the public count; nothing crosses sites."""

import datetime
import re

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

import pytest
from freezegun import freeze_time

from ita_pages.models import Acknowledgement, Channel, ChannelRecord, Circular
from tests.conftest import sign_in
from tests.html import read
from tests.ita_pages.models.test_measures import announcement  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

# The last line repeats the first in other letter case: one person, one link.
OTHER_STAFF = (
    "นายสมหมาย ใจงาม, พนักงานจ้างทั่วไป, sommai@example.com\nนางมาลี ดีเสมอ, mali@example.com"
    "\nนายสมหมาย ใจงาม, พนักงานจ้างทั่วไป, Sommai@Example.com"
)


@pytest.fixture
def editor(site_editor):
    site_editor.email = "editor@example.go.th"
    site_editor.first_name, site_editor.last_name = "สมชาย", "บรรณาธิการ"
    site_editor.save()
    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(codename__endswith="_circular")
    )
    return site_editor


@pytest.fixture
def editor_client(editor):
    client = Client()
    sign_in(client, editor)
    return client


def circulate(editor_client, site, announcement, other_staff=OTHER_STAFF):  # noqa: F811
    return editor_client.post(
        "/admin/ita_circulars/new/",
        {
            "site": site.pk,
            "announcement": announcement.pk,
            "subject": "แจ้งเวียนมาตรการส่งเสริมคุณธรรม",
            "message": "โปรดอ่านและลงชื่อรับทราบ",
            "other_staff": other_staff,
        },
    )


@pytest.fixture
def circular(editor_client, site, announcement, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        response = circulate(editor_client, site, announcement)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Circular.objects.get()


def link_in(message) -> str:
    return re.search(r"https?://\S+/acknowledge/\S+/", message.body).group(0)


def test_circulating_reaches_the_sites_staff_each_with_their_own_link(
    circular,
    editor,
    announcement,  # noqa: F811
):
    recipients = {
        (r.name, r.position, r.email, r.user_id) for r in circular.recipients.all()
    }
    assert recipients == {
        ("สมชาย บรรณาธิการ", "", "editor@example.go.th", editor.pk),
        ("นายสมหมาย ใจงาม", "พนักงานจ้างทั่วไป", "sommai@example.com", None),
        ("นางมาลี ดีเสมอ", "", "mali@example.com", None),
    }
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {
        "editor@example.go.th",
        "sommai@example.com",
        "mali@example.com",
    }
    assert (
        f"/admin/ita/circulars/{circular.pk}/"
        in by_address["editor@example.go.th"].body
    )
    assert link_in(by_address["sommai@example.com"]) != link_in(
        by_address["mali@example.com"]
    )
    assert "แจ้งเวียน" in by_address["mali@example.com"].subject
    assert ChannelRecord.objects.filter(
        announcement=announcement, channel=Channel.CIRCULATION
    ).exists()


def test_a_bad_line_is_named_and_nothing_is_sent(editor_client, site, announcement):  # noqa: F811
    response = circulate(editor_client, site, announcement, "นายก ไม่มีอีเมล")
    assert response.status_code == 200
    assert "บรรทัดที่ 1" in read(response)
    assert not Circular.objects.exists() and not mail.outbox


def test_staff_without_an_account_acknowledge_once_by_their_link(circular, second_site):
    url = link_in(next(m for m in mail.outbox if m.to == ["sommai@example.com"]))
    path = url.split("://", 1)[1].split("/", 1)[1]
    visitor = Client()
    page = visitor.get(f"/{path}")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "same-origin"
    assert "รับทราบ" in read(page)
    # What the circular says, besides the announcement it is about.
    assert "แจ้งเวียนมาตรการส่งเสริมคุณธรรม" in read(page)
    assert "โปรดอ่านและลงชื่อรับทราบ" in read(page)
    visitor.post(f"/{path}")
    row = Acknowledgement.objects.get(email="sommai@example.com")
    first = row.acknowledged_at
    assert first is not None
    with freeze_time(timezone.now() + datetime.timedelta(days=2)):
        again = visitor.post(f"/{path}")
    row.refresh_from_db()
    assert row.acknowledged_at == first and "ท่านรับทราบประกาศนี้แล้วเมื่อ" in read(again)
    assert visitor.get(f"/{path[:-5]}xxxx/").status_code == 404  # forged
    other_host = Client(HTTP_HOST="b.example")
    assert other_host.get(f"/{path}").status_code == 404


def test_the_english_acknowledgement_page_links_the_english_announcement(
    circular,
    announcement,  # noqa: F811
    english_home,
    english_locale,
):
    english = announcement.copy_for_translation(english_locale, copy_parents=True)
    english.title = "Integrity measures"
    english.save_revision().publish()
    url = link_in(next(m for m in mail.outbox if m.to == ["sommai@example.com"]))
    path = url.split("://", 1)[1].split("/", 1)[1]
    page = Client().get(f"/en/{path}")
    assert page.status_code == 200
    assert "Integrity measures" in read(page) and english.url in page.content.decode()


def test_an_admin_user_acknowledges_in_the_admin(circular, editor_client, editor):
    editor_client.post(f"/admin/ita/circulars/{circular.pk}/acknowledge/")
    own = circular.recipients.get(user=editor)
    assert own.acknowledged_at is not None
    listing = read(editor_client.get(f"/admin/ita/circulars/{circular.pk}/"))
    assert "แจ้งเวียนบุคลากร 3 คน รับทราบแล้ว 1 คน" in listing


def test_reminders_reach_the_pending_at_most_once_a_day(
    circular, editor_client, editor, django_capture_on_commit_callbacks
):
    circular.recipients.filter(email="mali@example.com").update(
        acknowledged_at=timezone.now()
    )
    mail.outbox.clear()
    remind_url = f"/admin/ita/circulars/{circular.pk}/remind/"
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(remind_url)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "editor@example.go.th",
        "sommai@example.com",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(remind_url)
    assert len(mail.outbox) == 2
    with (
        freeze_time(timezone.now() + datetime.timedelta(days=1, minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        editor_client.post(remind_url)
    assert len(mail.outbox) == 4


def test_the_acknowledgement_list_prints_and_the_announcement_counts(
    circular,
    editor_client,
    client,
    announcement,  # noqa: F811
):
    circular.recipients.filter(user__isnull=False).update(
        acknowledged_at=timezone.now()
    )
    pdf = editor_client.get(f"/admin/ita/circulars/{circular.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    page = read(client.get(announcement.url))
    assert "แจ้งเวียนบุคลากร 3 คน รับทราบแล้ว 1 คน" in page
    body = client.get(f"/api/v2/pages/{announcement.pk}/").json()
    assert body["circulation"] == {"sent": 3, "acknowledged": 1}


def test_another_sites_editor_cannot_open_the_circular(
    circular, django_user_model, second_site
):
    stranger = django_user_model.objects.create_user("stranger", password="pw")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    sign_in(client, stranger)
    assert client.get(f"/admin/ita/circulars/{circular.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/ita/circulars/{circular.pk}/pdf/").status_code in (
        302,
        403,
    )


def test_the_circulars_list_filters_only_by_the_editors_sites(
    editor_client, circular, site, second_site
):
    """The site filter names no other government than the editor's own."""
    listing = editor_client.get("/admin/ita_circulars/")
    filters = listing.context["filters"].form
    assert list(filters.fields["site"].queryset) == [site]
    assert second_site.site_name not in listing.content.decode()


def test_a_sent_circular_is_a_record_never_edited_or_moved(
    editor_client, circular, site, second_site
):
    """An editor of one site circulates for the sites they act for only; what went
    out is not edited, moved to another site or deleted: the listing opens each
    circular's acknowledgement list."""
    form = editor_client.get("/admin/ita_circulars/new/").context["form"]
    assert list(form.fields["site"].queryset) == [site]
    for gone in ("edit", "delete"):
        url = f"/admin/ita_circulars/{gone}/{circular.pk}/"
        assert editor_client.get(url).status_code == 404
    listing = editor_client.get("/admin/ita_circulars/").content.decode()
    assert f'href="/admin/ita/circulars/{circular.pk}/"' in listing


def test_staff_without_an_account_need_an_e_mail(circular):
    nameless = Acknowledgement(circular=circular, name="นายช่าง ไม่มีบัญชี")
    with pytest.raises(ValidationError) as refused:
        nameless.clean()
    assert refused.value.messages == ["บุคลากรที่ไม่มีบัญชีผู้ใช้ต้องมีอีเมลเพื่อรับลิงก์"]
    nameless.email = "chang@example.com"
    nameless.clean()
