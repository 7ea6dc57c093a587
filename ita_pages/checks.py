"""System checks of the ITA pages: the catalog roles page types declare."""

from django.core.checks import Warning, register

from wagtail.models import get_page_models

from ita_pages.catalog import shipped_roles


@register()
def check_ita_roles(app_configs, **kwargs):
    """A page type's ``ita_roles`` name roles of the catalogs' items (``eservice``,
    ``complaint_channel``…): a misspelt role would never match an item, and the
    index would silently leave that item without its page."""
    known = shipped_roles()
    return [
        Warning(
            f"{model._meta.label} declares the ITA role {role!r}, which no item of "
            "the shipped catalogs has.",
            hint=f"The roles are: {', '.join(sorted(known))}.",
            obj=model,
            id="ita_pages.W001",
        )
        for model in get_page_models()
        for role in getattr(model, "ita_roles", None) or ()
        if role not in known
    ]
