"""Blocks of the citizen's manual (คู่มือสำหรับประชาชน, Licensing Facilitation Act 2558).

Each list of the OPDC template (steps, required documents, fees) is a StreamField of one
block type, so editors add, remove and reorder rows.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from kcs_core.api_fields import ChoiceLabelsInAPI

DURATION_UNITS = [
    ("minutes", _("minutes")),
    ("hours", _("hours")),
    ("days", _("days")),
    ("working_days", _("working days")),
]


class StepValue(blocks.StructValue):
    """A step row that can name its duration unit in the active language."""

    def unit_label(self) -> str:
        return dict(DURATION_UNITS).get(self.get("duration_unit"), "")


class StepBlock(ChoiceLabelsInAPI, blocks.StructBlock):
    """One row of the manual's steps table (section 13): what happens, how long it
    takes and which division does it."""

    step_type = blocks.CharBlock(
        label=_("step"), help_text=_("For example: checking documents")
    )
    detail = blocks.TextBlock(label=_("details"), required=False)
    duration = blocks.IntegerBlock(label=_("duration"), min_value=0)
    duration_unit = blocks.ChoiceBlock(
        label=_("unit"), choices=DURATION_UNITS, default="working_days"
    )
    responsible_unit = blocks.CharBlock(label=_("responsible division"))
    note = blocks.CharBlock(label=_("note"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("step")
        template = "eservice_forms/blocks/step.html"
        value_class = StepValue
        description = _("A step of the service, its duration and who does it")
        preview_value = {
            "step_type": "การตรวจสอบเอกสาร",
            "duration": 1,
            "duration_unit": "working_days",
            "responsible_unit": "สำนักปลัด",
        }


class RequiredDocumentBlock(ChoiceLabelsInAPI, blocks.StructBlock):
    """One document the applicant brings or uploads (section 16)."""

    group = blocks.ChoiceBlock(
        label=_("group"),
        choices=[
            ("identity", _("Identity document issued by a government agency")),
            ("other", _("Other documents")),
        ],
        default="identity",
    )
    name = blocks.CharBlock(label=_("document"))
    issuer = blocks.CharBlock(label=_("issued by"), required=False)
    originals = blocks.IntegerBlock(label=_("originals"), min_value=0, default=0)
    copies = blocks.IntegerBlock(label=_("copies"), min_value=0, default=1)
    note = blocks.CharBlock(label=_("note"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("required document")
        template = "eservice_forms/blocks/required_document.html"
        description = _("A document the applicant must provide")
        preview_value = {"name": "บัตรประจำตัวประชาชน", "originals": 1, "copies": 1}


class FeeBlock(blocks.StructBlock):
    """One fee of the service (section 17)."""

    item = blocks.CharBlock(label=_("fee"))
    amount_thb = blocks.DecimalBlock(
        label=_("amount (baht)"), min_value=0, decimal_places=2
    )
    note = blocks.CharBlock(label=_("note"), required=False)

    class Meta:
        icon = "tag"
        label = _("fee")
        template = "eservice_forms/blocks/fee.html"
        description = _("A fee the applicant pays")
        preview_value = {"item": "ค่าธรรมเนียมใบอนุญาตก่อสร้าง", "amount_thb": "200"}
