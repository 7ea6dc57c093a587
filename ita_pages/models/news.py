"""News and announcements: the stream an office keeps up all year (ITA ``news``).

A :class:`NewsIndexPage` lists its :class:`NewsPage` children newest first, ten to a
page, all of them or one category (``<index>/category/<category>/``), with an RSS
and an Atom feed of each (``feed/``, ``feed/atom/``). It answers the ``news`` role in
every year's ITA index. An item an editor marks for the notice board shows there
beside the measures announcements.
"""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from rest_framework.fields import CharField

from ita_pages.feeds import NewsFeed
from kcs_core.api_fields import date_api_fields
from kcs_core.forms import ReviewSafePageForm
from kcs_core.model_fields import ThaiDateModelField, optional_link
from kcs_core.models import IntroPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable


class NewsCategory(models.TextChoices):
    """What kind of item it is; the listing can show one kind."""

    NEWS = "news", _("Public relations news")
    ANNOUNCEMENT = "announcement", _("Announcement")
    PROCUREMENT = "procurement", _("Procurement announcement")
    ACTIVITY = "activity", _("Activity")


class NewsIndexPage(HeadlessPreviewable, RoutablePageMixin, IntroPage):
    """The listing of news and announcements, newest first, by category, with feeds."""

    base_form_class = ReviewSafePageForm

    api_fields = [*IntroPage.api_fields, APIField("categories")]
    subpage_types = ["ita_pages.NewsPage"]
    ita_roles = ("news",)
    #: Items on one page of the listing, and in a feed.
    per_page = 10

    class Meta:
        verbose_name = verbose_name_plural = _("news and announcements")

    def get_items(self, category: str | None = None):
        """The live items below this page, newest first; of one category if given.
        Override to list items from elsewhere."""
        items = NewsPage.objects.child_of(self).live()
        if category:
            items = items.filter(category=category)
        return items.order_by("-date", "-first_published_at", "-pk")

    @property
    def categories(self) -> list[dict]:
        """Each category with items: its code, its name and its listing's URL."""
        used = set(self.get_items().values_list("category", flat=True))
        return [
            {
                "code": code,
                "label": str(label),
                "url": self.category_url(code),
                "feed_url": self.category_url(code) + "feed/",
            }
            for code, label in self.category_choices()
            if code in used
        ]

    @staticmethod
    def category_choices() -> list[tuple[str, str]]:
        """The categories the listing offers, each with its own page and feed (a
        subclass may offer fewer; an item's category is a :class:`NewsCategory`)."""
        return NewsCategory.choices

    def category_url(self, category: str) -> str:
        return self.url + self.reverse_subpage("category", args=(category,))

    def listing(self, request, category: str | None = None):
        context = {
            "category": category,
            "category_label": dict(self.category_choices()).get(category),
            "items": Paginator(self.get_items(category), self.per_page).get_page(
                request.GET.get("page")
            ),
            "feed_url": (self.category_url(category) if category else self.url)
            + "feed/",
        }
        return self.render(request, context_overrides=context)

    @path("")
    def all_items(self, request):
        return self.listing(request)

    @path("category/<str:category>/", name="category")
    def category_items(self, request, category):
        if category not in dict(self.category_choices()):
            raise Http404
        return self.listing(request, category)

    @path("feed/", name="feed")
    @path("category/<str:category>/feed/", name="category_feed")
    def rss_feed(self, request, category=None):
        return self.feed(request, category, atom=False)

    @path("feed/atom/", name="atom")
    @path("category/<str:category>/feed/atom/", name="category_atom")
    def atom_feed(self, request, category=None):
        return self.feed(request, category, atom=True)

    def feed(self, request, category, atom: bool):
        if category and category not in dict(self.category_choices()):
            raise Http404
        return NewsFeed(self, category, atom=atom)(request)


class NewsPage(HeadlessPreviewable, ThaiSearchable, Page):
    """One news item or announcement: its category, date, summary, text and picture."""

    base_form_class = ReviewSafePageForm

    category = models.CharField(
        pgettext_lazy("news category", "category"),
        max_length=20,
        choices=NewsCategory.choices,
        default=NewsCategory.NEWS,
    )
    date = ThaiDateModelField(_("date"), default=timezone.localdate)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for the listing and for shared links."),
    )
    body = RichTextField(_("text"), blank=True)
    image = optional_link(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        help_text=_(
            "Shown above the text and when the page is shared (LINE, Facebook)."
        ),
    )
    show_on_notice_board = models.BooleanField(
        _("show on the notice board"),
        default=False,
        help_text=_("The office's notice board shows it beside the measures."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("date"), FieldPanel("summary")],
            heading=_("Listing"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("show_on_notice_board"),
    ]
    api_fields = [
        APIField("category"),
        APIField("category_label", serializer=CharField(source="get_category_display")),
        *date_api_fields("date"),
        APIField("summary"),
        APIField("body"),
        APIField("image", serializer=ImageRenditionField("fill-1200x630")),
        APIField(
            "image_thumbnail",
            serializer=ImageRenditionField("fill-400x300", source="image"),
        ),
        APIField("show_on_notice_board"),
    ]
    search_text_fields = ("summary", "body")
    search_fields = Page.search_fields + THAI_WORDS
    parent_page_types = ["ita_pages.NewsIndexPage"]
    subpage_types: list[str] = []
    #: How the page shows on the office's notice board.
    notice_template = "ita_pages/includes/notice_news.html"
    share_type = "article"

    class Meta:
        verbose_name = _("news item or announcement")
        verbose_name_plural = _("news items and announcements")

    def category_url(self) -> str:
        """The listing of this item's category."""
        return self.get_parent().specific.category_url(self.category)

    def get_share_description(self) -> str:
        """The summary, else the start of the text."""
        return self.summary or Truncator(strip_tags(self.body)).words(30)

    def get_share_image(self):
        """The picture shared links preview with (else the site's share image)."""
        return self.image

    @property
    def notice_date(self) -> datetime.date:
        """The date the notice board sorts by."""
        return self.date
