"""Thai search: a word from the middle of a title finds the page, in the admin, the
API and the site's search page, on SQLite and PostgreSQL alike."""

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from ita_pages.models import DisclosureSectionPage
from kcs_core.models import SearchPage
from kcs_core.search import index_text
from kcs_core.thai_text import parts_of, reading_of
from tests.conftest import publish_child, sign_in
from tests.html import read


def publish(parent, title, slug, intro=""):
    return publish_child(
        parent, DisclosureSectionPage(title=title, slug=slug, intro=intro)
    )


@pytest.fixture
def services(home_page):
    return {
        "building": publish(
            home_page, "ขออนุญาตก่อสร้างอาคาร", "building", "<p>ยื่นคำขอปี 2565</p>"
        ),
        "water": publish(home_page, "ขอรับน้ำอุปโภค-บริโภค", "water"),
    }


def found(query, **kwargs) -> set[str]:
    return {page.slug for page in Page.objects.live().search(query, **kwargs)}


def test_thai_is_indexed_and_queried_word_by_word_with_the_parts_of_compounds():
    assert index_text("<p>ขอยืมน้ำ ๒๕๖๕</p>") == "ขอยืม ขอ ยืม น้ำ 2565"
    assert index_text("Water for 2 households") == "Water for 2 households"
    assert parts_of("ความพึงพอใจ") == ("ความ", "พึง", "พึงพอใจ", "พอ", "พอใจ", "ใจ")
    assert parts_of("ขออนุญาต") == ("ขอ", "อนุญาต")  # no stray "ออ" or "นุ"


@pytest.mark.parametrize(
    ("query", "slug"),
    [("ก่อสร้าง", "building"), ("อาคาร", "building"), ("น้ำ", "water"),
     ("ขออนุญาตก่อสร้าง", "building"), ("บริโภค", "water"), ("๒๕๖๕", "building"),
     ("ยื่นคำขอ", "building")],
)  # fmt: skip
def test_a_word_anywhere_in_a_title_or_text_finds_the_page(services, query, slug):
    assert slug in found(query)
    assert slug in {page.slug for page in Page.objects.live().autocomplete(query)}


@pytest.mark.parametrize("query", ['"', '"น้ำ', 'น้ำ"', '"น้ำ" "'])
def test_a_stray_double_quote_is_no_error(client, services, search_page, query):
    """SQLite's full-text search took one for an unterminated string (a 500)."""
    assert "water" in found(query) or query == '"'
    assert client.get(search_page.url, {"q": query}).status_code == 200


def test_wagtails_own_backend_misses_what_the_thai_one_finds(services):
    plain = get_search_backend(BACKEND="wagtail.search.backends.database")
    assert plain.search("ขออนุญาตก่อสร้าง", Page).count() == 0
    assert "building" in found("ขออนุญาตก่อสร้าง")


def test_the_admin_and_the_api_find_a_word_from_the_middle_of_a_title(
    client, admin_user, services
):
    api = client.get("/api/v2/pages/", {"search": "ก่อสร้าง"}).json()
    assert [item["title"] for item in api["items"]] == ["ขออนุญาตก่อสร้างอาคาร"]
    sign_in(client, admin_user)
    html = client.get("/admin/pages/search/", {"q": "ก่อสร้าง"}).content.decode()
    assert "ขออนุญาตก่อสร้างอาคาร" in html and "ขอรับน้ำ" not in html


@pytest.fixture
def search_page(home_page):
    return publish_child(home_page, SearchPage(title="ค้นหา", slug="search"))


def test_the_search_page_lists_the_sites_pages_with_their_kind_and_section(
    client, services, search_page, second_site, django_assert_max_num_queries
):
    publish(second_site.root_page, "ขอรับน้ำประปา", "other-water")
    water_section = services["water"]
    publish(water_section, "ตารางส่งน้ำ", "schedule")
    client.get(search_page.url, {"q": "อาคาร"})  # menus and settings cached
    with django_assert_max_num_queries(20):  # the same for any number of results
        html = read(client.get(search_page.url, {"q": "น้ำ"}))
    assert "พบ 2 หน้าที่มีคำว่า “น้ำ”" in html
    assert "ขอรับน้ำอุปโภค-บริโภค</a>" in html and "ตารางส่งน้ำ</a>" in html
    assert "ขอรับน้ำประปา" not in html  # another site's page
    assert "หมวดการเปิดเผยข้อมูล · ในหมวด ขอรับน้ำอุปโภค-บริโภค" in html
    assert 'value="น้ำ"' in html and 'role="search"' in html


def test_compounds_read_as_their_fewest_dictionary_words():
    assert reading_of("สร้างบ้าน") == ("สร้าง", "บ้าน")
    assert reading_of("ความพึงพอใจ") == ("ความ", "พึงพอใจ")
    assert reading_of("น้ำ") == ("น้ำ",)  # too short to be a compound
    assert reading_of("กขฃค") == ("กขฃค",)  # no reading: as it is


def test_one_word_finds_no_page_by_a_piece_of_it_alone(services, home_page):
    """A page with ประ (in ประจำปี) and no ปา is not about "ประปา" (ประ + ปา),
    though that word is on no page at all."""
    publish(home_page, "ประกาศภาษีประจำปี", "tax")
    assert found("ประปา") == set()
    assert "tax" in found("ประจำปี")


def test_a_compound_no_page_has_finds_its_reading_and_says_so(
    client, services, home_page, search_page
):
    """No page has "ไฟถนน": the pages with ไฟ and ถนน come, under a heading that
    names those words, not one that says the pages have "ไฟถนน"."""
    publish(home_page, "แจ้งซ่อมไฟบนถนน", "lights")
    assert found("ไฟถนน") == {"lights"}
    html = read(client.get(search_page.url, {"q": "ไฟถนน"}))
    assert "ไม่มีหน้าที่มีคำว่า “ไฟถนน” พบ 1 หน้าที่มีคำว่า ไฟ, ถนน" in html


def test_no_page_with_every_word_shows_those_with_some_and_says_so(
    client, services, search_page
):
    html = read(client.get(search_page.url, {"q": "น้ำ โรงเรียน"}))
    assert (
        "ไม่มีหน้าที่มีทุกคำของ “น้ำ โรงเรียน” พบ 1 หน้าที่มีคำใดคำหนึ่งต่อไปนี้: น้ำ, โรงเรียน, โรง, เรียน"
    ) in html
    assert "ขอรับน้ำอุปโภค-บริโภค</a>" in html
    html = read(client.get(search_page.url, {"q": "น้ำ"}))
    assert "พบ 1 หน้าที่มีคำว่า “น้ำ”" in html


def test_the_search_page_without_a_query_or_with_nothing_found(
    client, services, search_page
):
    html = read(client.get(search_page.url))
    assert 'name="q"' in html and "พบ" not in html
    html = read(client.get(search_page.url, {"q": "qwxzv"}))
    assert "พบ 0 หน้า" in html and "ลองใช้คำอื่น" in html


def test_the_english_search_page_finds_english_pages_only(
    client, services, search_page, english_locale, english_home
):
    publish(english_home, "Water for household use", "water-en")
    english_search = search_page.copy_for_translation(english_locale)
    english_search.title = "Search"
    english_search.save_revision().publish()
    html = read(client.get(english_search.url, {"q": "water"}))
    assert "Water for household use</a>" in html and "ขอรับน้ำ" not in html


def test_the_next_results_keep_the_query(client, services, search_page, monkeypatch):
    monkeypatch.setattr(SearchPage, "results_per_page", 1)
    first = read(client.get(search_page.url, {"q": "ขอ"}))
    assert 'href="?q=%E0%B8%82%E0%B8%AD&amp;page=2">ผลการค้นหาถัดไป' in first
    second = read(client.get(search_page.url, {"q": "ขอ", "page": 2}))
    assert 'href="?q=%E0%B8%82%E0%B8%AD&amp;page=1">' in second


def test_words_too_common_to_tell_pages_apart_find_nothing_alone(
    client, services, home_page, search_page
):
    """ "เบี้ย ยัง ชีพ": no page has all; one that has only ยัง ("still") is not
    about it, and a query read as nothing but such words finds nothing."""
    publish(home_page, "ยังไม่มีประกาศ", "nothing-yet")
    assert "nothing-yet" not in found("เบี้ยยังชีพ")
    html = read(client.get(search_page.url, {"q": "เบี้ยยังชีพ"}))
    assert "ยังไม่มีประกาศ" not in html
