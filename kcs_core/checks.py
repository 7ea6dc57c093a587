"""System checks of the plugin as a whole."""

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
