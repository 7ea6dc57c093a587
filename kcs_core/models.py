import datetime

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import BaseLogEntry, Page
from wagtail.models.audit_log import ModelLogEntryManager

from rest_framework.fields import ReadOnlyField

from .forms import ReviewSafePageForm, RouteSafePageForm
from .model_fields import ThaiDateModelField, optional_link, site_link
from .permissions import ActingSitesPermissionPolicy, editable_sites
from .preview import HeadlessPreviewable
from .search import THAI_WORDS, ThaiSearchable
from .sites import language_root
from .thai_dates import fiscal_year, fiscal_year_choice


def renewal_warning_days() -> int:
    """Days before the renewal date from which the dashboard warns (setting
    ``KCS_RENEWAL_WARNING_DAYS``, 60 by default)."""
    return getattr(settings, "KCS_RENEWAL_WARNING_DAYS", 60)


def acting_sites(user) -> list[int]:
    """The ids of the sites ``user`` acts for, found once per user object (a site
    history page asks for them several times)."""
    if not hasattr(user, "_kcs_acting_sites"):
        user._kcs_acting_sites = list(editable_sites(user).values_list("pk", flat=True))
    return user._kcs_acting_sites


class SiteLogEntryManager(ModelLogEntryManager):
    """Logs an action with the site of its object; lists for a user only their
    sites' entries."""

    def log_action(self, instance, action, **kwargs):
        kwargs.setdefault("site_id", getattr(instance, "site_id", None))
        return super().log_action(instance, action, **kwargs)

    def viewable_by_user(self, user):
        """The entries of the user's sites, of the models they hold a permission
        on. (Wagtail's own caches those models on the user under one name for
        every log model, so whichever model it ran for first would decide.)"""
        if user.is_superuser:
            return self.all()
        used = self.values_list("content_type_id", flat=True).distinct()
        permissions = Permission.objects.filter(
            content_type_id__in=used
        ).select_related("content_type")
        allowed = {
            permission.content_type_id
            for permission in permissions
            if user.has_perm(
                f"{permission.content_type.app_label}.{permission.codename}"
            )
        }
        return self.filter(content_type_id__in=allowed, site__in=acting_sites(user))


class SiteLogEntry(BaseLogEntry):
    """Wagtail's log entry of a record that belongs to a site (the apps' records
    in the admin, :class:`~kcs_core.site_views.SiteScopedViewSet`): Wagtail's own
    keeps no site, so its site history listed one local government's records
    (residents' questions among them) to another's staff."""

    object_id = models.CharField(max_length=255, db_index=True)
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("site"),
    )

    objects = SiteLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("site record log entry")
        verbose_name_plural = _("site record log entries")

    def __str__(self):
        return f"{self.action} {self.label}"


class SiteSetting(BaseSiteSetting):
    """A setting of one site, edited only by staff who act for that site
    (:class:`~kcs_core.permissions.ActingSitesPermissionPolicy`), or who were given
    it for that site."""

    class Meta:
        abstract = True

    @classmethod
    def get_permission_policy(cls):
        return ActingSitesPermissionPolicy(cls)


@register_setting(icon="site")
class GovernmentSettings(SiteSetting):
    """Who runs this site: name, contacts and the website's renewal date.

    One row per Wagtail Site, so each local government hosted on one installation
    keeps its own. Templates read it as ``settings.kcs_core.GovernmentSettings``.
    """

    name = models.CharField(_("organisation name (Thai)"), max_length=255, blank=True)
    name_en = models.CharField(
        _("organisation name (English)"), max_length=255, blank=True
    )
    address = models.TextField(_("address (Thai)"), blank=True)
    address_en = models.TextField(_("address (English)"), blank=True)
    # The office's own area, in Thai: residents' forms offer it as their address's
    # ตำบล, อำเภอ and จังหวัด, which they may change.
    subdistrict = models.CharField(
        _("sub-district (tambon)"), max_length=100, blank=True
    )
    district = models.CharField(_("district (amphoe)"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=64, blank=True)
    hotline = models.CharField(
        _("hotline"),
        max_length=64,
        blank=True,
        help_text=_("A number residents can call for complaints and emergencies."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    line_url = models.URLField(
        _("LINE official account"),
        blank=True,
        help_text=_("For example https://line.me/R/ti/p/@example"),
    )
    share_image = optional_link(
        "wagtailimages.Image",
        verbose_name=_("share image"),
        help_text=_(
            "Shown when a page of this site is shared on Facebook or LINE "
            "(1200 × 630 pixels works best)."
        ),
    )
    website_renewal_date = ThaiDateModelField(
        _("website renewal date"),
        null=True,
        blank=True,
        help_text=_(
            "When the domain or hosting must be renewed. The admin dashboard warns "
            "from 60 days before."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("name_en"),
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldRowPanel(
                    [
                        FieldPanel("subdistrict"),
                        FieldPanel("district"),
                        FieldPanel("province"),
                    ],
                    help_text=_(
                        "The office's own area: residents' forms offer it as their "
                        "address, which they can change."
                    ),
                ),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("hotline"),
                FieldPanel("email"),
                FieldPanel("facebook_url"),
                FieldPanel("line_url"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("share_image"),
        FieldPanel("website_renewal_date"),
    ]

    class Meta:
        verbose_name = verbose_name_plural = _("local government settings")

    def __str__(self):
        return self.name or str(self.site)

    def _localized(self, thai_value: str, english_value: str) -> str:
        if (get_language() or "").startswith("en") and english_value:
            return english_value
        return thai_value

    @property
    def display_name(self) -> str:
        """The organisation's name in the active language, falling back to Thai."""
        return self._localized(self.name, self.name_en) or self.site.site_name

    @property
    def display_address(self) -> str:
        """The address in the active language, falling back to Thai."""
        return self._localized(self.address, self.address_en)

    def area(self) -> dict[str, str]:
        """The office's own ``subdistrict``, ``district`` and ``province`` (those
        filled in)."""
        parts = {
            "subdistrict": self.subdistrict,
            "district": self.district,
            "province": self.province,
        }
        return {part: value for part, value in parts.items() if value}

    def own_words(self) -> list[str]:
        """Words of this office that a line must never split: its sub-district,
        district and province, which a Thai dictionary may lack (``กุดชุมแสง``
        would otherwise break as ``กุดชุม|แสง``)."""
        return list(self.area().values())

    def days_until_renewal(self, today: datetime.date | None = None) -> int | None:
        """Whole days from today to the renewal date (negative once it has passed)."""
        if self.website_renewal_date is None:
            return None
        today = today or timezone.localdate()
        return (self.website_renewal_date - today).days


class SiteRecord(models.Model):
    """A row that belongs to one Wagtail site and goes with it: a record the apps keep
    per site (a sequence, a gift received, a tip handler…)."""

    site = site_link(verbose_name=_("site"))

    class Meta:
        abstract = True


class SiteSequence(SiteRecord):
    """A gap-free counter per site and key (for example ``eservice:2569``).

    Use :func:`kcs_core.sequences.next_number`; never read and write ``value`` directly.
    """

    key = models.CharField(_("key"), max_length=64)
    value = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("numbering sequence")
        verbose_name_plural = _("numbering sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "key"], name="kcs_core_unique_site_sequence"
            )
        ]

    def __str__(self):
        return f"{self.site_id}:{self.key}={self.value}"


class IntroPage(ThaiSearchable, Page):
    """A page type that opens with an editor's introduction, found by its Thai words:
    a subclass adds its own fields to ``content_panels``, ``api_fields`` and
    ``search_text_fields``."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    search_text_fields = ("intro",)
    search_fields = Page.search_fields + THAI_WORDS

    class Meta:
        abstract = True


class SearchPage(HeadlessPreviewable, IntroPage):
    """The site's search, in the page's language: ``?q=`` finds the live public
    pages of the site in that language, Thai words anywhere in a title or text
    (:mod:`kcs_core.search`), each shown with its kind and the section it is in.
    Works without JavaScript. Tips and requests are not pages: nothing of them is
    ever found."""

    base_form_class = ReviewSafePageForm

    max_count_per_parent = 1
    subpage_types: list[str] = []
    results_per_page = 10
    longest_query = 200

    class Meta:
        verbose_name = _("search page")
        verbose_name_plural = _("search pages")

    def get_searched_pages(self):
        """The pages a search may find: live, public, of this page's site and
        language. Override to narrow them."""
        return (
            Page.objects.live()
            .public()
            .descendant_of(language_root(self), inclusive=True)
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[: self.longest_query]
        results = None
        if query:
            found = self.get_searched_pages().search(query)
            results = Paginator(found, self.results_per_page).get_page(
                request.GET.get("page")
            )
            results.rows = self.result_rows(list(results.object_list))
            # How the pages were found when none has every word (kcs_core.search).
            results.found_by = getattr(found, "found_by", "all")
            results.searched_words = getattr(found, "searched_words", [])
        context.update(query=query, results=results)
        return context

    def result_rows(self, pages: list[Page]) -> list[dict]:
        """Each found page (in the order found) with its kind (the page type's name:
        บริการ, ประกาศ…) and the section it is in, in three queries."""
        specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific()
        by_pk = {page.pk: page for page in specific}
        parent_paths = {page.path[: -Page.steplen] for page in pages}
        sections = {
            section.path: section
            for section in Page.objects.filter(path__in=parent_paths, depth__gt=1)
        }
        return [
            {
                "page": by_pk[page.pk],
                "kind": type(by_pk[page.pk])._meta.verbose_name,
                "section": sections.get(page.path[: -Page.steplen]),
            }
            for page in pages
            if page.pk in by_pk
        ]


class YearlyFiguresPage(HeadlessPreviewable, IntroPage):
    """A page of figures for one fiscal year (the e-service statistics and
    satisfaction pages, the tip statistics, the participation report, the gift
    register): an introduction, and the year asked for with ``?year=`` (within the
    years :func:`~kcs_core.thai_dates.fiscal_year_asked` accepts), else the current
    one. An ITA index links it with its own year (``ita_year_query``).

    A page type says what its figures are (:meth:`compute`) and which years have
    any (:meth:`years_with_figures`), as methods or as the functions that compute
    them (``compute = staticmethod(tip_statistics)``); the template gets ``year``,
    ``years`` (for the picker) and ``figures``.
    """

    subpage_types: list[str] = []
    base_form_class = RouteSafePageForm
    ita_year_query = "year"

    class Meta:
        abstract = True

    def compute(self, site, year: int) -> dict:
        """The figures of fiscal ``year`` on ``site``."""
        raise NotImplementedError

    def years_with_figures(self, site) -> set[int]:
        """The fiscal years the picker offers, besides the current one and the
        one shown."""
        return set()

    @property
    def current_figures(self) -> dict:
        """The current fiscal year's figures, for the API."""
        return self.compute(self.get_site(), fiscal_year(timezone.localdate()))

    @staticmethod
    def current_figures_field(name: str) -> APIField:
        """The API field of :attr:`current_figures` under a page type's own name for
        its figures (the tip statistics' ``statistics``)."""
        return APIField(name, serializer=ReadOnlyField(source="current_figures"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        choice = fiscal_year_choice(
            request.GET.get(self.ita_year_query), self.years_with_figures(site)
        )
        context.update(choice, figures=self.compute(site, choice["year"]))
        return context
