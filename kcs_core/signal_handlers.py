"""Keep the public page cache fresh: any change a visitor could see drops the site's
cached pages (see :mod:`kcs_core.page_cache`); a changed Site is looked up afresh
(:mod:`kcs_core.sites`)."""

from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from kcs_core.page_cache import invalidate_site
from kcs_core.sites import sites


def site_id_of(page: Page) -> int | None:
    """The id of the page's site; None when there is none (any more: deleting a site's
    root page deletes the site with it)."""
    try:
        site = page.get_site()
    except Site.DoesNotExist:
        return None
    return site.pk if site else None


def invalidate_page_site(sender, instance, **kwargs):
    invalidate_site(site_id_of(instance))


def invalidate_deleted_page_site(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_site(site_id_of(instance))


def invalidate_moved_page_sites(sender, instance, **kwargs):
    # A move may take a page from one site to another; moves are rare, so every
    # site starts afresh rather than working out which ones the page touched.
    for site_id in Site.objects.values_list("pk", flat=True):
        invalidate_site(site_id)


def invalidate_site_of_settings(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # Any saved page (a new child, a renamed menu entry) can change menus and
        # breadcrumbs that are cached as fragments.
        invalidate_site(site_id_of(instance))
    elif isinstance(instance, BaseSiteSetting):
        invalidate_site(instance.site_id)
    elif isinstance(instance, Site):
        invalidate_site(instance.pk)


def register():
    page_published.connect(invalidate_page_site, dispatch_uid="kcs_cache_published")
    page_unpublished.connect(invalidate_page_site, dispatch_uid="kcs_cache_unpublished")
    post_page_move.connect(invalidate_moved_page_sites, dispatch_uid="kcs_cache_moved")
    post_delete.connect(invalidate_deleted_page_site, dispatch_uid="kcs_cache_deleted")
    post_save.connect(invalidate_site_of_settings, dispatch_uid="kcs_cache_saved")
    post_save.connect(sites.clear, sender=Site, dispatch_uid="kcs_sites_saved")
    post_delete.connect(sites.clear, sender=Site, dispatch_uid="kcs_sites_deleted")
