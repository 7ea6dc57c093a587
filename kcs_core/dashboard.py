"""Panels of the Wagtail admin's dashboard."""

from wagtail.admin.ui.components import Component


class DashboardRowsPanel(Component):
    """A dashboard panel that renders ``template_name`` with ``rows``, one per site
    or record it lists."""

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}
