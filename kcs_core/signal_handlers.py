"""Keep what is cached fresh: a change a visitor could see on a site's pages purges
that site from the HTTP cache in front (:mod:`kcs_core.frontend_cache`) and drops its
cached menus and breadcrumbs (:mod:`kcs_core.fragments`); a changed Site is looked up
afresh (:mod:`kcs_core.sites`)."""

from django.apps import apps

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site

from kcs_core.fragments import next_generation
from kcs_core.frontend_cache import purge_sites


def site_of(page: Page) -> Site | None:
    """The page's site; None when there is none (any more: deleting a site's root
    page deletes the site with it)."""
    try:
        return page.get_site()
    except Site.DoesNotExist:
        return None


def sites_changed(changed) -> None:
    changed = [site for site in changed if site is not None]
    for site in changed:
        next_generation(site.pk)
    purge_sites(changed)


def page_changed(sender, instance, **kwargs):
    sites_changed([site_of(instance)])


def page_deleted(sender, instance, **kwargs):
    sites_changed([site_of(instance)])


def page_moved(sender, instance, **kwargs):
    # A move may take a page from one site to another; moves are rare, so every
    # site starts afresh rather than working out which ones the page touched.
    sites_changed(Site.objects.all())


def settings_or_site_saved(sender, instance, **kwargs):
    if isinstance(instance, BaseSiteSetting):
        sites_changed([instance.site])
    elif isinstance(instance, Site):
        sites_changed([instance])


def site_setting_models() -> list[type[BaseSiteSetting]]:
    """Every installed model of Wagtail's per-site settings."""
    return [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]
