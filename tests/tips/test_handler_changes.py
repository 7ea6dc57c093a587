"""Administrators cannot quietly read tips: a new or removed handler is announced to
the site's handlers and listed on the tip page, and nobody but a handler changes the
handler's password or e-mail address."""

from django.contrib.auth import authenticate
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from wagtail.models import GroupPagePermission, GroupSitePermission

import pytest

from kcs_core.thai_dates import format_thai_date, keep_together
from tests.conftest import make_staff, sign_in
from tests.tips.conftest import make_handler
from tips.models import HandlerChange, TipHandler
from tips.permissions import handled_site_ids

pytestmark = pytest.mark.django_db

NEW_HANDLER = {
    "name": "นายใหม่ รับเรื่อง",
    "position": "ปลัด อบต.",
    "position_en": "Chief administrator",
    "sort_order": 1,
}


def make_self_a_handler(admin_client, admin_user, site):
    return admin_client.post(
        "/admin/tip_handlers/new/",
        {"site": site.pk, "user": admin_user.pk, **NEW_HANDLER},
    )


def test_an_administrator_who_makes_themself_a_handler_is_announced(
    admin_client,
    admin_user,
    site,
    handler,
    tip_page,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    colleague = make_handler(
        django_user_model, site, username="colleague", name="นางสาวสอง"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert make_self_a_handler(admin_client, admin_user, site).status_code == 302

    change = HandlerChange.objects.get(account="admin")
    assert (change.kind, change.name, change.account) == (
        "added",
        "นายใหม่ รับเรื่อง",
        "admin",
    )
    [announcement] = [m for m in mail.outbox if "นายใหม่ รับเรื่อง" in m.subject]
    assert sorted(announcement.to) == sorted([handler.email, colleague.email])
    assert "admin" in announcement.body

    page = admin_client.get(tip_page.url).content.decode()
    assert "ตำแหน่ง ปลัด อบต. เริ่มเป็นผู้รับเรื่องเบาะแส" in page
    assert f'<time datetime="{change.changed_on:%Y-%m-%d}">' in page
    assert f"{keep_together(format_thai_date(change.changed_on))}</time>" in page


def test_a_removed_handler_and_the_others_are_told(
    site,
    handler,
    tip_page,
    client,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    colleague = make_handler(django_user_model, site, username="colleague")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        TipHandler.objects.get(user=handler).delete()
    [announcement] = mail.outbox
    assert sorted(announcement.to) == [colleague.email, handler.email]
    assert "พ้นจากการเป็นผู้รับเรื่องเบาะแส" in client.get(tip_page.url).content.decode()


def test_pointing_an_entry_at_another_account_is_a_removal_and_an_addition(
    site, handler, django_user_model
):
    intruder = django_user_model.objects.create_user(username="intruder")
    entry = TipHandler.objects.get(user=handler)
    entry.user = intruder
    entry.save()
    kinds = list(HandlerChange.objects.order_by("pk").values_list("kind", "account"))
    assert kinds == [
        ("added", "handler"),
        ("removed", "handler"),
        ("added", "intruder"),
    ]
    assert not handler.groups.exists()


def test_the_api_lists_the_changes(client, tip_page, handler):
    response = client.get(f"/api/v2/pages/{tip_page.pk}/")
    [change] = response.json()["handler_changes"]
    assert change["kind"] == "added" and change["name"] == "นางสาวสมใจ ใจดี"
    assert change["changed_on"] == timezone.localdate().isoformat()


def test_an_administrator_cannot_change_a_handlers_password_or_email(
    admin_client, handler
):
    url = f"/admin/users/edit/{handler.pk}/"
    form = admin_client.get(url)
    assert form.status_code == 200
    for changed in (
        {"password1": "Taken-over-123", "password2": "Taken-over-123"},
        {"email": "admin@example.com"},
    ):
        data = {
            "username": handler.username,
            "email": handler.email,
            "first_name": "สมใจ",
            "last_name": "ใจดี",
            "is_active": "on",
            "groups": [group.pk for group in handler.groups.all()],
            "password1": "",
            "password2": "",
            **changed,
        }
        response = admin_client.post(url, data, follow=True)
        assert "เฉพาะเจ้าของบัญชี" in response.content.decode()
    handler.refresh_from_db()
    assert handler.email == "handler@example.go.th"
    assert authenticate(username="handler", password="pw") == handler
    assert handler.first_name == "สมใจ"  # the rest of the edit was kept


def test_an_administrator_still_edits_other_accounts(admin_client, django_user_model):
    clerk = django_user_model.objects.create_user(
        username="clerk", email="clerk@example.go.th", password="pw"
    )
    response = admin_client.post(
        f"/admin/users/edit/{clerk.pk}/",
        {
            "username": "clerk",
            "email": "new-clerk@example.go.th",
            "first_name": "สมใจ",
            "last_name": "ใจดี",
            "is_active": "on",
            "password1": "",
            "password2": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    clerk.refresh_from_db()
    assert clerk.email == "new-clerk@example.go.th"


def test_a_handler_who_has_not_given_the_code_reads_nothing(client, handler, tip_page):
    client.force_login(handler)  # the password alone
    response = client.get("/admin/tips/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/second-factor/?next=")
    assert handled_site_ids(handler) == []


def test_an_administrator_of_another_site_cannot_name_or_see_this_sites_handlers(
    client, site, handler, other_site, django_user_model
):
    """Naming yourself a handler of a site is reading its tips: an administrator
    of one government, with every tip handler permission, lists, edits and names
    handlers for their own site only."""
    other_admin = make_staff(
        "other-admin",
        "ผู้ดูแล อบต.อื่น",
        other_site.root_page,
        page_permissions=("add", "change", "publish"),
        codenames=("add_tiphandler", "change_tiphandler", "delete_tiphandler"),
    )
    sign_in(client, other_admin)
    listing = client.get("/admin/tip_handlers/")
    assert listing.status_code == 200
    assert "นางสาวสมใจ ใจดี" not in listing.content.decode()
    entry = TipHandler.objects.get(user=handler)
    assert client.get(f"/admin/tip_handlers/edit/{entry.pk}/").status_code == 302
    assert client.post(f"/admin/tip_handlers/delete/{entry.pk}/").status_code == 302
    refused = client.post(
        "/admin/tip_handlers/new/",
        {"site": site.pk, "user": other_admin.pk, **NEW_HANDLER},
    )
    assert "site" in refused.context["form"].errors
    assert not handled_site_ids(other_admin)
    assert TipHandler.objects.get(user=handler) == entry


def test_the_account_list_offers_no_other_governments_staff(
    client, site, handler, other_site, django_user_model
):
    """The new handler form listed every account of the installation: another
    government's staff and tip handlers, by name."""
    other_admin = make_staff(
        "other-admin",
        "ผู้ดูแล อบต.อื่น",
        other_site.root_page,
        page_permissions=("add", "change", "publish"),
        codenames=("add_tiphandler", "change_tiphandler"),
    )
    colleague = make_staff("other-clerk", "เจ้าหน้าที่ อบต.อื่น", other_site.root_page)
    site_editor = make_staff("this-editor", "บรรณาธิการ", site.root_page)
    newcomer = django_user_model.objects.create_user("newcomer", password="pw")
    # Staff of this site by a permission given for the site alone (no page grant).
    settings_clerk = make_staff("this-settings", "ตั้งค่า", site.root_page.get_parent())
    GroupPagePermission.objects.filter(group__user=settings_clerk).delete()
    GroupSitePermission.objects.create(
        group=settings_clerk.groups.get(),
        site=site,
        permission=Permission.objects.get(codename="change_governmentsettings"),
    )
    sign_in(client, other_admin)
    form = client.get(f"/admin/tip_handlers/new/?site={other_site.pk}").context["form"]
    offered = set(form.fields["user"].queryset)
    assert {other_admin, colleague, newcomer} <= offered
    assert not {handler, site_editor, settings_clerk} & offered
