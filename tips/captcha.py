"""The tip form's captcha: django-simple-captcha with digits, served by the tip page
itself (so its image and sound requests are anonymised like the page), and a spoken
Thai alternative for people who cannot see the image (WCAG 1.1.1).

The sound is made on the server by espeak-ng's Thai voice, offline. Where espeak-ng
is not installed, the page shows the digits as Thai words inside a disclosure
instead, and a system check warns.
"""

import secrets
import shutil
import subprocess

from django.conf import settings
from django.http import HttpResponse

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore

THAI_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
CHALLENGE_LENGTH = 5
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


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


def image_url(url_base: str, key: str) -> str:
    """The image of challenge ``key``, served by the tip page at ``url_base``."""
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


class TipCaptchaWidget(CaptchaTextInput):
    """The image, its Thai instructions, the spoken alternative and the answer box.

    ``url_base`` is the tip page's URL; the image and sound are its sub-routes.
    """

    template_name = "tips/widgets/captcha.html"

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
            store = CaptchaStore.objects.get(hashkey=self._key)
            context["spoken_text"] = spoken_words(store.challenge)
        context["answer_id"] = self.id_for_label(context["widget"]["attrs"].get("id"))
        return context


class TipCaptchaField(CaptchaField):
    """Accepts Thai digits (๔๘๒…) as well as Arabic ones. The typed answer is
    blanked and the challenge deleted after one attempt, right or wrong."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", TipCaptchaWidget())
        super().__init__(**kwargs)

    def clean(self, value):
        if value and len(value) > 1 and value[1]:
            value = [value[0], value[1].translate(_ARABIC_DIGITS)]
        return super().clean(value)
