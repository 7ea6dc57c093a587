"""Admin wiring: the "E-services" menu (requests, New e-service), its URL, and the
guards on e-service pages in the generic screens."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks

from kcs_core.admin_menu import HookedViewSetGroup, SiteActionMenuItem

from . import views
from .models import ServicePage, ServiceRequest
from .viewsets import ServiceRequestViewSet


class EServiceViewSetGroup(HookedViewSetGroup):
    """The admin menu "E-services": the requests, then the menu items registered with
    the ``register_eservice_menu_item`` hook ("New e-service")."""

    menu_label = gettext_lazy("E-services")
    menu_icon = "form"
    menu_order = 250
    submenu_hook = "register_eservice_menu_item"
    items = (ServiceRequestViewSet,)


@hooks.register("register_admin_viewset")
def register_eservice_viewsets():
    return EServiceViewSetGroup()


@hooks.register("register_eservice_menu_item")
def new_service_menu_item():
    return SiteActionMenuItem(
        gettext_lazy("New e-service"),
        reverse("eservice_forms_new_service"),
        icon_name="plus",
        order=200,
    )


@hooks.register("register_admin_urls")
def register_eservice_urls():
    return [
        path(
            "e-service/new/",
            views.NewServiceView.as_view(),
            name="eservice_forms_new_service",
        ),
    ]


@hooks.register("filter_form_submissions_for_user")
def hide_services_from_generic_form_screens(user, editable_forms):
    """Keep e-services out of Wagtail's generic Forms menu, where anyone who may edit
    the page could list, export and delete requests."""
    return editable_forms.not_type(ServicePage)


@hooks.register("before_delete_page")
def keep_services_with_requests(request, page):
    """A service with filed requests stays (unpublish it instead): the requests are
    records the office must keep, and staff find them through their page."""
    pages = page.get_descendants(inclusive=True).type(ServicePage)
    if ServiceRequest.objects.filter(page__in=pages).exists():
        messages.error(
            request,
            _("This service has filed requests: unpublish it instead of deleting it."),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)


from eservice_forms.uninstall import leftovers  # noqa: E402 - what kcs_uninstall removes

hooks.register("kcs_uninstall", leftovers)
