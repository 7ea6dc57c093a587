"""Anonymous, captcha-protected corruption tip-offs with follow-up by receipt code."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "tips"
    label = "tips"
    verbose_name = _("Corruption tip-offs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tips import checks, signals  # noqa: F401 - registers checks and receivers
