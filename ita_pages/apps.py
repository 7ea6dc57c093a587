from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kcs_core.apps import PluginAppMixin


class ItaPagesConfig(PluginAppMixin, AppConfig):
    name = "ita_pages"
    verbose_name = _("ITA disclosure")
    # The JSON API's endpoints of the app (ita_pages.api.router), under
    # /api/participation/ (kcs_core.api).
    kcs_api = ("participation", "ita_pages.api.router")

    def ready(self):
        from wagtail.models import WorkflowState
        from wagtail.signals import page_published, workflow_approved

        from ita_pages import checks  # noqa: F401 - registers the system checks
        from ita_pages.approvals import record_approval
        from ita_pages.models import MeasuresAnnouncementPage
        from ita_pages.models.measures import track_published_steps

        workflow_approved.connect(
            record_approval, sender=WorkflowState, dispatch_uid="ita_approval_record"
        )
        page_published.connect(
            track_published_steps,
            sender=MeasuresAnnouncementPage,
            dispatch_uid="ita_track_measure_steps",
        )
