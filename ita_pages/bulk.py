"""Reading many pages for one response cheaply.

A 400-item ITA index shows about 200 evidence pages. Building a ``Page`` instance
for each, then calling its ``get_url()`` and ``get_full_url()`` (a ``reverse()``
inside a ``translation.override`` every time) was a large part of its render time.
Here pages are read as :class:`PageRow` values of the few fields needed, and
:class:`PageURLs` builds their URLs from one ``reverse()`` per site language.
"""

import datetime
from dataclasses import MISSING, dataclass, fields
from urllib.parse import quote
from uuid import UUID

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

from wagtail.coreutils import (
    WAGTAIL_APPEND_SLASH,
    get_supported_content_language_variant,
)
from wagtail.models import Site

# The characters ``reverse()`` leaves unquoted in a path.
SAFE_PATH_CHARACTERS = RFC3986_SUBDELIMS + "/~:@"


@dataclass(frozen=True, slots=True)
class PageRow:
    """What a listing needs of a page: its title, place in the tree, language,
    type and when it was last published, plus the evidence fields of pages that
    have them."""

    pk: int
    title: str
    path: str
    url_path: str
    locale_id: int
    translation_key: UUID
    content_type_id: int
    last_published_at: datetime.datetime | None
    fiscal_year: int | None = None
    ita_codes: str = ""


# The fields every page has; the optional ones are read only where they exist.
PAGE_FIELDS = tuple(field.name for field in fields(PageRow) if field.default is MISSING)


def page_values(queryset, *extra_fields: str):
    """``queryset`` as the values of :class:`PageRow`; ``extra_fields`` fill its
    optional fields, in their order."""
    return queryset.values_list(*PAGE_FIELDS, *extra_fields)


def page_rows(values) -> list[PageRow]:
    """The rows of a :func:`page_values` query (or a union of them) as
    :class:`PageRow`."""
    return [PageRow(*row) for row in values]


class PageURLs:
    """The relative and full URL of a page from its ``url_path``, as Wagtail's
    default routing gives them (``Page.get_url(request)`` and
    ``Page.get_full_url(request)``), for pages that do not override
    ``get_url_parts``.

    ``site_root_paths`` is ``Site.get_site_root_paths()``. With a request, pages of
    the request's site get a relative URL, as with ``Page.get_url(request)``.
    """

    def __init__(self, site_root_paths, request=None):
        self.site_root_paths = site_root_paths
        site = Site.find_for_request(request) if request is not None else None
        self.current_site_id = site.pk if site else None
        self.site_count = len({root.site_id for root in site_root_paths})
        self.prefixes: dict[str, str | None] = {}

    def url_parts(self, url_path: str) -> tuple[int, str, str] | None:
        """``(site_id, root_url, page_path)``, or ``None`` when the page is not
        routable (outside every site, or Wagtail's serve view is not installed)."""
        roots = [
            root for root in self.site_root_paths if url_path.startswith(root.root_path)
        ]
        if not roots:
            return None
        # Site.get_site_root_paths() puts the most specific root first; a page that
        # belongs to several sites prefers the request's one, as in Wagtail.
        site_id, root_path, root_url, language_code = next(
            (root for root in roots if root.site_id == self.current_site_id), roots[0]
        )
        prefix = self.prefix(language_code)
        if prefix is None:
            return None
        page_path = prefix + quote(
            url_path[len(root_path) :], safe=SAFE_PATH_CHARACTERS
        )
        if not WAGTAIL_APPEND_SLASH and page_path != "/":
            page_path = page_path.rstrip("/")
        return site_id, root_url, page_path

    def prefix(self, language_code: str) -> str | None:
        """The path of a site root in ``language_code`` (``/`` or ``/en/``), reversed
        once."""
        if language_code not in self.prefixes:
            self.prefixes[language_code] = self.reverse_root(language_code)
        return self.prefixes[language_code]

    def reverse_root(self, language_code: str) -> str | None:
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self.reverse_serve()
        # Prefer the active language when it is a variant of the page's (en-gb/en).
        active = translation.get_language()
        try:
            if get_supported_content_language_variant(active) == language_code:
                language_code = active
        except LookupError:
            pass
        with translation.override(language_code):
            return self.reverse_serve()

    def reverse_serve(self) -> str | None:
        try:
            return reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            return None

    def urls(self, url_path: str) -> tuple[str | None, str | None]:
        """``(url, full_url)``: what ``get_url(request)`` and ``get_full_url()``
        return for a page at ``url_path``."""
        parts = self.url_parts(url_path)
        if parts is None:
            return None, None
        site_id, root_url, page_path = parts
        full_url = root_url + page_path
        if site_id == self.current_site_id or self.site_count == 1:
            return page_path, full_url
        return full_url, full_url
