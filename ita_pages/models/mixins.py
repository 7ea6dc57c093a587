"""Mixins shared by the page types of the disclosure tree (each carries its panels)
and by the records kept about announcements."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from ita_pages.models.approval import ApprovalRecord
from ita_pages.models.settings import ITASettings
from kcs_core.api_fields import date_api_fields
from kcs_core.forms import RouteSafePageForm
from kcs_core.model_fields import ThaiDateModelField
from kcs_core.models import SiteRecord
from kcs_core.robots import not_for_search_engines
from kcs_core.thai_dates import fiscal_year


def current_fiscal_year() -> int:
    """The Buddhist-era fiscal year of today (the default for new evidence)."""
    return fiscal_year(timezone.localdate())


def split_codes(text: str) -> list[str]:
    """``"o42, O43"`` → ``["o42", "o43"]``: item codes as typed by an editor."""
    parts = text.replace(";", ",").split(",")
    return [code.strip().lower() for code in parts if code.strip()]


def refuse_foreign_announcement(record) -> None:
    """A record's ``announcement`` must be a page of its ``site`` (not of another
    site, nor a page outside every site, such as the tree's root)."""
    if not (record.announcement_id and record.site_id):
        return
    announced_on = record.announcement.get_site()
    if announced_on is None or announced_on.pk != record.site_id:
        raise ValidationError(
            {"announcement": _("Choose an announcement of this site.")}
        )


class AnnouncementRecordMixin(SiteRecord):
    """A record of a site about one of its announcements (a measure step, a channel,
    a circular, a batch of letters): :meth:`clean` refuses an announcement of
    another site."""

    announcement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        refuse_foreign_announcement(self)


class EvidenceFieldsMixin(models.Model):
    """The fields that make a page ITA evidence: its fiscal year, when it was last
    reviewed, and which items of that year it answers.

    An index page of the same site and year links a live page that declares an item
    code to that item without an editor's help.
    """

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        default=current_fiscal_year,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_("The fiscal year this evidence is for, e.g. 2565."),
    )
    last_reviewed = ThaiDateModelField(_("last reviewed"), null=True, blank=True)
    ita_codes = models.CharField(
        _("ITA items answered"),
        max_length=255,
        blank=True,
        help_text=_("Codes of that year's ITA items, separated by commas: o42, o43"),
    )

    evidence_panels = [
        MultiFieldPanel(
            [
                FieldPanel("fiscal_year"),
                FieldPanel("ita_codes"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("ITA evidence"),
        )
    ]
    #: The same fields in the API, the date with its Buddhist-era form beside it.
    evidence_api_fields = [
        APIField("fiscal_year"),
        *date_api_fields("last_reviewed"),
        APIField("ita_codes"),
    ]

    class Meta:
        abstract = True

    @property
    def declared_codes(self) -> list[str]:
        """The item codes this page answers, lower-cased."""
        return split_codes(self.ita_codes)


class FrozenReportMixin(models.Model):
    """A page that reports records (procurement, progress on the measures) and
    freezes them into its revision: :meth:`refresh_snapshot` runs when a draft is
    saved, so what the approvers approve is what is published, whatever is typed
    later; a preview shows the records as they are now."""

    snapshot = models.JSONField(_("frozen report"), default=dict, editable=False)

    class Meta:
        abstract = True

    def refresh_snapshot(self) -> None:
        """Set ``snapshot`` from the records as they are now."""
        raise NotImplementedError

    def save_revision(self, *args, **kwargs):
        self.refresh_snapshot()
        return super().save_revision(*args, **kwargs)

    def serve_preview(self, request, mode_name):
        self.refresh_snapshot()
        return super().serve_preview(request, mode_name)


class DisclosurePageMixin(RoutablePageMixin):
    """What every page of the ITA tree offers: a printable publication-approval sheet
    at ``<page>/approval-sheet/``, the approval record and share metadata.

    A page type shows its record with
    ``{% include "ita_pages/includes/approval_record.html" %}`` and puts
    ``approval_api_fields`` in its ``api_fields``.
    """

    base_form_class = RouteSafePageForm
    approval_api_fields = [APIField("approval_record")]

    def get_share_description(self) -> str:
        """The text a shared link previews with (Open Graph description)."""
        if self.search_description:
            return self.search_description
        intro = getattr(self, "intro", "") or ""
        return Truncator(strip_tags(str(intro))).chars(200)

    def get_approval_record(self):
        """The approval record of the live revision, or ``None``."""
        return ApprovalRecord.current_for(self)

    @property
    def approval_record(self) -> dict | None:
        """The approval record as data, for the API (``None`` when the live version
        was published without the approval workflow)."""
        record = self.get_approval_record()
        return record.as_dict() if record else None

    @property
    def circulation(self) -> dict | None:
        """How many staff the page was circulated to and how many acknowledged
        (``{"sent", "acknowledged"}``), or None (see :mod:`ita_pages.circulars`)."""
        return apps.get_model("ita_pages", "Circular").public_count(self)

    @path("approval-sheet/", name="approval_sheet")
    def approval_sheet(self, request):
        """The publication-approval sheet (แบบฟอร์มการขอเผยแพร่ข้อมูล), printable."""
        sheet = self.render(
            request,
            template="ita_pages/approval_sheet.html",
            context_overrides={
                "record": self.get_approval_record(),
                "ita_settings": ITASettings.for_request(request),
                "sheet_codes": getattr(self, "declared_codes", []),
            },
        )
        return not_for_search_engines(sheet)
