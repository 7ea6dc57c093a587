"""Which Wagtail site a host name reaches, remembered in each process for a short
while, so that a request does not pay a site lookup (Wagtail's takes a query and
about two milliseconds) before its real work.

A new or changed Site is picked up at once in the process that saved it, and within
``SiteByHost.SECONDS`` everywhere else; so are new translations of a site's root page.
"""

import threading
import time
from dataclasses import dataclass

from django.http.request import split_domain_port

from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname


@dataclass(frozen=True)
class KnownSite:
    """A site and the paths of its root page in every language (its subtrees)."""

    site: Site | None
    root_paths: tuple[str, ...]


class SiteByHost:
    """The memo of host names to sites, one per process."""

    SECONDS = 30

    def __init__(self):
        self.known: dict[str, tuple[float, KnownSite]] = {}
        self.lock = threading.Lock()

    def lookup(self, request) -> KnownSite:
        """The site ``request`` reached (``site`` is None when no site serves the
        host); Wagtail's later ``Site.find_for_request`` gets the same site."""
        host = request.get_host()
        now = time.monotonic()
        remembered = self.known.get(host)
        if remembered is None or now - remembered[0] >= self.SECONDS:
            remembered = (now, self.find(request))
            with self.lock:
                self.known[host] = remembered
        known = remembered[1]
        share_with_wagtail(request, known.site)
        return known

    def find(self, request) -> KnownSite:
        """Look the site up as Wagtail does: by host name and port, else the
        default site."""
        hostname = split_domain_port(request.get_host())[0]
        try:
            site = get_site_for_hostname(hostname, request.get_port())
        except Site.DoesNotExist:
            return KnownSite(None, ())
        paths = site.root_page.get_translations(inclusive=True).values_list(
            "path", flat=True
        )
        return KnownSite(site, tuple(sorted(paths)))

    def clear(self, *args, **kwargs) -> None:
        """Forget every host (connected to Site saves and deletes)."""
        with self.lock:
            self.known.clear()


def share_with_wagtail(request, site: Site | None) -> None:
    """Hand the site found to Wagtail's own ``Site.find_for_request``, so that it
    does not look it up again. Wagtail has no public way to: it keeps the site as
    ``request._wagtail_site`` (7.4 LTS and 8 alike). This is the plugin's only use
    of a private Wagtail name; ``tests/kcs_core/test_sites.py`` proves it works on
    both versions."""
    request._wagtail_site = site


sites = SiteByHost()


def language_root(page):
    """The root of ``page``'s site in the page's language: where "this site's
    pages in this language" starts. The site's root page itself where it has no
    translation in that language."""
    root = page.get_site().root_page
    return root.get_translation_or_none(page.locale) or root


def owning_site(page, request) -> Site | None:
    """The site what is filed on ``page`` belongs to (its numbers, its staff, its
    limits): the site whose root is the deepest above the page. Of several sites
    on that root (``www.`` and the bare name) it is the one the request reached,
    so that its links lead back to that host; a site whose tree only holds the
    page's site (a town's site inside the province's) does not own it.

    A page's form and the JSON API's filing on that page take the site this way;
    look-ups no page scopes (the API's tracking, a tip's case) take the host's.
    Found once per request and page."""
    found = getattr(request, "kcs_owning_sites", None)
    if found is None:
        found = request.kcs_owning_sites = {}
    if page.pk not in found:
        found[page.pk] = _owning_site(page, sites.lookup(request).site)
    return found[page.pk]


def _owning_site(page, host_site: Site | None) -> Site | None:
    holding = [
        root
        for root in Site.get_site_root_paths()
        if page.url_path.startswith(root.root_path)
    ]
    if not holding:
        return host_site or page.get_site()
    deepest = max(len(root.root_path) for root in holding)
    owners = [root.site_id for root in holding if len(root.root_path) == deepest]
    if host_site is not None and host_site.pk in owners:
        return host_site
    return Site.objects.get(pk=owners[0])


class RequestSiteMixin:
    """For page types that take forms: the site what is filed on the page belongs
    to, for this request (:func:`owning_site`). The JSON API files on the page
    through the same method, so that a form filed on the page and the same form
    sent to the API count against the same site."""

    def get_site_for(self, request):
        return owning_site(self, request)
