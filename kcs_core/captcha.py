"""The public forms' captcha (the tip form, the Q&A board): django-simple-captcha with
digits, served by the form's page itself (:class:`CaptchaRoutesMixin`, so that the
tip page's image and sound requests are anonymised like the page), and a spoken Thai
alternative for people who cannot see the image (WCAG 1.1.1).

The sound is made on the server by espeak-ng's Thai voice, offline. Where espeak-ng
is not installed, the page shows the digits as Thai words inside a disclosure
instead, and a system check warns.
"""

import secrets
import shutil
import subprocess

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import re_path

from captcha import views as captcha_views
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore

from kcs_core.pacing import LIFETIME
from kcs_core.thai_dates import arabic_digits

THAI_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
CHALLENGE_LENGTH = 5
#: The submit button that asks for another challenge, keeping what was typed.
REFRESH_FIELD = "refresh_captcha"


def digit_challenge() -> tuple[str, str]:
    """A challenge of random digits, easy to read aloud in Thai (the generator
    django-simple-captcha calls: returns the challenge and its answer)."""
    digits = "".join(secrets.choice("0123456789") for _ in range(CHALLENGE_LENGTH))
    return digits, digits


def spoken_words(challenge: str) -> str:
    """The challenge as Thai words, one per digit: ``"48"`` → ``"สี่ แปด"``."""
    return " ".join(THAI_DIGIT_WORDS[int(digit)] for digit in challenge)


def espeak_path() -> str | None:
    """The espeak-ng program: ``KCS_TIPS_ESPEAK_PATH`` when set (``""`` turns speech
    off), else ``espeak-ng`` found on ``PATH``."""
    configured = getattr(settings, "KCS_TIPS_ESPEAK_PATH", None)
    if configured is not None:
        return configured or None
    return shutil.which("espeak-ng")


def new_challenge() -> str:
    """The key of a new challenge (a fresh CaptchaStore row)."""
    return CaptchaStore.generate_key(digit_challenge)


def challenge_text(key: str) -> str:
    """The digits of challenge ``key``."""
    return CaptchaStore.objects.get(hashkey=key).challenge


def image_url(url_base: str, key: str) -> str:
    """The image of challenge ``key``, served by the form's page at ``url_base``."""
    return f"{url_base}captcha/{key}/image/"


def audio_url(url_base: str, key: str) -> str | None:
    """Its spoken version, or None where no speech synthesiser is installed."""
    return f"{url_base}captcha/{key}/audio/" if espeak_path() else None


def audio_response(key: str) -> HttpResponse:
    """A WAV file of the challenge spoken slowly in Thai, or 410 once it has expired
    (404 when no speech synthesiser is installed)."""
    store = CaptchaStore.objects.filter(hashkey=key).first()
    if store is None:
        return HttpResponse(status=410)
    program = espeak_path()
    if not program:
        return HttpResponse(status=404)
    words = ", ".join(spoken_words(store.challenge).split())
    result = subprocess.run(  # noqa: S603 - fixed program, text is our own digits
        [program, "-v", "th", "-s", "110", "-g", "12", "--stdout", words],
        capture_output=True,
        timeout=20,
        check=True,
    )
    response = HttpResponse(result.stdout, content_type="audio/wav")
    response["Content-Disposition"] = 'inline; filename="captcha.wav"'
    return response


class DigitCaptchaWidget(CaptchaTextInput):
    """The image, its Thai instructions, the spoken alternative and the answer box.

    ``url_base`` is the form page's URL; the image and sound are its sub-routes.
    """

    template_name = "kcs_core/widgets/captcha.html"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, generator=digit_challenge)
        self.url_base = ""

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        # django-simple-captcha's version insists on its own URLs being installed;
        # ours are the page's routes.
        key = CaptchaStore.generate_key(generator)
        self._value = [key, ""]
        self._key = key
        self.id_ = self.build_attrs(attrs).get("id", None)

    def image_url(self):
        return image_url(self.url_base, self._key)

    def audio_url(self):
        return audio_url(self.url_base, self._key)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["challenge_length"] = CHALLENGE_LENGTH
        if not context["audio"]:
            context["spoken_text"] = spoken_words(challenge_text(self._key))
        field_id = context["widget"]["attrs"].get("id")
        context["answer_id"] = answer_id = self.id_for_label(field_id)
        # The answer box is described by the instructions, and by the error when
        # there is one (Django links the error to the fieldset only).
        described_by = [f"{answer_id}_instructions"]
        if context["widget"]["attrs"].get("aria-invalid"):
            described_by.append(f"{field_id}_error")
        answer = context["widget"]["subwidgets"][-1]
        answer["attrs"]["aria-describedby"] = " ".join(described_by)
        return context


class DigitCaptchaField(CaptchaField):
    """Accepts Thai digits (๔๘๒…) as well as Arabic ones. The typed answer is
    blanked and the challenge deleted after one attempt, right or wrong."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DigitCaptchaWidget())
        # django-simple-captcha's own "Invalid CAPTCHA" has no Thai translation.
        kwargs.setdefault("error_messages", {}).setdefault(
            "invalid",
            _(
                "The digits do not match the picture. "
                "Type the digits of the new picture."
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        if value and len(value) > 1 and value[1]:
            value = [value[0], arabic_digits(value[1])]
        return super().clean(value)


class CaptchaRoutesMixin:
    """For a routable page with a captcha form: serves the challenge's picture and
    sound as the page's own sub-routes (``captcha/<key>/image/`` and ``…/audio/``),
    never kept by a cache: a challenge is one visitor's, once."""

    @re_path(r"^captcha/(?P<key>\w+)/image/$")
    def captcha_image(self, request, key):
        response = captcha_views.captcha_image(request, key)
        add_never_cache_headers(response)
        return response

    @re_path(r"^captcha/(?P<key>\w+)/audio/$")
    def captcha_audio(self, request, key):
        response = audio_response(key)
        add_never_cache_headers(response)
        return response


class HumanCheckForm(forms.Form):
    """A public form a person fills in without an account: a captcha, a honeypot
    robots fill in, and a signed start time that refuses forms sent faster than a
    person types (``min_fill_setting``, 5 seconds) or older than two days
    (:data:`kcs_core.pacing.LIFETIME`).

    The three fields come after the form's own; :meth:`answers` leaves them out.
    Build it with ``captcha_url_base``, the URL of the page that serves the captcha
    (a :class:`CaptchaRoutesMixin` page).
    """

    # Hidden from people (and screen readers); robots fill in every field.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    captcha = DigitCaptchaField(label=_("Security code"))

    check_fields = ("website", "started", "captcha")
    #: The checks a sending spends: the same form sent again finds them spent.
    single_use_fields = ("captcha",)
    #: Signs the start time; a form of another kind cannot reuse it.
    started_salt = "kcs_core.form-started"
    #: The setting that holds the fewest seconds a person needs.
    min_fill_setting = "KCS_MIN_FILL_SECONDS"

    def __init__(self, *args, captcha_url_base="", **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(
            [name for name in self.fields if name not in self.check_fields]
            + list(self.check_fields)
        )
        self.fields["captcha"].widget.url_base = captcha_url_base
        if not self.is_bound:
            self.initial["started"] = self.started_signer().sign(".")

    def started_signer(self) -> signing.TimestampSigner:
        return signing.TimestampSigner(salt=self.started_salt)

    def min_fill_seconds(self) -> int:
        """Seconds a person needs at least to fill in the form; faster submissions
        are taken for robots."""
        return getattr(settings, self.min_fill_setting, 5)

    def clean(self):
        """The honeypot and the fill time: form-level errors, since their fields
        are hidden."""
        cleaned = super().clean()
        if cleaned.get("website"):
            self.add_error(None, gettext("The form could not be accepted."))
        problem = self.fill_time_problem(cleaned.get("started", ""))
        if problem:
            self.add_error(None, problem)
        return cleaned

    def fill_time_problem(self, token: str) -> str:
        """Why the signed start time is refused, or "" when it is acceptable."""
        signer = self.started_signer()
        try:
            signer.unsign(token, max_age=LIFETIME)
        except signing.BadSignature:
            return gettext(
                "The form has expired. Check your answers and send it again."
            )
        try:
            signer.unsign(token, max_age=self.min_fill_seconds())
        except signing.SignatureExpired:
            return ""
        return gettext(
            "That was very fast. Check your answers and send the form again."
        )

    def forget_spent_checks(self) -> None:
        """Drop the errors of :attr:`single_use_fields` on a form sent again: the
        first sending spent them, the sender did not mistype (the page shows new
        ones)."""
        for name in self.single_use_fields:
            self.errors.pop(name, None)

    def answers(self, *, leave_out=()) -> dict:
        """The cleaned answers to store: no captcha, honeypot or timing."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (*self.check_fields, *leave_out)
        }
