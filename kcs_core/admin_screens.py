"""The plugin's own admin screens (readiness, imports, set-up, the tip channel) in
Wagtail's generic layout, for views that are plain functions."""

from django.template.response import TemplateResponse


def admin_screen(request, template: str, context: dict) -> TemplateResponse:
    """``template`` (extending ``wagtailadmin/generic/base.html``) with ``context``,
    whose ``page_title`` is the screen's heading and its browser tab's title too.
    Wagtail's generic views set the tab's ``header_title`` themselves; without it the
    tab reads only " - Wagtail"."""
    return TemplateResponse(
        request, template, {"header_title": context["page_title"], **context}
    )
