"""Admin menu groups that other code can add items to, on every supported Wagtail."""

from wagtail.admin.menu import Menu
from wagtail.admin.viewsets.base import ViewSetGroup


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
