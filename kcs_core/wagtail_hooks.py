import datetime

from django.apps import apps
from django.urls import include, path
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.components import Component

from kcs_core.models import GovernmentSettings, renewal_warning_days


class WebsiteRenewalPanel(Component):
    """Dashboard warning for every site whose website renewal date is near or past.

    The memo asks that the website be renewed on time; the warning starts
    ``KCS_RENEWAL_WARNING_DAYS`` (60) days before the date in the site's settings.
    """

    name = "kcs_website_renewal"
    template_name = "kcs_core/admin/website_renewal_panel.html"
    order = 50

    def __init__(self, due_settings):
        self.due_settings = due_settings

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        return {
            "rows": [
                {
                    "settings": row,
                    "site": row.site,
                    "days_left": row.days_until_renewal(today),
                }
                for row in self.due_settings
            ]
        }

    def render_html(self, parent_context=None):
        if not self.due_settings:
            return ""
        return super().render_html(parent_context)


def due_renewals():
    """Settings of every site whose renewal date falls within the warning window."""
    today = timezone.localdate()
    limit = today + datetime.timedelta(days=renewal_warning_days())
    return list(
        GovernmentSettings.objects.filter(website_renewal_date__lte=limit)
        .select_related("site")
        .order_by("website_renewal_date")
    )


@hooks.register("construct_homepage_panels")
def add_website_renewal_panel(request, panels):
    panels.append(WebsiteRenewalPanel(due_renewals()))


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    if not apps.is_installed("django_otp"):
        return []  # reported by the system check kcs_core.E001
    from kcs_core import second_factor_views

    return [path("second-factor/", include(second_factor_views))]
