"""Who may see which requests.

Staff need the model permission (``view`` or ``change`` e-service request, given to a
group) and, unless superusers, change permission on the service page in Wagtail's
page tree. Page permissions are granted per subtree, so a group scoped to one site's
e-service section sees that site's requests only.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ServicePage, ServiceRequest


def can_handle_requests(user) -> bool:
    return user.is_active and (
        user.has_perm("eservice_forms.view_servicerequest")
        or user.has_perm("eservice_forms.change_servicerequest")
    )


def can_change_requests(user) -> bool:
    return user.is_active and user.has_perm("eservice_forms.change_servicerequest")


def requests_for_user(user):
    """The requests ``user`` may open."""
    requests = ServiceRequest.objects.all()
    if user.is_superuser:
        return requests
    if not can_handle_requests(user):
        return requests.none()
    pages = (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .type(ServicePage)
    )
    return requests.filter(page__in=pages)
