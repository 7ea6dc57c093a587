"""The page a resident meets when Django's CSRF check refuses a form
(``CSRF_FAILURE_VIEW = "kcs_core.csrf.csrf_failure"``).

Django's own page is English text in a bare layout. This one is in the site's layout
(``base.html``) and the request's language: it says what most likely happened (the
page was open too long, or the browser blocks cookies) and leads back to the form.

It never offers to send the refused answers again: a page that posts back what it
received, with a fresh token, is exactly what the check stops (another site could
post its own answers here for the resident to confirm with one click). So nothing of
the request is shown or kept; the resident goes back to the form, where the
browser's Back button usually still holds what they typed, and attaches files again.

Nothing is logged here: Django's ``django.security.csrf`` logger records the refusal,
after the tip channel's middleware has anonymised the request.
"""

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.models import Site

# The site's own page first, then the plugin's (which extends the site's base.html).
TEMPLATE_NAMES = ["403_csrf.html", "kcs_core/403_csrf.html"]


def is_own_url(url: str, request: HttpRequest) -> bool:
    """Whether ``url`` points to this host, with a scheme no weaker than the
    request's."""
    return url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def form_url(request: HttpRequest) -> str | None:
    """The path of the page the refused form was on: the ``Referer``'s path when the
    Referer is this site, else None. The query string is dropped: a form sent with
    GET, or a search, would carry what the resident typed."""
    referer = request.headers.get("referer", "")
    if not referer or not is_own_url(referer, request):
        return None
    path = urlsplit(referer).path
    # A path such as "//other.example/" is another host to a browser.
    return path if path.startswith("/") and is_own_url(path, request) else None


def home_url(request: HttpRequest) -> str:
    """The site's home page in the active language (``/`` when no site serves the
    host or the page has no URL)."""
    site = Site.find_for_request(request)
    if site is None:
        return "/"
    return site.root_page.localized.get_url(request) or "/"


def get_context(request: HttpRequest) -> dict:
    """What the template gets: ``form_url`` (None when unknown), ``home_url``, and
    ``had_files``, whether the form could carry files (they are never kept)."""
    return {
        "form_url": form_url(request),
        "home_url": home_url(request),
        "had_files": request.content_type == "multipart/form-data",
    }


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    """Django's ``CSRF_FAILURE_VIEW``: the refusal page, with status 403. ``reason``
    is Django's technical English, already in its log: never shown."""
    return HttpResponseForbidden(
        render_to_string(TEMPLATE_NAMES, get_context(request), request=request)
    )
