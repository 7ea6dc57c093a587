"""What makes tip pages anonymous: the request loses the client's address, forwarding
headers and user agent before any other code (session, logging, error reports) sees
it, and keeps only an hourly pseudonym for rate limits.

Tip pages live wherever editors put them (slugs, ``/en/`` prefix), so their paths are
computed when a tip page is published, moved or removed, and kept in the cache; the
middleware reads that cache, and looks the paths up once when the cache has lost them
(flushed, or a new process's own cache). The tip endpoints of the JSON API are found
by their URL name, wherever the host mounts the API. The pages' ``serve`` (and the
endpoints) scrub again as a backstop (before Django logs the response).
"""

import functools
import logging

from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, get_urlconf, reverse

from kcs_core.throttle import client_key
from tips.uploads import InMemoryTipUploadHandler

PLACEHOLDER_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder, never bound
# Headers that identify the client or its software.
IDENTIFYING_HEADERS = (
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_X_ORIGINAL_FORWARDED_FOR",
    "HTTP_VIA",
    "HTTP_USER_AGENT",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
)
PATHS_CACHE_KEY = "tips:anonymous-paths"
#: Set in the WSGI environ of a tip request (Django's ``request.META`` is that very
#: dict), so that the server's access log can leave it out
#: (``deploy/gunicorn.conf.py``).
TIP_REQUEST_MARK = "kcs.tip_request"


class QuietTipRequests(logging.Filter):
    """Drops Django's warnings about tip requests (``django.request``: a refused
    code or form, 400) and its security records about them (a stale form, 403; a
    request too big or with too many fields or files, 400, which Django logs as
    errors and mails): wherever the log is kept (journald), each line is timed,
    and says what a tipster did. Server errors stay: an operator must see them
    (their e-mail is scrubbed, :mod:`tips.debug`). Added to those loggers by
    :meth:`tips.apps.TipsConfig.ready`."""

    LOGGERS = (
        "django.request",
        "django.security.csrf",
        "django.security.RequestDataTooBig",
        "django.security.TooManyFieldsSent",
        "django.security.TooManyFilesSent",
        "django.security.SuspiciousMultipartForm",
    )

    def filter(self, record: logging.LogRecord) -> bool:
        meta = getattr(getattr(record, "request", None), "META", {})
        if not meta.get(TIP_REQUEST_MARK):
            return True
        return record.levelno >= logging.ERROR and record.name == "django.request"


def anonymize(request) -> None:
    """Strip everything that identifies the client from ``request`` (idempotent)."""
    if getattr(request, "tips_anonymous", False):
        return
    request.tips_client_key = client_key(request.META)
    request.META["REMOTE_ADDR"] = PLACEHOLDER_ADDRESS
    for header in IDENTIFYING_HEADERS:
        request.META.pop(header, None)
    request.__dict__.pop("headers", None)  # cached view of META
    request.META[TIP_REQUEST_MARK] = True
    if not hasattr(request, "_files"):
        request.upload_handlers = [InMemoryTipUploadHandler(request)]
    request.tips_anonymous = True


def anonymous_paths() -> tuple[str, ...] | None:
    """The cached tip page paths; None when the cache has lost them. Never touches
    the database: requests to other pages, and error reports, cost nothing."""
    return cache.get(PATHS_CACHE_KEY)


def remember_anonymous_paths(paths: tuple[str, ...]) -> None:
    """Keep the tip pages' paths for the middleware
    (:func:`tips.models.pages.refresh_anonymous_paths` finds them)."""
    cache.set(PATHS_CACHE_KEY, paths, None)


def api_prefix() -> str | None:
    """Where the host mounts the tip endpoints of the JSON API (``/api/tips/``, see
    :mod:`tips.api`), or None when it does not mount the API."""
    return _api_prefix(get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=8)
def _api_prefix(urlconf) -> str | None:
    try:
        from kcs_core.api import URL_NAMESPACE
    except ImportError:  # installed without the "api" extra (django-ninja)
        return None
    try:
        return reverse(f"{URL_NAMESPACE}:tips_pages", urlconf=urlconf)
    except NoReverseMatch:
        return None


def is_anonymous_path(path: str, page_paths: tuple[str, ...] | None = None) -> bool:
    """Whether ``path`` is a tip page (or below one) or a tip endpoint of the API;
    ``page_paths`` are the tip pages' paths (by default those cached)."""
    prefix = api_prefix()
    if prefix and path.startswith(prefix):
        return True
    if page_paths is None:
        page_paths = anonymous_paths() or ()
    return any(path.startswith(prefix) for prefix in page_paths)


def is_anonymous_request(request) -> bool:
    """Whether ``request`` is (or should have been) anonymised."""
    if getattr(request, "tips_anonymous", False):
        return True
    path = getattr(request, "path_info", "")
    return bool(path) and is_anonymous_path(path)
