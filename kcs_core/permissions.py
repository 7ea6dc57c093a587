"""Which sites a user may act for in the admin.

A user acts for a site when they may add, change or publish pages somewhere in its
page tree (below its root page or a translation of it, or above it): the apps' admin
actions that are not about one page (importing a catalog, listing catalog years) offer
only those sites. Superusers act for every site.
"""

from django.contrib.auth import get_permission_codename
from django.db.models import Q, QuerySet

from wagtail.models import GroupPagePermission, Page, Site
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


def editable_sites(user) -> QuerySet:
    """The sites ``user`` may act for (three queries, however many sites and
    grants, and one to read them)."""
    if not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    granted = granted_paths(user)
    if not granted:
        return Site.objects.none()
    ids = [
        pk
        for pk, roots in site_trees().items()
        if any(
            path.startswith(root) or root.startswith(path)
            for path in granted
            for root in roots
        )
    ]
    return Site.objects.filter(pk__in=ids)


def without_other_sites(pages: QuerySet, user) -> QuerySet:
    """``pages`` less the pages of the sites ``user`` does not work on (a superuser
    works on all): Wagtail's page chooser browses and searches every site's tree,
    drafts included. A page belongs to the site whose tree root is the deepest above
    it (a site may sit inside another's tree); a user works on the sites their
    grants are in or above. Pages outside every site stay."""
    if user.is_superuser:
        return pages
    granted = granted_paths(user)
    # A root's tree: the root and its translations, which belong together.
    tree_of = {path: paths for paths in site_trees().values() for path in paths}
    roots = set(tree_of)

    def owner(path: str) -> str | None:
        """The deepest root at or above ``path``."""
        above = [root for root in roots if path.startswith(root)]
        return max(above, key=len, default=None)

    found = {root for root in roots if any(root.startswith(g) for g in granted)}
    found |= {owner(g) for g in granted} - {None}
    own = {path for root in found for path in tree_of[root]}
    in_other_sites = Q()
    for root in roots - own:
        if len(root) <= Page.steplen:
            continue  # a site rooted at the tree's root would hide every page
        inside_own = [path for path in own if path.startswith(root) and path != root]
        condition = Q(path__startswith=root)
        for path in inside_own:
            condition &= ~Q(path__startswith=path)
        in_other_sites |= condition
    return pages.exclude(in_other_sites) if in_other_sites else pages


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
