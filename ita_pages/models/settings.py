"""Per-site settings of the ITA app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="clipboard-list")
class ITASettings(BaseSiteSetting):
    """What this site prints on its ITA documents and shows on its notice board."""

    approval_sheet_basis = models.CharField(
        _("basis of the publication-approval sheet"),
        max_length=500,
        blank=True,
        help_text=_(
            "The announcement the sheet follows, printed under its heading, e.g. "
            "ตามประกาศองค์การบริหารส่วนตำบล… เรื่อง แนวทางการเผยแพร่ข้อมูลต่อสาธารณะ"
            "ผ่านเว็บไซต์ของหน่วยงาน"
        ),
    )
    notice_board_seconds = models.PositiveSmallIntegerField(
        _("seconds per notice on the notice board"), default=20
    )
    panels = [
        FieldPanel("approval_sheet_basis"),
        FieldPanel("notice_board_seconds"),
    ]

    class Meta:
        verbose_name = _("ITA settings")
        verbose_name_plural = _("ITA settings")
