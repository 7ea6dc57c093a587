"""Purging the HTTP cache in front of the site (Varnish, nginx, a CDN) through
Wagtail's ``wagtail.contrib.frontend_cache``.

A change to one page shows on many others (menus, breadcrumbs, listings, the ITA
index's evidence statuses, the notice board), so a site is purged whole: one purge of
its root URL, which the cache in front takes as "everything of this site" (the VCL
in ``deploy/varnish/`` bans every object tagged with the site, see
:mod:`kcs_core.cache_control`). Other sites of the installation keep their pages.
For a cache that purges by prefix only with a wildcard (nginx's cache-purge module,
CloudFront), set ``KCS_SITE_PURGE_SUFFIX = "*"``.
"""

from django.conf import settings

from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Site


def site_purge_url(site: Site) -> str:
    """The URL whose purge drops every cached page of ``site``."""
    return f"{site.root_url}/{getattr(settings, 'KCS_SITE_PURGE_SUFFIX', '')}"


def purge_sites(sites) -> None:
    """Purge every cached page of these sites (queued: the task worker sends it).
    Nothing is queued on a site without a frontend cache configured."""
    urls = [site_purge_url(site) for site in sites]
    if urls and get_backends():
        PurgeBatch(urls).purge()
