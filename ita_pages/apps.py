from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItaPagesConfig(AppConfig):
    name = "ita_pages"
    label = "ita_pages"
    verbose_name = _("ITA disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import workflow_approved

        from ita_pages import checks  # noqa: F401 - registers the system checks
        from ita_pages.approvals import record_approval

        workflow_approved.connect(record_approval, dispatch_uid="ita_approval_record")
