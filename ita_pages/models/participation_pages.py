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
from kcs_core.models import IntroPage, YearlyFiguresPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.sites import RequestSiteMixin
from kcs_core.thai_dates import fiscal_year


class ParticipationPage(BesideTheYears, RequestSiteMixin, IntroPage):
    """What the Q&A board and the opinion channel share: an introduction, and the
    site a request reached them through."""

    base_form_class = RouteSafePageForm

    class Meta:
        abstract = True


class ParticipationFormMixin(CaptchaRoutesMixin, RoutablePageMixin):
    """A participation page with a public form: GET shows it, POST files it (the
    views and forms are in :mod:`ita_pages.participation`)."""

    #: Which public form the page shows (a key of ``ita_pages.participation.FILERS``).
    participation_kind = ""

    @property
    def thanks_template(self) -> str:
        """The template that thanks the resident: ``ita_pages/<kind>_thanks.html``."""
        return f"ita_pages/{self.participation_kind}_thanks.html"

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
    content_panels = ParticipationPage.content_panels + [
        FieldPanel("answer_within_days")
    ]
    api_fields = [
        *ParticipationPage.api_fields,
        APIField("answer_within_days"),
        APIField("answered_questions"),
    ]
    ita_roles = ("qa",)
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
    content_panels = ParticipationPage.content_panels + [
        FieldPanel("reply_within_days")
    ]
    api_fields = [
        *ParticipationPage.api_fields,
        APIField("reply_within_days"),
        APIField("summary"),
    ]
    ita_roles = ("opinion_channel",)
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

    api_fields = [
        *YearlyFiguresPage.api_fields,
        YearlyFiguresPage.current_figures_field("report"),
    ]
    ita_roles = ("participation",)

    class Meta:
        verbose_name = _("participation report")
        verbose_name_plural = _("participation reports")

    compute = staticmethod(participation_report)
    years_with_figures = staticmethod(participation_years)
