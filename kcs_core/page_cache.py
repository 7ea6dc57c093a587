"""A cache of public Wagtail pages for anonymous visitors.

Each stored page carries the *generation* of its site it was rendered in; publishing,
unpublishing, moving or deleting any page of a site, or saving its settings, moves the
site to a new generation, so the next request renders afresh. A hit costs one cache
round trip (the generation and the page are read together). Responses that carry a
form token or a cookie (``Set-Cookie`` or ``Vary: Cookie``), or that say ``private``/
``no-store``/``no-cache``, are never stored: form pages, tip pages and tracking pages
stay uncached. Pages are stored gzipped (when that makes them smaller) and served so
to browsers that accept it: a tenth of the bytes for a phone on a slow line, and
compressed once, not per request; other clients get them decompressed. Only pages
without any secret in them are stored, so compression leaks nothing.

Enable it with ``kcs_core.page_cache.PageCacheMiddleware`` after Django's
``AuthenticationMiddleware``; ``KCS_PAGE_CACHE_SECONDS`` (600 by default, 0 turns the
cache off) and ``KCS_PAGE_CACHE_ALIAS`` (``"default"``) tune it.
"""

import gzip
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.encoding import iri_to_uri
from django.utils.text import compress_string

from kcs_core.sites import sites

HIT_HEADER = "X-Page-Cache"
FRAGMENT_SECONDS = 3600
NEVER_STORE_DIRECTIVES = {"private", "no-store", "no-cache"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
MIN_COMPRESS_BYTES = 1024


def cache_seconds() -> int:
    return getattr(settings, "KCS_PAGE_CACHE_SECONDS", 600)


def page_cache():
    return caches[getattr(settings, "KCS_PAGE_CACHE_ALIAS", "default")]


def generation_key(site_id: int) -> str:
    return f"kcs:pages:generation:{site_id}"


def site_generation(site_id: int) -> int:
    """The current generation of a site's cached pages."""
    return page_cache().get_or_set(generation_key(site_id), 1, timeout=None)


@dataclass(frozen=True)
class StoredPage:
    """A rendered page as the cache keeps it: the generation it was rendered in, its
    status and headers, and its body, gzipped when that makes it smaller."""

    generation: int
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    gzipped: bool

    @classmethod
    def from_response(cls, response, generation: int) -> "StoredPage":
        body, gzipped = response.content, False
        if len(body) >= MIN_COMPRESS_BYTES and not response.has_header(
            "Content-Encoding"
        ):
            compressed = compress_string(body)
            if len(compressed) < len(body):
                body, gzipped = compressed, True
        headers = tuple(
            (header, value)
            for header, value in response.items()
            if header.lower() != "content-length"
        )
        return cls(generation, response.status_code, headers, body, gzipped)

    def response_for(self, request) -> HttpResponse:
        """The page for ``request``: gzipped when the browser accepts it."""
        accepts = bool(
            ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        )
        body = gzip.decompress(self.body) if self.gzipped and not accepts else self.body
        response = HttpResponse(body, status=self.status)
        for header, value in self.headers:
            response[header] = value
        if self.gzipped:
            if accepts:
                response["Content-Encoding"] = "gzip"
            patch_vary_headers(response, ("Accept-Encoding",))
        return response


def cached_fragment(site_id: int, name: str, build):
    """A piece of a page (menu, breadcrumbs) cached until the site next changes.

    ``build`` makes the value (plain data, picklable) when the cache has none. Unlike
    whole pages, fragments are cached for every visitor, logged in or not: they hold
    nothing personal.
    """
    key = f"kcs:fragment:{site_id}:{site_generation(site_id)}:{name}"
    return page_cache().get_or_set(key, build, timeout=FRAGMENT_SECONDS)


def invalidate_site(site_id: int | None) -> None:
    """Drop every cached page of a site by moving it to a new generation."""
    if site_id is None:
        return
    cache = page_cache()
    try:
        cache.incr(generation_key(site_id))
    except ValueError:
        cache.set(generation_key(site_id), 2, timeout=None)


def response_is_storable(response) -> bool:
    """Whether a rendered response may be served to other anonymous visitors."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {
        value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))
    }
    if "cookie" in vary:
        return False
    directives = {
        value.split("=")[0].strip().lower()
        for value in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not directives & NEVER_STORE_DIRECTIVES


class PageCacheMiddleware:
    """Serve anonymous GET requests for Wagtail pages from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.request_is_cacheable(request):
            return self.get_response(request)
        site = sites.lookup(request).site
        if site is None:
            return self.get_response(request)
        site_id = site.pk
        key = self.cache_key(request, site_id)
        found = page_cache().get_many([generation_key(site_id), key])
        generation = found.get(generation_key(site_id)) or site_generation(site_id)
        stored = found.get(key)
        if stored is not None and stored.generation == generation:
            response = stored.response_for(request)
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if not response_is_storable(response):
            return response
        if hasattr(response, "render") and callable(response.render):
            response.render()
        # Stored under the generation read before rendering: a publish during the
        # render leaves it stale, and the next request renders afresh.
        stored = StoredPage.from_response(response, generation)
        page_cache().set(key, stored, cache_seconds())
        response = stored.response_for(request)
        response[HIT_HEADER] = "miss"
        return response

    def request_is_cacheable(self, request) -> bool:
        """Anonymous GET or HEAD requests for Wagtail pages, while the cache is on."""
        if cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
            return False
        if not self.serves_wagtail_page(request):
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    def serves_wagtail_page(self, request) -> bool:
        """Only Wagtail's page view: not the admin, the APIs, files or other views."""
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.url_name == "wagtail_serve"

    def cache_key(self, request, site_id: int) -> str:
        url = iri_to_uri(request.build_absolute_uri())
        return f"kcs:pages:{site_id}:{request.method}:{url}"
