"""The RSS and Atom feeds of a news listing (:class:`ita_pages.models.NewsIndexPage`),
built with Django's syndication framework."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class NewsFeed(Feed):
    """The newest items of a listing (of one category when given)."""

    def __init__(self, index, category: str | None = None, atom: bool = False):
        super().__init__()
        self.index = index
        self.category = category
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed

    def title(self):
        label = dict(self.index.category_choices()).get(self.category)
        return f"{self.index.title}: {label}" if label else self.index.title

    def link(self):
        if self.category:
            return self.index.full_url + self.index.reverse_subpage(
                "category", args=(self.category,)
            )
        return self.index.full_url

    def description(self):
        return self.index.search_description or self.index.title

    def author_name(self):
        """The office that publishes the listing (an Atom feed must name one)."""
        site = self.index.get_site()
        return site.site_name or site.hostname

    def items(self):
        return self.index.get_items(self.category)[: self.index.per_page]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.get_share_description()

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.date, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_category_display()]
