"""Page types of the disclosure tree: sections, evidence and measures announcements."""

from django.apps import apps
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ita_pages.blocks import EvidenceStreamBlock, ImprovementPlanBlock, SignatureBlock
from ita_pages.models.catalog import page_order_key
from ita_pages.models.index_page import ITAIndexPage
from ita_pages.models.mixins import DisclosurePageMixin, EvidenceFieldsMixin
from ita_pages.models.news import NewsPage
from ita_pages.models.settings import ITASettings
from kcs_core.api_fields import date_api_fields
from kcs_core.model_fields import ThaiDateModelField, optional_link
from kcs_core.models import IntroPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable
from kcs_core.sites import language_root

NOTICE_BOARD_SIZE = 5


def searched_as_fields(*names: str) -> list:
    """The ``search_fields`` of a page type of the tree: Page's, the fields ``names``
    whole, and the Thai words of its ``search_text_fields``."""
    return Page.search_fields + [*map(index.SearchField, names), *THAI_WORDS]


def in_year_tree(page: Page) -> bool:
    """Whether ``page`` is a year's ITA index or below one."""
    return ITAIndexPage.objects.ancestor_of(page, inclusive=True).exists()


class BesideTheYears:
    """One per parent, beside the years' indexes, never inside one (a page that
    spans the years), with no pages below unless its type names some."""

    subpage_types: list[str] = []
    max_count_per_parent = 1

    @classmethod
    def can_exist_under(cls, parent):
        return super().can_exist_under(parent) and not in_year_tree(parent)


class DisclosureSectionPage(HeadlessPreviewable, DisclosurePageMixin, IntroPage):
    """A section of the disclosure tree (for example ข้อมูลพื้นฐาน or การบริหารงาน).

    Editors write an introduction; the page lists its live child pages, so the path an
    assessor follows to any piece of evidence is the path of sections above it. The
    top section also serves the office's digital notice board at
    ``<section>/notice-board/``.
    """

    search_fields = searched_as_fields("intro")
    subpage_types = [
        "ita_pages.DisclosureSectionPage",
        "ita_pages.ITAIndexPage",
        "ita_pages.EvidencePage",
        "ita_pages.MeasuresAnnouncementPage",
        "ita_pages.MeasuresReportPage",
        "ita_pages.GiftRegisterPage",
        "ita_pages.ProcurementPage",
        "ita_pages.QuestionBoardPage",
        "ita_pages.OpinionPage",
        "ita_pages.ParticipationReportPage",
    ]
    # Tree order, which ita_pages.ordering keeps in item order (o2 before o10).
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("disclosure section")
        verbose_name_plural = _("disclosure sections")

    @classmethod
    def can_exist_under(cls, parent):
        """A year's index holds one level of sections (its sub-indicators); a
        section below it holds evidence pages and announcements only."""
        if not super().can_exist_under(parent):
            return False
        if issubclass(parent.specific_class, DisclosureSectionPage):
            return not in_year_tree(parent)
        return True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_child_pages()
        return context

    def get_child_pages(self) -> list[Page]:
        """The live child pages in item order (``o2`` before ``o10``), whatever
        their order in the tree."""
        pages = self.get_children().live().specific()
        return sorted(
            pages,
            key=lambda page: (
                page_order_key(getattr(page, "ita_codes", ""), page.slug, page.title),
                page.pk,
            ),
        )

    def get_notices(self) -> list[Page]:
        """The latest live measures announcements below this section and the news
        items of the site marked for the notice board, newest first."""
        measures = (
            MeasuresAnnouncementPage.objects.live()
            .descendant_of(self)
            .order_by("-announcement_date", "-pk")[:NOTICE_BOARD_SIZE]
        )
        news = (
            NewsPage.objects.live()
            .descendant_of(language_root(self))
            .filter(show_on_notice_board=True, locale_id=self.locale_id)
            .order_by("-date", "-pk")[:NOTICE_BOARD_SIZE]
        )
        notices = sorted(
            [*measures, *news], key=lambda notice: notice.notice_date, reverse=True
        )
        return notices[:NOTICE_BOARD_SIZE]

    def notice_board_context(self, request) -> dict:
        """The notices and their timing: each shows for the board's seconds in turn."""
        notices = list(self.get_notices())
        seconds = max(ITASettings.for_request(request).notice_board_seconds, 5)
        count = max(len(notices), 1)
        return {
            "notices": notices,
            "seconds": seconds,
            "cycle_seconds": seconds * count,
            "visible_percent": round(100 / count, 2),
            "hidden_percent": round(100 / count + 0.01, 2),
            "delays": [seconds * i for i in range(len(notices))],
        }

    @path("acknowledge/<str:value>/<str:stamp>/<str:signature>/", name="acknowledge")
    def acknowledge(self, request, value, stamp, signature):
        """A member of staff without an account confirms a circular ("รับทราบ")
        through their one-time link (its signed token in three parts: Wagtail's
        page paths take no colon): GET shows the announcement and the button, POST
        records it once (:mod:`ita_pages.circulars`)."""
        acknowledgement = apps.get_model("ita_pages", "Acknowledgement").for_token(
            f"{value}:{stamp}:{signature}", self.get_site()
        )
        if acknowledgement is None:
            raise Http404
        just_now = request.method == "POST" and acknowledgement.confirm()
        response = self.render(
            request,
            template="ita_pages/acknowledge.html",
            context_overrides={
                "acknowledgement": acknowledgement,
                # In the page's language where it is translated.
                "announcement": acknowledgement.circular.announcement.localized,
                "just_now": just_now,
            },
        )
        # The link is the member's own: never cached, never sent to another site
        # as a Referer (same-origin: the form's own POST keeps its Origin, which
        # the CSRF check reads).
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        return response

    @path("notice-board/", name="notice_board")
    def notice_board(self, request):
        """Full-screen view for the office's notice board: cycles, refreshes itself."""
        context = self.notice_board_context(request)
        context["timing_stylesheet_url"] = self.get_url(request) + self.reverse_subpage(
            "notice_board_css"
        )
        return self.render(
            request, template="ita_pages/notice_board.html", context_overrides=context
        )

    @path("notice-board/timing/", name="notice_board_css")
    def notice_board_css(self, request):
        """The board's timing as a stylesheet (the site's policy allows no inline
        style), cached and refreshed with the page like any other."""
        return TemplateResponse(
            request,
            "ita_pages/notice_board_timing.css",
            self.notice_board_context(request),
            content_type="text/css; charset=utf-8",
        )


class EvidencePage(
    HeadlessPreviewable, ThaiSearchable, EvidenceFieldsMixin, DisclosurePageMixin, Page
):
    """A page of evidence for one or more ITA items of a fiscal year.

    The body holds text, document lists, tables, links and embeds; the fiscal year
    and last-reviewed date tell the index whether it is current. Like every
    evidence page it shows its approval record and links its approval sheet.
    """

    intro = RichTextField(_("summary"), blank=True, features=["bold", "italic"])
    body = StreamField(EvidenceStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = (
        Page.content_panels
        + [FieldPanel("intro"), FieldPanel("body")]
        + EvidenceFieldsMixin.evidence_panels
    )
    search_text_fields = ("intro", "body")
    search_fields = searched_as_fields("intro", "body")
    api_fields = [
        APIField("intro"),
        APIField("body"),
        *EvidenceFieldsMixin.evidence_api_fields,
        *DisclosurePageMixin.approval_api_fields,
        APIField("circulation"),
    ]
    parent_page_types = ["ita_pages.DisclosureSectionPage", "ita_pages.ITAIndexPage"]
    subpage_types = ["ita_pages.EvidencePage"]

    class Meta:
        verbose_name = _("evidence page")
        verbose_name_plural = _("evidence pages")


class MeasuresAnnouncementPage(
    HeadlessPreviewable, ThaiSearchable, EvidenceFieldsMixin, DisclosurePageMixin, Page
):
    """A measures announcement (ประกาศมาตรการ) as signed: number, date, fiscal year,
    the measures, one improvement-plan table per assessment tool, the signatures and
    the signed PDF. Its approval record shows who approved publication and when.
    """

    issuing_unit = models.CharField(
        _("issuing unit"), max_length=255, blank=True, help_text=_("ส่วนราชการ")
    )
    announcement_number = models.CharField(
        _("announcement number"), max_length=100, help_text=_("ที่ (e.g. ขย 71501/…)")
    )
    announcement_date = ThaiDateModelField(_("date of the announcement"))
    addressee = models.CharField(
        _("addressed to"), max_length=255, blank=True, help_text=_("เรียน")
    )
    intro = RichTextField(_("the measures"))
    improvement_plans = StreamField(
        [("plan", ImprovementPlanBlock())],
        verbose_name=_("improvement plans"),
        blank=True,
    )
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_position = models.CharField(_("signer's position"), max_length=255)
    signatures = StreamField(
        [("signature", SignatureBlock())],
        verbose_name=_("signatures (transcribed)"),
        blank=True,
    )
    signed_pdf = optional_link("wagtaildocs.Document", verbose_name=_("signed PDF"))

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("issuing_unit"),
                    FieldPanel("announcement_number"),
                    FieldPanel("announcement_date"),
                    FieldPanel("addressee"),
                ],
                heading=_("Announcement"),
            ),
            FieldPanel("intro"),
            FieldPanel("improvement_plans"),
            MultiFieldPanel(
                [
                    FieldPanel("signer_name"),
                    FieldPanel("signer_position"),
                    FieldPanel("signatures"),
                    FieldPanel("signed_pdf"),
                ],
                heading=_("Signatures"),
            ),
        ]
        + EvidenceFieldsMixin.evidence_panels
    )
    search_text_fields = ("intro", "announcement_number", "improvement_plans")
    search_fields = searched_as_fields("intro", "announcement_number")
    api_fields = [
        APIField("issuing_unit"),
        APIField("announcement_number"),
        *date_api_fields("announcement_date"),
        APIField("addressee"),
        APIField("intro"),
        APIField("improvement_plans"),
        APIField("signer_name"),
        APIField("signer_position"),
        APIField("signatures"),
        APIField("signed_pdf"),
        *EvidenceFieldsMixin.evidence_api_fields,
        *DisclosurePageMixin.approval_api_fields,
        APIField("circulation"),
    ]
    parent_page_types = ["ita_pages.DisclosureSectionPage", "ita_pages.ITAIndexPage"]
    subpage_types = []
    #: How the page shows on the office's notice board.
    notice_template = "ita_pages/includes/notice_measures.html"

    class Meta:
        verbose_name = _("measures announcement")
        verbose_name_plural = _("measures announcements")

    @property
    def notice_date(self):
        """The date the notice board sorts by."""
        return self.announcement_date
