"""Pieces of pages (menus, breadcrumbs, language links) cached per site until the site
next changes.

Each site has a *generation* in the cache; publishing, unpublishing, moving or
deleting a page of the site, or saving its settings, moves it to the next one (see
:mod:`kcs_core.signal_handlers`), so fragments are built afresh. Whole pages are not
cached here but by the HTTP cache in front (:mod:`kcs_core.cache_control`).
"""

from django.conf import settings
from django.core.cache import caches

FRAGMENT_SECONDS = 3600


def fragment_cache():
    return caches[getattr(settings, "KCS_FRAGMENT_CACHE_ALIAS", "default")]


def generation_key(site_id: int) -> str:
    return f"kcs:fragments:generation:{site_id}"


def site_generation(site_id: int) -> int:
    """The current generation of a site's cached fragments."""
    return fragment_cache().get_or_set(generation_key(site_id), 1, timeout=None)


def cached_fragment(site_id: int, name: str, build):
    """A piece of a page cached until the site next changes.

    ``build`` makes the value (plain data, picklable) when the cache has none.
    Fragments hold nothing personal, so they serve every visitor alike.
    """
    key = f"kcs:fragment:{site_id}:{site_generation(site_id)}:{name}"
    return fragment_cache().get_or_set(key, build, timeout=FRAGMENT_SECONDS)


def next_generation(site_id: int) -> None:
    """Drop every cached fragment of a site."""
    cache = fragment_cache()
    try:
        cache.incr(generation_key(site_id))
    except ValueError:
        cache.set(generation_key(site_id), 2, timeout=None)
