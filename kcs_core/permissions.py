"""Which sites a user may act for in the admin.

A user acts for a site when they may add, change or publish pages somewhere in its
page tree (below its root page or a translation of it, or above it): the apps' admin
actions that are not about one page (importing a catalog, listing catalog years) offer
only those sites. Superusers act for every site.
"""

from django.contrib.auth import get_permission_codename
from django.db.models import Q, QuerySet

from wagtail.models import GroupPagePermission, GroupSitePermission, Page, Site
from wagtail.permission_policies.sites import SitePermissionPolicy

EDITING_PERMISSIONS = ("add_page", "change_page", "publish_page")


def granted_paths(user) -> list[str]:
    """The paths of the pages where ``user`` may add, change or publish (one query)."""
    return list(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename__in=EDITING_PERMISSIONS
        ).values_list("page__path", flat=True)
    )


def site_trees() -> dict[int, list[str]]:
    """Site id → the paths of its page tree's roots: its root page and that page's
    translations (two queries)."""
    roots = list(Site.objects.values_list("pk", "root_page__translation_key"))
    tree_paths: dict[str, list[str]] = {}  # a root's translation key: their paths
    translations = Page.objects.filter(translation_key__in={key for _, key in roots})
    for key, path in translations.values_list("translation_key", "path"):
        tree_paths.setdefault(key, []).append(path)
    return {pk: tree_paths.get(key, []) for pk, key in roots}


def own_roots(granted: list[str], trees: dict[int, list[str]]) -> set[str]:
    """The tree roots (a site's root page and its translations) of the sites whose
    pages the grants at ``granted`` paths are about: each site at or below a grant,
    and the site each grant is in, the one whose root is the deepest above it (a
    site may sit inside another's tree: its pages are its own, not the outer
    site's)."""
    tree_of = {path: paths for paths in trees.values() for path in paths}

    def owner(path: str) -> str | None:
        above = [root for root in tree_of if path.startswith(root)]
        return max(above, key=len, default=None)

    found = {root for root in tree_of if any(root.startswith(g) for g in granted)}
    found |= {owner(g) for g in granted} - {None}
    return {path for root in found for path in tree_of[root]}


def sites_among(roots: set[str], trees: dict[int, list[str]]) -> set[int]:
    """The ids of the sites whose tree has one of ``roots``."""
    return {pk for pk, paths in trees.items() if roots.intersection(paths)}


def editable_sites(user) -> QuerySet:
    """The sites ``user`` may act for (three queries, however many sites and
    grants, and one to read them): :func:`own_roots` of their grants."""
    if not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    granted = granted_paths(user)
    if not granted:
        return Site.objects.none()
    trees = site_trees()
    return Site.objects.filter(pk__in=sites_among(own_roots(granted, trees), trees))


def sites_of_staff() -> dict[int, set[int]]:
    """User id → the sites each user works on: by page grants, and by Wagtail's
    permissions given for one site (four queries)."""
    trees = site_trees()
    grants: dict[int, list[str]] = {}
    rows = GroupPagePermission.objects.filter(
        permission__codename__in=EDITING_PERMISSIONS, group__user__isnull=False
    ).values_list("group__user", "page__path")
    for user_id, path in rows:
        grants.setdefault(user_id, []).append(path)
    sites: dict[int, set[int]] = {}
    for user_id, paths in grants.items():
        sites[user_id] = sites_among(own_roots(paths, trees), trees)
    given = GroupSitePermission.objects.filter(group__user__isnull=False)
    for user_id, site_id in given.values_list("group__user", "site_id"):
        sites.setdefault(user_id, set()).add(site_id)
    return sites


def without_other_sites(pages: QuerySet, user) -> QuerySet:
    """``pages`` less the pages of the sites ``user`` does not act for (a superuser
    acts for all): Wagtail's page chooser browses and searches every site's tree,
    drafts included. A page belongs to the site whose root is the deepest above it
    (:func:`own_roots`); the pages above the user's own sites stay, to browse down
    to them, and so do pages outside every site."""
    if user.is_superuser:
        return pages
    trees = site_trees()
    own = own_roots(granted_paths(user), trees)
    others = {path for roots in trees.values() for path in roots} - own
    in_other_sites = Q()
    for root in others:
        if len(root) <= Page.steplen:
            continue  # a site rooted at the tree's root would hide every page
        condition = Q(path__startswith=root)
        for path in own:
            if path.startswith(root):  # an own site inside the other one
                condition &= ~Q(path__startswith=path)
        in_other_sites |= condition
    if not in_other_sites:
        return pages
    steps = range(Page.steplen, max(map(len, own), default=0), Page.steplen)
    above_own = {path[:step] for path in own for step in steps if step < len(path)}
    return pages.exclude(in_other_sites & ~Q(path__in=above_own))


def acts_for_a_site(request) -> bool:
    """Whether ``request.user`` acts for at least one site: asked once per request,
    though every admin page's menu asks it for several items."""
    if not hasattr(request, "kcs_acts_for_a_site"):
        request.kcs_acts_for_a_site = editable_sites(request.user).exists()
    return request.kcs_acts_for_a_site


class ActingSitesPermissionPolicy(SitePermissionPolicy):
    """Wagtail's policy of site settings, with a model permission held through a
    group (not for one site) counting for the sites the user acts for only, as the
    apps' records do: Wagtail's own counts it for every site, so a clerk of one
    local government given "change" on the settings could edit every other's.
    Permissions given for one site (Wagtail's site permissions) count as in
    Wagtail."""

    def holds_model_permission(self, user, actions) -> bool:
        """Whether ``user`` (active, not a superuser) holds one of ``actions`` on
        the model through a group or directly, for no site in particular."""
        meta = self.model._meta
        return any(
            user.has_perm(f"{meta.app_label}.{get_permission_codename(action, meta)}")
            for action in actions
        )

    def sites_granted(self, user, actions) -> QuerySet:
        """The sites for which one of ``actions`` was given to a group of ``user``."""
        meta = self.model._meta
        return Site.objects.filter(
            group_permissions__group__in=user.groups.all(),
            group_permissions__permission__content_type__app_label=meta.app_label,
            group_permissions__permission__content_type__model=meta.model_name,
            group_permissions__permission__codename__in=[
                get_permission_codename(action, meta) for action in actions
            ],
        )

    def is_scoped(self, user, actions) -> bool:
        """Whether Wagtail would let ``user`` act on every site by a model
        permission, which this policy scopes."""
        return (
            user.is_authenticated
            and user.is_active
            and not user.is_superuser
            and self.holds_model_permission(user, actions)
        )

    def sites_user_has_any_permission_for(self, user, actions):
        if not self.is_scoped(user, actions):
            return super().sites_user_has_any_permission_for(user, actions)
        return (editable_sites(user) | self.sites_granted(user, actions)).distinct()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.is_scoped(user, actions):
            return super().user_has_any_permission_for_instance(user, actions, instance)
        site_id = (
            instance.pk
            if isinstance(instance, Site)
            else getattr(instance, self.site_fk_field_name)
        )
        return (
            self.sites_user_has_any_permission_for(user, actions)
            .filter(pk=site_id)
            .exists()
        )
