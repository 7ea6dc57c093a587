"""Which sites a user may act for in the admin.

A user acts for a site when they may add, change or publish pages somewhere in its
page tree (below its root page or a translation of it, or above it): the apps' admin
actions that are not about one page (importing a catalog, listing catalog years) offer
only those sites. Superusers act for every site.
"""

from django.db.models import QuerySet

from wagtail.models import GroupPagePermission, Site

EDITING_PERMISSIONS = ("add_page", "change_page", "publish_page")


def editable_sites(user) -> QuerySet:
    """The sites ``user`` may act for."""
    if not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    granted = list(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=EDITING_PERMISSIONS
        ).values_list("page__path", flat=True)
    )
    ids = [
        site.pk
        for site in Site.objects.select_related("root_page")
        if any(
            path.startswith(root) or root.startswith(path)
            for path in granted
            for root in site.root_page.get_translations(inclusive=True).values_list(
                "path", flat=True
            )
        )
    ]
    return Site.objects.filter(pk__in=ids)


def acts_for_a_site(request) -> bool:
    """Whether ``request.user`` acts for at least one site: asked once per request,
    though every admin page's menu asks it for several items."""
    if not hasattr(request, "kcs_acts_for_a_site"):
        request.kcs_acts_for_a_site = editable_sites(request.user).exists()
    return request.kcs_acts_for_a_site
