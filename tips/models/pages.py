"""Page types of the tip channel: the tip form, its statistics and its guideline.

Each declares the ITA catalog roles it answers (``ita_roles``); ita_pages finds them
by that attribute, without importing this app.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from kcs_core.captcha import CaptchaRoutesMixin
from kcs_core.forms import ReviewSafePageForm
from kcs_core.model_fields import optional_link
from kcs_core.models import IntroPage, YearlyFiguresPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable
from kcs_core.sites import RequestSiteMixin
from tips import handler_changes
from tips.anonymity import anonymize, remember_anonymous_paths
from tips.blocks import GuidelineStepsBlock
from tips.models.tips import TipHandler
from tips.statistics import tip_statistics, years_with_tips
from tips.views import public

# Independent agencies a tipster can go to when the office's executives are accused.
OUTSIDE_CHANNELS = (
    (
        _("Office of the National Anti-Corruption Commission (NACC)"),
        "https://www.nacc.go.th/",
    ),
    (
        _("Office of the Public Sector Anti-Corruption Commission (PACC)"),
        "https://www.pacc.go.th/",
    ),
    (_("State Audit Office"), "https://www.audit.go.th/"),
)


def public_handlers(site) -> list[dict]:
    """Names and positions of ``site``'s tip handlers, in the active language."""
    return [
        {
            "name": handler.name,
            "position": handler_changes.position_in_language(handler),
        }
        for handler in TipHandler.objects.filter(site=site)
    ]


class TipFormPage(
    HeadlessPreviewable,
    RequestSiteMixin,
    CaptchaRoutesMixin,
    RoutablePageMixin,
    IntroPage,
):
    """The corruption tip-off channel, separate from general complaints.

    Editors write the introduction and the acknowledgement time frame; the page
    itself carries the form (captcha, honeypot, optional identity section), the
    receipt shown once, the follow-up by receipt code, the list of who reads tips and
    the outside agencies for when the accused is among the office's executives.
    Every request to it is anonymised (see :mod:`tips.anonymity`).
    """

    base_form_class = ReviewSafePageForm

    acknowledge_within_days = models.PositiveSmallIntegerField(
        _("acknowledge within (days)"),
        default=7,
        help_text=_(
            "Handlers must acknowledge each tip within this many days; late tips "
            "appear in the overdue list and handlers get a reminder."
        ),
    )

    content_panels = IntroPage.content_panels + [FieldPanel("acknowledge_within_days")]
    api_fields = [
        *IntroPage.api_fields,
        APIField("acknowledge_within_days"),
        APIField("handlers"),
        APIField("handler_changes"),
        APIField("outside_channels"),
    ]
    ita_roles = ("complaint_channel",)

    class Meta:
        verbose_name = _("corruption tip-off page")
        verbose_name_plural = _("corruption tip-off pages")

    @property
    def handlers(self) -> list[dict]:
        return public_handlers(self.get_site())

    @property
    def handler_changes(self) -> list[dict]:
        return handler_changes.recent(self.get_site())

    @property
    def outside_channels(self) -> list[dict]:
        return [{"name": str(name), "url": url} for name, url in OUTSIDE_CHANNELS]

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "tips_anonymous", False):
            # The middleware did not know this page (cache flushed, page just
            # moved): scrub here, before Django logs anything, and learn the paths.
            anonymize(request)
            refresh_anonymous_paths()
        response = super().serve(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site_for(request)
        context["handlers"] = public_handlers(site)
        context["handler_changes"] = handler_changes.recent(site)
        context["outside_channels"] = OUTSIDE_CHANNELS
        return context

    @path("")
    def tip_form(self, request):
        return public.tip_form(self, request)

    @path("case/")
    def follow_up(self, request):
        return public.follow_up(self, request)


def live_tip_page_paths() -> tuple[str, ...]:
    """URL paths of every live tip page, in every site and language."""
    paths = set()
    for page in TipFormPage.objects.live().defer_streamfields():
        parts = page.get_url_parts()
        if parts and parts[2]:
            paths.add(parts[2])
    return tuple(sorted(paths))


def refresh_anonymous_paths(**kwargs) -> tuple[str, ...]:
    """Recompute the tip pages' paths the middleware anonymises, and return them
    (signal receiver: a tip page was published, unpublished or deleted, a page
    moved, a site changed; the middleware on a cold cache; and the pages' ``serve``
    when it finds a request the middleware missed)."""
    paths = live_tip_page_paths()
    remember_anonymous_paths(paths)
    return paths


class TipStatisticsPage(YearlyFiguresPage):
    """Counts of tips by category, status and month of a fiscal year, for the ITA.

    Counts only, never content; erased tips still count.
    """

    api_fields = [
        *YearlyFiguresPage.api_fields,
        YearlyFiguresPage.current_figures_field("statistics"),
    ]
    ita_roles = ("complaint_statistics",)

    class Meta:
        verbose_name = _("tip statistics page")
        verbose_name_plural = _("tip statistics pages")

    compute = staticmethod(tip_statistics)
    years_with_figures = staticmethod(years_with_tips)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["today"] = timezone.localdate()
        return context


# The guideline's texts: edited, searched and served under these names, in this order.
GUIDELINE_TEXT_FIELDS = ("intro", "steps", "responsible_unit", "time_frame")


class TipGuidelinePage(HeadlessPreviewable, ThaiSearchable, Page):
    """The complaint-handling guideline (คู่มือการจัดการเรื่องร้องเรียน): how to
    report, the steps, the responsible unit and the time frame, for the ITA."""

    base_form_class = ReviewSafePageForm

    intro = RichTextField(_("how to report"), blank=True)
    search_text_fields = GUIDELINE_TEXT_FIELDS
    search_fields = Page.search_fields + THAI_WORDS
    steps = StreamField(GuidelineStepsBlock(), blank=True, verbose_name=_("steps"))
    responsible_unit = models.CharField(
        _("responsible unit"), max_length=255, blank=True
    )
    time_frame = RichTextField(_("time frame"), blank=True)
    channel_page = optional_link("wagtailcore.Page", verbose_name=_("tip-off page"))

    content_panels = Page.content_panels + [
        *(FieldPanel(name) for name in GUIDELINE_TEXT_FIELDS),
        PageChooserPanel("channel_page", page_type="tips.TipFormPage"),
    ]
    api_fields = [APIField(name) for name in (*GUIDELINE_TEXT_FIELDS, "channel_page")]
    ita_roles = ("complaint_guideline",)

    class Meta:
        verbose_name = _("complaint-handling guideline page")
        verbose_name_plural = _("complaint-handling guideline pages")
