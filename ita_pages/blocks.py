"""StreamField blocks of the ITA disclosure tree.

``EvidenceStreamBlock`` is the body of an evidence page; ``ImprovementPlanBlock`` and
``SignatureBlock`` belong to the measures announcement (the memo's tables and its
signature chain).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

from kcs_core.api_fields import ChoiceLabelsInAPI, be_date, document_json

TOOL_CHOICES = [
    ("IIT", _("IIT: internal stakeholders' perception")),
    ("EIT", _("EIT: external stakeholders' perception")),
    ("OIT", _("OIT: open data")),
]


class DocumentItemBlock(blocks.StructBlock):
    """One document of a list, with an optional label instead of its title."""

    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("label"), required=False)

    class Meta:
        icon = "doc-full"

    def get_api_representation(self, value, context=None):
        """The document with its address (an id alone would cost the front end
        another request per file)."""
        return {
            **super().get_api_representation(value, context),
            "document": document_json(value["document"], context),
        }


class DocumentListBlock(blocks.StructBlock):
    """A heading and the documents that carry the evidence (plans, reports, orders)."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    documents = blocks.ListBlock(DocumentItemBlock(), label=_("documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document list")
        template = "ita_pages/blocks/document_list.html"
        description = _("Downloadable documents, each with its file type and size.")
        preview_value = {"heading": "แผนพัฒนาท้องถิ่น", "documents": []}


class DataTableBlock(blocks.StructBlock):
    """A simple table: a caption, a header row and rows of text cells."""

    caption = blocks.CharBlock(label=_("caption"))
    header = blocks.ListBlock(blocks.CharBlock(label=_("column")), label=_("header"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("cell"), required=False)),
        label=_("rows"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "ita_pages/blocks/data_table.html"
        description = _("A table with a caption and a header row.")
        preview_value = {
            "caption": "สถิติการให้บริการ",
            "header": ["เดือน", "จำนวน"],
            "rows": [["ต.ค.", "12"], ["พ.ย.", "9"]],
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another site (for example Facebook)."""

    title = blocks.CharBlock(label=_("title"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter an address."))
                }
            )
        return value


class LinkListBlock(blocks.ListBlock):
    """Links to where the evidence lives."""

    def __init__(self, **kwargs):
        super().__init__(LinkBlock(), **kwargs)

    class Meta:
        icon = "link"
        label = _("Links")
        template = "ita_pages/blocks/link_list.html"


class EvidenceStreamBlock(blocks.StreamBlock):
    """What an evidence page may hold: text, documents, tables, links and embeds."""

    rich_text = blocks.RichTextBlock(
        label=_("Text"), icon="pilcrow", template="ita_pages/blocks/rich_text.html"
    )
    documents = DocumentListBlock()
    table = DataTableBlock()
    links = LinkListBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        icon="media",
        template="ita_pages/blocks/embed.html",
    )


class ImprovementRowBlock(blocks.StructBlock):
    """A row of an improvement plan, in the memo's four columns."""

    finding = blocks.TextBlock(label=_("finding / recommendation"))
    steps = blocks.TextBlock(label=_("steps or methods"))
    responsible = blocks.TextBlock(label=_("responsible"))
    monitoring = blocks.TextBlock(label=_("monitoring"))

    class Meta:
        icon = "list-ul"


class ImprovementPlanBlock(ChoiceLabelsInAPI, blocks.StructBlock):
    """One assessment tool's improvement plan: the finding, then the four-column table.

    The memo has one for each tool (IIT, EIT, OIT): the lowest indicator and its
    score, then what the office will do about it, who does it and how it is followed.
    """

    tool = blocks.ChoiceBlock(choices=TOOL_CHOICES, label=_("assessment tool"))
    heading = blocks.CharBlock(label=_("table title"))
    finding = blocks.TextBlock(label=_("what the assessment found"), required=False)
    rows = blocks.ListBlock(ImprovementRowBlock(), label=_("rows"))

    class Meta:
        icon = "table"
        label = _("Improvement plan")
        template = "ita_pages/blocks/improvement_plan.html"
        description = _(
            "Finding / recommendation, steps, responsible unit and monitoring."
        )
        preview_value = {
            "tool": "IIT",
            "heading": "ผลการประเมิน IIT",
            "rows": [
                {
                    "finding": "จัดทำประกาศ",
                    "steps": "แจ้งเวียน",
                    "responsible": "สำนักปลัด",
                    "monitoring": "รายงานผล",
                }
            ],
        }


class SignatureBlock(blocks.StructBlock):
    """A signature of the signed document, transcribed: who, position, date, comment."""

    label = blocks.CharBlock(
        label=_("role in the document"),
        help_text=_("For example ผู้เสนอ, ความเห็นปลัด อบต., ผู้อนุมัติ"),
    )
    name = blocks.CharBlock(label=_("name"))
    position = blocks.CharBlock(label=_("position"))
    date = blocks.DateBlock(label=_("date"), required=False)
    comment = blocks.CharBlock(label=_("comment"), required=False)

    class Meta:
        icon = "user"
        label = _("Signature")
        template = "ita_pages/blocks/signature.html"

    def get_api_representation(self, value, context=None):
        """The date in ISO with ``date_be`` beside it (kcs_core.api_fields)."""
        return {
            **super().get_api_representation(value, context),
            "date_be": be_date(value["date"]),
        }
