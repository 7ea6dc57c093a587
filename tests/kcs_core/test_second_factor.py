"""Tip handlers and approvers give a one-time code after their password; setting it
up, using it, a backup code, and a password reset that does not skip it."""

import datetime
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from ita_pages.models import ITAApprovalTask
from kcs_core.second_factor import (
    check_second_factor_installed,
    requires_second_factor,
)
from tests.tips.conftest import make_handler
from tips.permissions import handled_site_ids

pytestmark = pytest.mark.django_db

VERIFY = "/admin/second-factor/"


def sign_in_with_password(client, username, password="pw"):  # noqa: S107
    return client.post(
        "/admin/login/", {"username": username, "password": password}, follow=True
    )


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def test_first_sign_in_sets_up_an_authenticator_and_gives_backup_codes(
    client, site, django_user_model
):
    handler = make_handler(django_user_model, site)
    page = sign_in_with_password(client, "handler")
    html = page.content.decode()
    assert page.redirect_chain[-1][0].startswith(f"{VERIFY}?next=")
    # The screen's own icons load, not a second copy of the screen.
    assert client.get("/admin/sprite/")["Content-Type"].startswith("image/svg+xml")
    for catalog in ("wagtailadmin_javascript_catalog", "kcs_admin_javascript_catalog"):
        assert client.get(reverse(catalog)).status_code == 200, catalog
    # The QR code, drawn with elements a browser paints inside HTML (no "svg:").
    assert "<svg" in html and "<path d=" in html and "<svg:" not in html
    device = TOTPDevice.objects.get(user=handler, confirmed=False)
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1)
    assert key.replace(" ", "") and len(key.replace(" ", "")) >= 32  # typed by hand

    wrong = client.post(VERIFY, {"code": "000000", "next": "/admin/tips/"})
    assert "ไม่ถูกต้อง" in wrong.content.decode()
    assert client.get("/admin/tips/").status_code == 302

    with freeze_time(timezone.now() + datetime.timedelta(seconds=5)):  # throttled
        code = current_code(device)
        done = client.post(VERIFY, {"code": code, "next": "/admin/tips/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 8
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/tips/").status_code == 200

    # Next time: the password, then a backup code (each works once).
    client.logout()
    page = sign_in_with_password(client, "handler")
    assert "<svg" not in page.content.decode()
    assert client.post(VERIFY, {"code": codes[0], "next": "/admin/tips/"}).status_code
    assert client.get("/admin/tips/").status_code == 200
    client.logout()
    sign_in_with_password(client, "handler")
    client.post(VERIFY, {"code": codes[0]})
    assert client.get("/admin/tips/").status_code == 302


def test_a_password_reset_never_skips_the_code(client, site, django_user_model):
    handler = make_handler(django_user_model, site)
    TOTPDevice.objects.create(user=handler, name="authenticator", confirmed=True)
    client.post("/admin/password_reset/", {"email": handler.email})
    [message] = mail.outbox
    link = re.search(r"(/admin/password_reset/confirm/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": "A-new-pass-2569", "new_password2": "A-new-pass-2569"},
    )
    page = sign_in_with_password(client, "handler", "A-new-pass-2569")
    assert page.redirect_chain[-1][0].startswith(f"{VERIFY}?next=")
    assert client.get("/admin/tips/").status_code == 302


def test_approvers_and_handlers_need_it_editors_do_not(site, django_user_model):
    approvers = Group.objects.create(name="ผู้อนุมัติ")
    task = ITAApprovalTask.objects.create(name="ปลัดอนุมัติ", position="ปลัด")
    task.groups.add(approvers)
    approver = django_user_model.objects.create_user(username="approver")
    approver.groups.add(approvers)
    editor = django_user_model.objects.create_user(username="editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    handler = make_handler(django_user_model, site)
    assert requires_second_factor(approver)
    assert requires_second_factor(handler)
    assert not requires_second_factor(editor)
    task.active = False
    task.save()
    assert not requires_second_factor(approver)


def test_nobody_manages_another_persons_second_factor(admin_client):
    """The Django admin, where devices and passwords of anyone could be edited, is
    not served; the set-up screen only ever shows the signed-in user's own key."""
    assert admin_client.get("/django-admin/").status_code == 404
    assert admin_client.get(VERIFY).status_code == 302  # needs none: straight on


def test_a_host_without_the_middleware_is_told_and_handlers_read_nothing(
    settings, site, django_user_model
):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if "otp" not in name.lower()
    ]
    assert [error.id for error in check_second_factor_installed(None)] == [
        "kcs_core.E002"
    ]
    handler = make_handler(django_user_model, site)
    assert handled_site_ids(handler) == []  # no verified session: fails closed
