"""The page types of public participation (see :mod:`ita_pages.models.participation`
for the records): the Q&A board, the opinion channel and the report. Their form
routes call the views of :mod:`ita_pages.participation`."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ita_pages import participation
from ita_pages.models.pages import BesideTheYears
from ita_pages.models.participation import (
    answered_questions,
    opinion_summary,
    participation_report,
    participation_years,
    question_out,
)
from kcs_core.captcha import CaptchaRoutesMixin
from kcs_core.forms import RouteSafePageForm
from kcs_core.models import YearlyFiguresPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable
from kcs_core.sites import RequestSiteMixin
from kcs_core.thai_dates import fiscal_year


class ParticipationPage(BesideTheYears, ThaiSearchable, RequestSiteMixin, Page):
    """What the Q&A board and the opinion channel share: an introduction, and the
    site a request reached them through."""

    intro = RichTextField(_("introduction"), blank=True)
    search_text_fields = ("intro",)
    search_fields = Page.search_fields + THAI_WORDS
    base_form_class = RouteSafePageForm

    class Meta:
        abstract = True


class ParticipationFormMixin(CaptchaRoutesMixin, RoutablePageMixin):
    """A participation page with a public form: GET shows it, POST files it (the
    views and forms are in :mod:`ita_pages.participation`)."""

    #: The template that thanks the resident.
    thanks_template = ""
    #: Which public form the page shows (a key of ``ita_pages.participation.FILERS``).
    participation_kind = ""

    @path("")
    def form_view(self, request):
        return participation.form_view(self, request)


class QuestionBoardPage(HeadlessPreviewable, ParticipationFormMixin, ParticipationPage):
    """The public Q&A board (ITA ``qa``): residents ask, staff answer in the admin,
    and the answered questions are published with their dates, newest first."""

    answer_within_days = models.PositiveSmallIntegerField(
        _("answer within (days)"), default=15
    )
    per_page = 20
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("answer_within_days"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("answer_within_days"),
        APIField("answered_questions"),
    ]
    ita_roles = ("qa",)
    thanks_template = "ita_pages/question_thanks.html"
    participation_kind = "question"

    class Meta:
        verbose_name = _("Q&A board")
        verbose_name_plural = _("Q&A boards")

    @property
    def answered_questions(self) -> list[dict]:
        """The latest published answers (for the API)."""
        latest = answered_questions(self.get_site())[: self.per_page]
        return [question_out(question) for question in latest]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        questions = answered_questions(self.get_site_for(request))
        context["questions"] = Paginator(questions, self.per_page).get_page(
            request.GET.get("page")
        )
        return context


class OpinionPage(HeadlessPreviewable, ParticipationFormMixin, ParticipationPage):
    """The opinion channel (ITA ``opinion_channel``; the memo's EIT step: a channel
    for residents to suggest how staff work): the form, and the summary of what was
    received and done this fiscal year."""

    reply_within_days = models.PositiveSmallIntegerField(
        _("reply within (days)"), default=15
    )
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("reply_within_days"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("reply_within_days"),
        APIField("summary"),
    ]
    ita_roles = ("opinion_channel",)
    thanks_template = "ita_pages/opinion_thanks.html"
    participation_kind = "opinion"

    class Meta:
        verbose_name = _("opinion channel")
        verbose_name_plural = _("opinion channels")

    @property
    def summary(self) -> dict:
        """This fiscal year's summary (for the API)."""
        return opinion_summary(self.get_site(), fiscal_year(timezone.localdate()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        year = fiscal_year(timezone.localdate())
        context["summary"] = opinion_summary(self.get_site_for(request), year)
        return context


class ParticipationReportPage(BesideTheYears, YearlyFiguresPage):
    """The participation report (ITA ``participation``) of a fiscal year chosen with
    ``?year=``, generated from the Q&A board and the opinion channel."""

    api_fields = [APIField("intro"), APIField("report")]
    ita_roles = ("participation",)

    class Meta:
        verbose_name = _("participation report")
        verbose_name_plural = _("participation reports")

    def compute(self, site, year: int) -> dict:
        return participation_report(site, year)

    def years_with_figures(self, site) -> set[int]:
        return participation_years(site)

    @property
    def report(self) -> dict:
        """This fiscal year's report (the API's name for :attr:`current_figures`)."""
        return self.current_figures
