"""Which responses a shared HTTP cache may keep, decided by each response itself.

Pages are cached by the HTTP cache in front of the app (Varnish, nginx or a CDN), never
in Python: a response that is the same for every visitor gets
``Cache-Control: max-age=0, s-maxage=N, public``; any other gets
``Cache-Control: private, no-store``. Publishing purges the cache through
``wagtail.contrib.frontend_cache`` (see :mod:`kcs_core.frontend_cache`).

A response is *personal*, and never stored, when any of these holds:

- it answers anything but GET or HEAD;
- it sets a cookie (a CSRF token, a receipt, a message) or varies on ``Cookie``
  (Django marks every response that used the CSRF token or the session so);
- the view or its template read a cookie of the visitor's (a receipt, a language
  choice), recorded by :class:`RecordedCookies`;
- it already says ``private``, ``no-store`` or ``no-cache``;
- it was not served by a view that opted in: Wagtail's page view, or a view wrapped
  in :func:`shared`.

So a view that forgets to say it is personal is kept private all the same, and a new
URL needs no list to be kept up to date. Responses that already carry their own
``Cache-Control`` (static files) keep it unless they turn out personal.

Put :class:`CacheControlMiddleware` at the top of ``MIDDLEWARE`` (after the tip
channel's anonymity middleware), so that it sees the final ``Set-Cookie`` and
``Vary`` headers. ``KCS_SHARED_CACHE_SECONDS`` (600 by default) is the ``s-maxage``.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_cache_control

from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

PERSONAL = "private, no-store"
NEVER_SHARED_DIRECTIVES = {"private", "no-store", "no-cache"}
SHAREABLE_STATUSES = {200, 301, 404, 410}
SHAREABLE_METHODS = {"GET", "HEAD"}
# The header that names the site a shared response belongs to, so that the HTTP
# cache can drop one site's pages whatever host name they were reached by.
SITE_HEADER = "X-Cache-Site"


def shared_cache_seconds() -> int:
    """How long a shared cache may keep a visitor-independent response."""
    return getattr(settings, "KCS_SHARED_CACHE_SECONDS", 600)


def shared(view: Callable) -> Callable:
    """Mark a view whose responses may be the same for every visitor (they are still
    kept private when they set or read a cookie)."""
    view.kcs_shared_cache = True
    return view


def view_is_shareable(view_func) -> bool:
    """Wagtail's page view and views wrapped in :func:`shared`."""
    return view_func is wagtail_serve or getattr(view_func, "kcs_shared_cache", False)


def _noting(method: Callable, every: bool = False) -> Callable:
    """The dict ``method``, noting first which cookie it reads: the one named by its
    first argument, or with ``every`` all of them (``*``)."""

    @wraps(method)
    def noting(self, *args):
        self.read.add("*" if every else args[0])
        return method(self, *args)

    return noting


class RecordedCookies(dict):
    """The request's cookies, noting every name the view asks for (present or not: a
    response may also depend on a cookie being absent)."""

    def __init__(self, cookies):
        super().__init__(cookies)
        self.read: set[str] = set()

    __getitem__ = _noting(dict.__getitem__)
    get = _noting(dict.get)
    __contains__ = _noting(dict.__contains__)
    __iter__ = _noting(dict.__iter__, every=True)
    keys = _noting(dict.keys, every=True)
    values = _noting(dict.values, every=True)
    items = _noting(dict.items, every=True)


def header_tokens(response, header: str) -> set[str]:
    return {
        token.split("=")[0].strip().lower()
        for token in cc_delim_re.split(response.get(header, ""))
        if token.strip()
    }


def response_is_personal(request, response) -> bool:
    """Whether the response may differ from one visitor to the next."""
    if request.method not in SHAREABLE_METHODS or response.cookies:
        return True
    if header_tokens(response, "Vary") & {"cookie", "*"}:
        return True
    if header_tokens(response, "Cache-Control") & NEVER_SHARED_DIRECTIVES:
        return True
    cookies = request.__dict__.get("COOKIES")
    if not isinstance(cookies, RecordedCookies):
        return False
    return bool(cookies.read - cookies_marked_by_django())


def cookies_marked_by_django() -> set[str]:
    """The session and CSRF cookies: Django adds ``Vary: Cookie`` to any response
    that used them, and reads them again on the way out whether used or not."""
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def site_tag(request) -> str:
    """The host of the site's root URL, as ``frontend_cache`` sends it with a purge."""
    site = Site.find_for_request(request)
    return urlsplit(site.root_url).netloc if site else ""


class CacheControlMiddleware:
    """Says on every response whether a shared cache may keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response_is_personal(request, response):
            self.mark_personal(response)
        elif "Cache-Control" in response:
            pass  # a public policy of its own (static files)
        elif (
            getattr(request, "kcs_shared_view", False)
            and response.status_code in SHAREABLE_STATUSES
        ):
            self.mark_shared(request, response)
        else:
            self.mark_personal(response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """From here on, record the cookies the view and its template read."""
        request.COOKIES = RecordedCookies(request.COOKIES)
        request.kcs_shared_view = view_is_shareable(view_func)

    def mark_personal(self, response) -> None:
        response.headers.pop(SITE_HEADER, None)
        response["Cache-Control"] = PERSONAL

    def mark_shared(self, request, response) -> None:
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=shared_cache_seconds()
        )
        tag = site_tag(request)
        if tag:
            response[SITE_HEADER] = tag
