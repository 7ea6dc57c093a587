"""Admin wiring: the handlers' menu item and screens, and the handlers list."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from tips import admin_urls
from tips.models import TipHandler
from tips.permissions import handled_site_ids


@hooks.register("register_admin_urls")
def register_tip_admin_urls():
    return [path("tips/", include(admin_urls, namespace="tips_admin"))]


class TipHandlersMenuItem(MenuItem):
    """Shown only to tip handlers (not to superusers as such)."""

    def is_shown(self, request):
        return bool(handled_site_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_tips_menu_item():
    return TipHandlersMenuItem(
        _("Tip-offs"), reverse("tips_admin:index"), icon_name="warning", order=250
    )


class TipHandlerViewSet(ModelViewSet):
    """Who handles each site's tips. Saving an entry puts the user in the "Tip
    handlers" group; the names and positions are shown on the tip page."""

    model = TipHandler
    icon = "user"
    add_to_settings_menu = True
    menu_label = _("Tip handlers")
    form_fields = ["site", "user", "name", "position", "position_en", "sort_order"]
    list_display = ["name", "position", "site"]
    list_filter = ["site"]


@hooks.register("register_admin_viewset")
def register_tip_handler_viewset():
    return TipHandlerViewSet("tip_handlers")
