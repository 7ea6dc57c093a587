"""Admin menu groups that other code can add items to, on every supported Wagtail."""

from wagtail.admin.menu import Menu, MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup

from .permissions import acts_for_a_site


class HookedViewSetGroup(ViewSetGroup):
    """A group of viewsets whose submenu also lists the ``MenuItem``\\s registered
    with the hook named ``submenu_hook``: Wagtail 8 does so itself, Wagtail 7.4 LTS
    ignores the attribute (and would show only the viewsets)."""

    submenu_hook = None

    def get_menu_item(self, order=None):
        item = super().get_menu_item(order)
        if self.submenu_hook and item.menu.register_hook_name != self.submenu_hook:
            item.menu = Menu(
                register_hook_name=self.submenu_hook, items=self.get_submenu_items()
            )
        return item


class SiteActionMenuItem(MenuItem):
    """A menu item for an action on a whole site (set one up, add a service): shown
    to those who act for at least one site (:mod:`kcs_core.permissions`)."""

    def is_shown(self, request):
        return acts_for_a_site(request)


class UserMenuItem(MenuItem):
    """A menu item shown to the users ``may_use(user)`` accepts: those its view
    serves."""

    def __init__(self, label, url, *, may_use, **kwargs):
        super().__init__(label, url, **kwargs)
        self.may_use = may_use

    def is_shown(self, request):
        return self.may_use(request.user)
