from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail import hooks

from .models import ServicePage, ServiceRequest
from .viewsets import ServiceRequestViewSet


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return ServiceRequestViewSet()


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
