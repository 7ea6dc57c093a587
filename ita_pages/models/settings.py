"""Per-site settings of the ITA app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from kcs_core.models import SiteSetting


@register_setting(icon="clipboard-list")
class ITASettings(SiteSetting):
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
    letter_code = models.CharField(
        _("letter code"),
        max_length=50,
        blank=True,
        help_text=_(
            "Printed before the letter number after ที่, e.g. ชย 71501/ว "
            "(ที่ ชย 71501/ว 12)."
        ),
    )
    letter_thai_numerals = models.BooleanField(
        _("Thai numerals in letters"),
        default=True,
        help_text=_("Write numbers and dates in letters as ๑๒๓ rather than 123."),
    )
    letter_signer_name = models.CharField(
        _("letters signed by"), max_length=200, blank=True
    )
    letter_signer_position = models.CharField(
        _("position of the signer"), max_length=200, blank=True
    )
    letter_contact = models.TextField(
        _("contact printed at the foot of letters"),
        blank=True,
        help_text=_("The division that owns the matter and its telephone."),
    )
    panels = [
        FieldPanel("approval_sheet_basis"),
        FieldPanel("notice_board_seconds"),
        MultiFieldPanel(
            [
                FieldPanel("letter_code"),
                FieldPanel("letter_thai_numerals"),
                FieldPanel("letter_signer_name"),
                FieldPanel("letter_signer_position"),
                FieldPanel("letter_contact"),
            ],
            heading=_("Letters to community leaders"),
        ),
    ]

    class Meta:
        verbose_name = _("ITA settings")
        verbose_name_plural = _("ITA settings")
