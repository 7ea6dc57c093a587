"""System checks of the plugin as a whole."""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register

#: The page model the plugin's foreign keys and migrations point at.
SUPPORTED_PAGE_MODEL = "wagtailcore.Page"


@register()
def check_page_model(app_configs, **kwargs):
    """Wagtail 8 lets a site swap its page model (``WAGTAIL_PAGE_MODEL``). The
    plugin does not support it: its migrations and foreign keys point at
    ``wagtailcore.Page``, as Wagtail 7.4 LTS needs (docs/extending.md)."""
    page_model = getattr(settings, "WAGTAIL_PAGE_MODEL", SUPPORTED_PAGE_MODEL)
    if page_model.lower() == SUPPORTED_PAGE_MODEL.lower():
        return []
    return [
        Error(
            f"kcs-wagtail needs Wagtail's own page model; WAGTAIL_PAGE_MODEL is "
            f"{page_model!r}.",
            hint="Remove WAGTAIL_PAGE_MODEL, or leave the kcs-wagtail apps out.",
            id="kcs_core.E004",
        )
    ]


@register()
def check_api_routers(app_configs, **kwargs):
    """An app adds endpoints to the JSON API with both ``kcs_api_prefix`` and
    ``kcs_api_router`` on its ``AppConfig`` (docs/extending.md); one without the
    other would be silently left out."""
    return [
        Error(
            f"{config.name}'s AppConfig names "
            f"{'a router' if router else 'an API prefix'} but no "
            f"{'prefix' if router else 'router'}: its endpoints are not served.",
            hint="Set both kcs_api_prefix and kcs_api_router, or neither.",
            obj=config,
            id="kcs_core.E005",
        )
        for config in apps.get_app_configs()
        if bool(router := getattr(config, "kcs_api_router", None))
        != bool(getattr(config, "kcs_api_prefix", None))
    ]
