"""The screens that take the second factor: set-up on first sign-in (a QR code and
the same key as text, for people who cannot scan), then a six-digit code at every
sign-in. Backup codes are shown once, at set-up, for a lost phone."""

import base64

from django import forms
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

import django_otp
import qrcode
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathFillImage

from kcs_core.second_factor import is_verified, requires_second_factor

BACKUP_CODE_COUNT = 8

app_name = "kcs_second_factor"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_(
            "The six digits your authenticator app shows now, or one of your "
            "backup codes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, devices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = list(devices)
        self.device = None

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        allowed = [device for device in self.devices if device.verify_is_allowed()[0]]
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute, then try again.")
            )
        for device in allowed:
            if device.verify_token(code):
                self.device = device
                return code
        raise forms.ValidationError(
            _("That code is not right, or has expired. Try the code shown now.")
        )


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def key_as_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, as authenticator apps take it."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The key as a QR code to put in the page: one SVG path on white (django-otp's
    own image is drawn with ``svg:``-prefixed elements, which a browser does not
    paint inside HTML, and a dark admin theme would hide black on nothing)."""
    image = qrcode.make(device.config_url, image_factory=SvgPathFillImage)
    return image.to_string(encoding="unicode")


def new_backup_codes(user) -> list[str]:
    """Replace ``user``'s backup codes with new ones (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="backup")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _index in range(BACKUP_CODE_COUNT)]
    device.token_set.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(request):
    """Set up (no confirmed device yet) or check the code, then go on to ``next``."""
    user = request.user
    if is_verified(user) or not requires_second_factor(user):
        return redirect(next_url(request))
    devices = list(devices_for_user(user))
    setting_up = not devices
    if setting_up:
        pending, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "authenticator"}
        )
        devices = [pending]
    form = CodeForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        if setting_up:
            form.device.confirmed = True
            form.device.save(update_fields=["confirmed"])
            return render(
                request,
                "kcs_core/second_factor/backup_codes.html",
                {"codes": new_backup_codes(user), "next": next_url(request)},
            )
        return redirect(next_url(request))
    context = {"form": form, "next": next_url(request), "setting_up": setting_up}
    if setting_up:
        context |= {"qr_code": qr_code_svg(devices[0]), "key": key_as_text(devices[0])}
    return render(request, "kcs_core/second_factor/verify.html", context)


urlpatterns = [path("", verify, name="verify")]
