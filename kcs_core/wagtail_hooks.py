import datetime
import gettext
from pathlib import Path

from django.apps import apps
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, to_locale
from django.views.i18n import JavaScriptCatalog

from wagtail import hooks

from kcs_core.dashboard import DashboardRowsPanel
from kcs_core.models import GovernmentSettings, renewal_warning_days
from kcs_core.permissions import editable_sites, without_other_sites
from kcs_core.site_views import log_with_their_site


class WebsiteRenewalPanel(DashboardRowsPanel):
    """Dashboard warning for each site of the user whose website renewal date is near
    or past.

    The memo asks that the website be renewed on time; the warning starts
    ``KCS_RENEWAL_WARNING_DAYS`` (60) days before the date in the site's settings.
    """

    name = "kcs_website_renewal"
    template_name = "kcs_core/admin/website_renewal_panel.html"
    order = 50

    def __init__(self, due_settings, user):
        today = timezone.localdate()
        policy = GovernmentSettings.get_permission_policy()
        super().__init__(
            [
                {
                    "settings": row,
                    "site": row.site,
                    "days_left": row.days_until_renewal(today),
                    "may_edit": policy.user_has_permission_for_instance(
                        user, "change", row
                    ),
                }
                for row in due_settings
            ]
        )


def due_renewals(user):
    """Settings of the sites ``user`` acts for whose renewal date falls within the
    warning window."""
    today = timezone.localdate()
    limit = today + datetime.timedelta(days=renewal_warning_days())
    return list(
        GovernmentSettings.objects.filter(
            website_renewal_date__lte=limit, site__in=editable_sites(user)
        )
        .select_related("site")
        .order_by("website_renewal_date")
    )


@hooks.register("construct_page_chooser_queryset")
def choose_pages_of_own_sites(pages, request):
    """The page chooser offers the pages of the sites the editor acts for (and
    pages outside every site), never another local government's."""
    return without_other_sites(pages, request.user)


@hooks.register("construct_homepage_panels")
def add_website_renewal_panel(request, panels):
    panels.append(WebsiteRenewalPanel(due_renewals(request.user), request.user))


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    if not apps.is_installed("django_otp"):
        return []  # reported by the system check kcs_core.E001
    from kcs_core import second_factor_views

    return [path("second-factor/", include(second_factor_views))]


# Thai for the strings of Wagtail's admin JavaScript ("Main menu", "Are you sure?")
# that Wagtail's own Thai catalog lacks: kcs_core/locale/th/LC_MESSAGES/djangojs.po.
# Wagtail's catalog view reads only wagtail.admin's catalog, so the plugin serves its
# own, which the admin loads right after Wagtail's (docs/translations.md).
admin_javascript_catalog = JavaScriptCatalog.as_view(packages=["kcs_core"])

JAVASCRIPT_CATALOG_DIR = Path(__file__).resolve().parent / "locale"


def has_javascript_catalog(language: str | None) -> bool:
    """Whether kcs_core ships admin JavaScript strings for ``language``.

    Without one the catalog would add nothing, and its plural rule (English's)
    would replace that of Wagtail's catalog for the language.
    """
    if not language:
        return False
    found = gettext.find("djangojs", JAVASCRIPT_CATALOG_DIR, [to_locale(language)])
    return found is not None


@hooks.register("register_admin_urls")
def register_javascript_catalog_url():
    # An admin URL: the catalog is served in the signed-in user's admin language.
    return [
        path(
            "kcs-jsi18n/",
            admin_javascript_catalog,
            name="kcs_admin_javascript_catalog",
        )
    ]


@hooks.register("insert_global_admin_js")
def load_javascript_catalog():
    """The script tag of the plugin's JavaScript catalog, in the admin's language.

    Wagtail prints this hook after its own catalog's script, and Django's catalog
    script adds its keys to ``django.catalog`` rather than replacing it, so these
    entries fill Wagtail's gaps and Wagtail's own Thai stays.
    """
    if not has_javascript_catalog(get_language()):
        return ""
    return format_html(
        '<script src="{}"></script>', reverse("kcs_admin_javascript_catalog")
    )


@hooks.register("register_log_actions")
def log_settings_with_their_site(actions):
    log_with_their_site(actions, [GovernmentSettings])
