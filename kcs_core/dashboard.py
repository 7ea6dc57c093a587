"""Panels of the Wagtail admin's dashboard."""

from wagtail.admin.ui.components import Component


class DashboardRowsPanel(Component):
    """A dashboard panel that renders ``template_name`` with ``rows``, one per site
    or record it lists, and the keyword arguments (what the user may do); nothing
    when there is no row."""

    def __init__(self, rows, **context):
        self.rows = rows
        self.context = context

    def get_context_data(self, parent_context):
        return {"rows": self.rows, **self.context}

    def render_html(self, parent_context=None):
        if not self.rows:
            return ""
        return super().render_html(parent_context)
