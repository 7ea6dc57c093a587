"""Pages that publish ITA evidence computed from the requests: service statistics and
satisfaction results."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from kcs_core.forms import RouteSafePageForm
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable
from kcs_core.thai_dates import fiscal_year, fiscal_year_asked

from .. import statistics


class YearlyStatisticsPage(HeadlessPreviewable, ThaiSearchable, Page):
    """Shared base of the e-service statistics and satisfaction pages (ITA evidence
    computed from requests): an introduction and a fiscal year chosen with
    ``?year=``; an ITA index links these pages with its own year
    (``ita_year_query``). Not ita_pages' ``EvidencePage``, which an editor writes."""

    intro = RichTextField(_("introduction"), blank=True)
    search_text_fields = ("intro",)
    search_fields = Page.search_fields + THAI_WORDS

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["eservice_forms.ServiceIndexPage"]
    subpage_types = []
    is_creatable = False
    base_form_class = RouteSafePageForm
    ita_year_query = "year"

    class Meta:
        abstract = True

    def selected_year(self, request) -> int:
        """The fiscal year asked for in ``?year=``, else the current one."""
        return fiscal_year_asked(request.GET.get(self.ita_year_query))

    def compute(self, site, year: int) -> dict:
        """The numbers of ``year`` on ``site`` (override in each page type)."""
        raise NotImplementedError

    @property
    def current_figures(self) -> dict:
        """The current fiscal year's numbers, for the API."""
        return self.compute(self.get_site(), fiscal_year(timezone.localdate()))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        year = self.selected_year(request)
        context.update(
            year=year,
            # The year shown is offered even without requests, so the picker
            # shows it rather than the newest.
            years=sorted({*statistics.available_years(site), year}, reverse=True),
            figures=self.compute(site, year),
        )
        return context


class ServiceStatisticsPage(YearlyStatisticsPage):
    """Statistics of the e-services (ITA: service statistics): requests per service,
    per month and per status, and median days to a decision, as a chart that needs
    no JavaScript and as a table with the same numbers."""

    ita_roles = ("service_statistics",)
    is_creatable = True
    template = "eservice_forms/service_statistics_page.html"

    api_fields = [APIField("intro"), APIField("current_figures")]

    class Meta:
        verbose_name = _("e-service statistics page")
        verbose_name_plural = _("e-service statistics pages")

    def compute(self, site, year):
        return statistics.service_statistics(site, year)


class SatisfactionPage(YearlyStatisticsPage):
    """Results of the satisfaction survey offered when a request is done (ITA:
    satisfaction), per service and overall."""

    ita_roles = ("satisfaction",)
    is_creatable = True
    template = "eservice_forms/satisfaction_page.html"

    api_fields = [APIField("intro"), APIField("current_figures")]

    class Meta:
        verbose_name = _("satisfaction results page")
        verbose_name_plural = _("satisfaction results pages")

    def compute(self, site, year):
        return statistics.satisfaction_statistics(site, year)
