"""Blocks of the complaint-handling guideline page."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class GuidelineStepBlock(blocks.StructBlock):
    """One step of handling a tip or complaint: what happens, who does it, how long
    it takes. Rendered as an item of the page's numbered list of steps."""

    title = blocks.CharBlock(label=_("step"), max_length=255)
    description = blocks.RichTextBlock(
        label=_("what happens"),
        features=["bold", "italic", "link", "ol", "ul"],
        required=False,
    )
    responsible = blocks.CharBlock(
        label=_("who is responsible"), max_length=255, required=False
    )
    duration = blocks.CharBlock(label=_("time frame"), max_length=255, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "tips/blocks/guideline_step.html"
        description = _("A step of the complaint-handling procedure")
        preview_value = {
            "title": "ตรวจสอบข้อเท็จจริงเบื้องต้น",
            "description": "<p>เจ้าหน้าที่ตรวจสอบข้อมูลและหลักฐานที่ได้รับ</p>",
            "responsible": "สำนักปลัด",
            "duration": "ภายใน 15 วัน",
        }


class GuidelineStepsBlock(blocks.StreamBlock):
    """The steps of the guideline, in order."""

    step = GuidelineStepBlock()

    class Meta:
        icon = "list-ol"
        template = "tips/blocks/guideline_steps.html"
