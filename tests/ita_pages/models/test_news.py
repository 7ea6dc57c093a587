"""News and announcements (ita_pages.models.news): the listing newest first, by
category and page, its RSS and Atom feeds, share metadata, the notice board, the ITA
``news`` role of every year, the API and the search."""

import datetime
import xml.etree.ElementTree as ET

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

import pytest

from ita_pages.models import NewsCategory, NewsIndexPage, NewsPage
from tests.conftest import publish_child
from tests.html import read
from tests.ita_pages.conftest import item_locations

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(home_page):
    return publish_child(home_page, NewsIndexPage(title="ข่าวและประกาศ", slug="news"))


def publish_news(index, slug, day, category=NewsCategory.NEWS, **fields):
    return publish_child(
        index,
        NewsPage(
            title=fields.pop("title", f"ข่าว {slug}"),
            slug=slug,
            category=category,
            date=datetime.date(2026, 11, day),
            **fields,
        ),
    )


def test_the_listing_shows_the_newest_first_ten_to_a_page(client, news_index):
    for day in range(1, 13):
        publish_news(news_index, f"item-{day}", day)
    first = read(client.get("/news/"))
    assert first.index("ข่าว item-12") < first.index("ข่าว item-3")
    assert "ข่าว item-2" not in first
    assert '<time datetime="2026-11-12">' in first
    assert '<a href="?page=2">เก่ากว่า</a>' in first
    second = read(client.get("/news/?page=2"))
    assert "ข่าว item-2" in second and "ข่าว item-1" in second
    assert "ข่าว item-12" not in second


STOCK_BASE = """<!DOCTYPE html><html><head><title>{{ page.title }}</title>
{% block extra_css %}{% endblock %}</head><body>{% block content %}{% endblock %}</body>
</html>"""


def test_the_feed_is_announced_in_the_head_of_a_stock_wagtail_base(
    client, news_index, settings, tmp_path
):
    """The listing names its feed in the ``<head>`` block a ``wagtail start``
    project's base.html has (``extra_css``), not in one of the demo's own."""
    (tmp_path / "base.html").write_text(STOCK_BASE)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    html = client.get("/news/").content.decode()
    head = html[: html.index("</head>")]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="/news/feed/"' in head


def test_a_category_lists_only_its_items(client, news_index):
    publish_news(news_index, "tax", 3, title="ภาษีที่ดิน")
    publish_news(news_index, "road", 4, NewsCategory.PROCUREMENT, title="ประกวดราคาถนน")
    listing = read(client.get("/news/category/procurement/"))
    assert "ประกวดราคาถนน" in listing and "ภาษีที่ดิน" not in listing
    assert "ประกาศจัดซื้อจัดจ้าง" in listing
    everything = read(client.get("/news/"))
    assert 'href="/news/category/procurement/"' in everything
    assert client.get("/news/category/gossip/").status_code == 404


def test_rss_and_atom_feeds_carry_the_newest_items(client, news_index):
    publish_news(news_index, "tax", 3, title="ภาษีที่ดิน", summary="ชำระที่กองคลัง")
    publish_news(news_index, "road", 4, NewsCategory.PROCUREMENT, title="ถนน")
    rss = client.get("/news/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content)  # noqa: S314 - our own feed
    items = channel.findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["ถนน", "ภาษีที่ดิน"]
    assert items[1].findtext("description") == "ชำระที่กองคลัง"
    assert items[1].findtext("link") == "http://localhost/news/tax/"
    # Atom requires an author: the site that publishes the listing.
    Site.objects.filter(pk=news_index.get_site().pk).update(site_name="อบต.ทดสอบ")
    atom = client.get("/news/category/procurement/feed/atom/")
    feed = ET.fromstring(atom.content)  # noqa: S314 - our own feed
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["ถนน"]
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "อบต.ทดสอบ"
    assert client.get("/news/category/gossip/feed/").status_code == 404


def test_a_shared_item_previews_with_its_picture_and_summary(client, news_index):
    picture = Image.objects.create(title="ถนน", file=get_test_image_file())
    publish_news(news_index, "road", 4, summary="ถนนสายใหม่", image=picture)
    html = client.get("/news/road/").content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="ถนนสายใหม่">' in html
    # The test picture (640 × 480) cropped to the share shape (1200 × 630).
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta property="og:image:width" content="640">' in html
    assert '<meta property="og:image:height" content="336">' in html


def test_the_notice_board_shows_the_items_picked_for_it(
    client, home_page, news_index, ita_section
):
    publish_news(news_index, "board", 5, title="ตารางแจกน้ำ", show_on_notice_board=True)
    publish_news(news_index, "quiet", 6, title="ข่าวทั่วไป")
    board = read(client.get("/ita/notice-board/"))
    assert "ตารางแจกน้ำ" in board and "ข่าวทั่วไป" not in board


def test_another_sites_items_stay_off_the_notice_board(
    client, second_site, ita_section
):
    other_index = publish_child(
        second_site.root_page, NewsIndexPage(title="ข่าว", slug="news")
    )
    publish_news(other_index, "elsewhere", 5, title="ข่าวที่อื่น", show_on_notice_board=True)
    assert "ข่าวที่อื่น" not in read(client.get("/ita/notice-board/"))


def test_every_years_index_links_its_news_item_to_the_listing(
    client, news_index, ita_section, catalogs
):
    locations = item_locations(client, ita_section, catalogs, {2565: "o7", 2568: "o4"})
    assert locations == {2565: "/news/", 2568: "/news/"}


def test_an_item_reads_in_the_api_with_its_picture_as_a_rendition(client, news_index):
    picture = Image.objects.create(title="ถนน", file=get_test_image_file())
    publish_news(news_index, "road", 4, image=picture, summary="ถนนสายใหม่")
    item = client.get(
        "/api/v2/pages/", {"type": "ita_pages.NewsPage", "fields": "*"}
    ).json()["items"][0]
    assert item["date"] == "2026-11-04"
    assert item["date_be"] == {"year": 2569, "text": "4 พฤศจิกายน 2569"}
    assert item["category_label"] == "ข่าวประชาสัมพันธ์"
    assert (item["image"]["width"], item["image"]["height"]) == (640, 336)
    assert item["image"]["url"].startswith("/media/images/")
    thumbnail = item["image_thumbnail"]
    assert (thumbnail["width"], thumbnail["height"]) == (400, 300)
    listing = client.get(f"/api/v2/pages/{news_index.pk}/").json()
    assert listing["categories"][0]["url"] == "/news/category/news/"


def test_the_search_finds_an_item_by_a_word_of_its_text(news_index):
    publish_news(news_index, "road", 4, body="<p>ก่อสร้างถนนคอนกรีตเสริมเหล็ก</p>")
    found = NewsPage.objects.live().search("คอนกรีต")
    assert [page.slug for page in found] == ["road"]


def test_each_languages_notice_board_shows_the_items_in_its_language(
    client, news_index, ita_section, english_home
):
    publish_news(news_index, "board", 5, title="ตารางแจกน้ำ", show_on_notice_board=True)
    english_news = news_index.copy_for_translation(english_home.locale)
    english_news.save_revision().publish()
    publish_news(
        english_news, "board", 5, title="Water rota", show_on_notice_board=True
    )
    english_section = ita_section.copy_for_translation(english_home.locale)
    english_section.save_revision().publish()
    thai = read(client.get("/ita/notice-board/"))
    assert "ตารางแจกน้ำ" in thai and "Water rota" not in thai
    english = read(client.get("/en/ita/notice-board/"))
    assert "Water rota" in english and "ตารางแจกน้ำ" not in english
