"""The ITA index page of one assessment year, its evidence links and its snapshots."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.models import Orderable, Page
from wagtail.tasks import update_reference_index_task

from modelcluster.fields import ParentalKey

from ita_pages import exports
from ita_pages.evidence import EvidenceFinder
from ita_pages.models.catalog import AssessmentYear
from ita_pages.models.mixins import DisclosurePageMixin
from ita_pages.page_forms import ITAIndexPageForm
from kcs_core.model_fields import optional_link
from kcs_core.models import IntroPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.thai_dates import file_stamp, format_datetime

EXPORT_FORMATS = ("csv", "xlsx", "json")


class ITAIndexPage(HeadlessPreviewable, DisclosurePageMixin, IntroPage):
    """The assessor's entry point for one assessment year: every item of the year's
    catalog, grouped by indicator and sub-indicator, with what is published for it
    (links, navigation paths, dates). It shows no status: which items lack evidence
    or carry last year's is the admin's readiness report.

    Stable per-item URLs ``<index>/<code>/`` redirect to the evidence; exports at
    ``<index>/export/<csv|xlsx|json>/``; frozen snapshots stay downloadable at
    ``<index>/snapshots/<id>/<format>/``.
    """

    assessment_year = models.ForeignKey(
        AssessmentYear,
        verbose_name=_("assessment year"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("assessment_year"),
        FieldPanel("intro"),
        InlinePanel(
            "evidence_links",
            heading=_("Evidence of each item"),
            label=_("evidence link"),
        ),
    ]
    api_fields = [
        APIField("assessment_year_number"),
        APIField("catalog_verified"),
        APIField("intro"),
        APIField("items"),
    ]
    parent_page_types = ["ita_pages.DisclosureSectionPage"]
    subpage_types = [
        "ita_pages.DisclosureSectionPage",
        "ita_pages.EvidencePage",
        "ita_pages.MeasuresAnnouncementPage",
        "ita_pages.MeasuresReportPage",
    ]
    # Tree order, which ita_pages.ordering keeps in item order (9-1 before 10-1).
    admin_default_ordering = "ord"
    template = "ita_pages/ita_index_page.html"
    base_form_class = ITAIndexPageForm

    class Meta:
        verbose_name = _("ITA index")
        verbose_name_plural = _("ITA indexes")

    @classmethod
    def can_exist_under(cls, parent):
        """Never inside another year's index (below one of its sections)."""
        return (
            super().can_exist_under(parent)
            and not ITAIndexPage.objects.ancestor_of(parent, inclusive=True).exists()
        )

    def save(self, *args, **kwargs):
        """Save the page and its evidence links, then queue the update of the
        page's reference index (what makes the evidence pages' "usage" list the
        index) once its links are saved: see :class:`EvidenceLink`."""
        result = super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "evidence_links" in update_fields:
            update_reference_index_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )
        return result

    @property
    def admin_label(self) -> str:
        """The index as the admin's lists and choices name it: its title, site and
        language (a site's index and its translations share a title)."""
        language = self.locale.get_display_name()
        return f"{self.title} ({self.assessment_year.site}, {language})"

    def get_report(self, request=None):
        """The items of the year with their evidence and status (see
        :class:`ita_pages.evidence.EvidenceFinder`, which subclasses may swap)."""
        cache = getattr(self, "_report_cache", {})
        key = id(request)
        if key not in cache:
            cache[key] = EvidenceFinder(self, request).report()
            self._report_cache = cache
        return cache[key]

    # --- API ----------------------------------------------------------------

    @property
    def assessment_year_number(self) -> int:
        return self.assessment_year.year

    @property
    def catalog_verified(self) -> bool:
        return self.assessment_year.verified

    @property
    def items(self) -> list[dict]:
        """Every item with code, title, item URL and evidence (API and JSON); no
        status (see :meth:`ita_pages.evidence.ItemRow.as_dict`)."""
        return [row.as_dict() for row in self.get_report().rows]

    # --- Routes -------------------------------------------------------------

    @path("")
    def index_view(self, request):
        return self.render(
            request, context_overrides={"report": self.get_report(request)}
        )

    @re_path(r"^(?P<code>[A-Za-z]{1,8}[0-9]{1,4})/$", name="item")
    def item_view(self, request, code):
        """One item: redirect to its only evidence, else list what there is."""
        report = self.get_report(request)
        row = report.row_for(code)
        if row is None:
            raise Http404
        if len(row.evidence) == 1:
            return HttpResponseRedirect(row.evidence[0].url)
        return self.render(
            request,
            template="ita_pages/ita_item.html",
            context_overrides={"report": report, "row": row},
        )

    def item_subpath(self, code: str) -> str:
        """An item's address under the index, as the ``item`` route reads it
        (``O42`` → ``o42/``); written out rather than reversed because the index
        links every item."""
        return f"{code.lower()}/"

    @path("export/<str:fmt>/", name="export")
    def export_view(self, request, fmt):
        if fmt not in EXPORT_FORMATS:
            raise Http404
        report = self.get_report(request)
        filename = f"ita-{report.year.year}"
        return exports.response(fmt, exports.report_records(report), filename)

    @path("snapshots/<int:pk>/<str:fmt>/", name="snapshot")
    def snapshot_view(self, request, pk, fmt):
        if fmt not in EXPORT_FORMATS:
            raise Http404
        snapshot = get_object_or_404(self.snapshots, pk=pk)
        filename = f"ita-{self.assessment_year.year}-{file_stamp(snapshot.created_at)}"
        return exports.response(fmt, snapshot.rows, filename)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["snapshots"] = list(self.snapshots.all())
        return context


class EvidenceLink(Orderable):
    """Evidence of one item on one index: a page of the site or an external address
    (e.g. a Facebook post) whose fiscal year the editor declares."""

    page = ParentalKey(
        ITAIndexPage, on_delete=models.CASCADE, related_name="evidence_links"
    )
    item_code = models.CharField(_("item code"), max_length=16, help_text=_("e.g. o42"))
    linked_page = optional_link("wagtailcore.Page", verbose_name=_("evidence page"))
    external_url = models.URLField(_("external address"), blank=True)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year of the external evidence"),
        null=True,
        blank=True,
        help_text=_("Required for an external address."),
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Defaults to the page's title."),
    )
    navigation_path = models.CharField(
        _("navigation path"),
        max_length=500,
        blank=True,
        help_text=_(
            "How a visitor reaches the evidence. Leave empty to derive it from the "
            "page's place in the site."
        ),
    )

    panels = [
        FieldPanel("item_code"),
        PageChooserPanel("linked_page"),
        FieldPanel("external_url"),
        FieldPanel("fiscal_year"),
        FieldPanel("title"),
        FieldPanel("navigation_path"),
    ]

    # Wagtail would queue a reference-index update for every saved link, and the
    # task looks the link up again by id: a link deleted before the worker runs it
    # (an editor removed it, a later publication replaced it) failed the task with
    # EvidenceLink.DoesNotExist. The links stay in the index, recorded under their
    # page, which queues one update for itself once its links are saved
    # (ITAIndexPage.save).
    wagtail_reference_index_ignore = True

    class Meta(Orderable.Meta):
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")

    def __str__(self):
        return f"{self.item_code}: {self.linked_page_id or self.external_url}"

    def clean(self):
        super().clean()
        self.item_code = self.item_code.strip()
        if bool(self.linked_page_id) == bool(self.external_url):
            raise ValidationError(
                {"linked_page": _("Choose a page or enter an external address.")}
            )
        if self.external_url and not self.fiscal_year:
            raise ValidationError(
                {
                    "fiscal_year": _(
                        "Enter the fiscal year the external evidence is for."
                    )
                }
            )


class IndexSnapshot(models.Model):
    """An index frozen as submitted to the national system: its URLs and statuses
    on that date, downloadable as long as the index exists."""

    index = models.ForeignKey(
        ITAIndexPage,
        on_delete=models.CASCADE,
        related_name="snapshots",
        verbose_name=_("index"),
    )
    created_at = models.DateTimeField(_("frozen at"), auto_now_add=True)
    created_by = models.CharField(_("frozen by"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    rows = models.JSONField(_("rows"), default=list)

    class Meta:
        verbose_name = _("submitted snapshot")
        verbose_name_plural = _("submitted snapshots")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.index_id} {format_datetime(self.created_at)}"
