"""Which Wagtail site a host name reaches, remembered in each process for a short
while, so that a request does not pay a site lookup (Wagtail's takes a query and
about two milliseconds) before its real work.

A new or changed Site is picked up at once in the process that saved it, and within
``SiteByHost.SECONDS`` everywhere else; so are new translations of a site's root page.
"""

import threading
import time
from dataclasses import dataclass

from wagtail.models import Site


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
        request._wagtail_site = known.site  # what Site.find_for_request caches
        return known

    def find(self, request) -> KnownSite:
        site = Site._find_for_request(request)  # noqa: SLF001 - the uncached lookup
        if site is None:
            return KnownSite(None, ())
        paths = site.root_page.get_translations(inclusive=True).values_list(
            "path", flat=True
        )
        return KnownSite(site, tuple(sorted(paths)))

    def clear(self, *args, **kwargs) -> None:
        """Forget every host (connected to Site saves and deletes)."""
        with self.lock:
            self.known.clear()


sites = SiteByHost()
