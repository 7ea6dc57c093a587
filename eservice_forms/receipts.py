"""The confirmation page's receipt: which request was just filed, and its tracking
code, in a signed cookie that lasts an hour (never in the URL)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing

from .models.requests import ServiceRequest

COOKIE = "esv_receipt"
SALT = "eservice_forms.receipt"
MAX_AGE = 60 * 60


def attach(response, request, page, submission) -> None:
    """Set the receipt cookie of ``submission`` (a :class:`services.Submission`)
    for the service page and each of its live translations, so that the language
    switcher on the confirmation keeps it: each sent back only to its page's own
    path, and only over HTTPS where the site's cookies are
    (``SESSION_COOKIE_SECURE``, as production sets it)."""
    value = f"{submission.request.pk}:{submission.secret}"
    for translation in [page, *page.get_translations().live().select_related("locale")]:
        path = cookie_path(request, translation)
        if path is None:
            continue  # not routable (no site): never the whole host
        response.set_signed_cookie(
            cookie_name(translation),
            value,
            salt=SALT,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            path=path,
            secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
        )


def cookie_name(page) -> str:
    """One cookie per language: a page and its translation have their own paths."""
    return f"{COOKIE}_{page.locale.language_code}"


def cookie_path(request, page) -> str | None:
    """The page's path alone (on a multi-site install its URL may be absolute), or
    ``None`` for a page no site routes to."""
    url = page.get_url(request)
    return urlsplit(url).path if url else None


def read(request, page):
    """``(request, tracking code)`` of the receipt for ``page`` (or a translation
    of it), or ``None``."""
    # COOKIE: a receipt set before the cookie was named by language (an hour's life).
    for name in (cookie_name(page), COOKIE):
        try:
            value = request.get_signed_cookie(name, salt=SALT, max_age=MAX_AGE)
        except (KeyError, signing.BadSignature):
            continue
        break
    else:
        return None
    pk, _sep, secret = value.partition(":")
    service_request = ServiceRequest.objects.filter(
        pk=pk, page__translation_key=page.translation_key
    ).first()
    return (service_request, secret) if service_request else None
