"""Pages that publish ITA evidence computed from the requests: service statistics and
satisfaction results."""

from django.utils.translation import gettext_lazy as _

from wagtail.api import APIField

from kcs_core.models import YearlyFiguresPage

from .. import statistics


class YearlyStatisticsPage(YearlyFiguresPage):
    """Shared base of the e-service statistics and satisfaction pages (ITA evidence
    computed from requests), below the service index. Not ita_pages'
    ``EvidencePage``, which an editor writes."""

    parent_page_types = ["eservice_forms.ServiceIndexPage"]
    api_fields = [*YearlyFiguresPage.api_fields, APIField("current_figures")]

    class Meta:
        abstract = True

    years_with_figures = staticmethod(statistics.years_with_requests)


class ServiceStatisticsPage(YearlyStatisticsPage):
    """Statistics of the e-services (ITA: service statistics): requests per service,
    per month and per status, and median days to a decision, as a chart that needs
    no JavaScript and as a table with the same numbers."""

    ita_roles = ("service_statistics",)

    class Meta:
        verbose_name = _("e-service statistics page")
        verbose_name_plural = _("e-service statistics pages")

    compute = staticmethod(statistics.service_statistics)


class SatisfactionPage(YearlyStatisticsPage):
    """Results of the satisfaction survey offered when a request is done (ITA:
    satisfaction), per service and overall."""

    ita_roles = ("satisfaction",)

    class Meta:
        verbose_name = _("satisfaction results page")
        verbose_name_plural = _("satisfaction results pages")

    compute = staticmethod(statistics.satisfaction_statistics)
