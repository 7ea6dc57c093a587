"""The English ITA site: the demo's section, index and published pages translated
through wagtail-localize, English titles where known, a note on every translation."""

import re
from io import StringIO

from django.core.management import call_command

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

import pytest

from ita_pages.models import DisclosureSectionPage, EvidencePage, ITAIndexPage
from kcs_wagtail.home.demo.ita_pages import ENGLISH_TITLES
from tests.conftest import sign_in
from tests.html import read
from tests.ita_pages.conftest import is_translation

# The demo's content is the host project's, on the versions make run installs.
pytestmark = pytest.mark.pinned_demo

NOTE = 'class="notice ita-translation-note"'


@pytest.fixture
def demo(loaded_demo, db):
    """The demo site, loaded once per test process (each test rolls back to it)."""


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


def thai_index() -> ITAIndexPage:
    return ITAIndexPage.objects.get(locale__language_code="th", slug="2565")


def test_the_english_section_index_and_evidence_answer_in_english(client, demo):
    for url in ("/en/ita/", "/en/ita/2565/", "/en/ita/2565/9-1/o1/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="en">' in html, url
        assert NOTE in html, url
    html = client.get("/en/ita/2565/").content.decode()
    assert "<h1>ITA for fiscal year 2022</h1>" in html  # the Gregorian year it ends in
    assert "Item titles are the ITA catalog's own wording, in Thai." in html
    # The item list leads to the English evidence, not the Thai page.
    assert 'href="/en/ita/2565/9-1/o1/"' in html
    assert 'href="/ita/2565/9-1/o1/"' not in html
    assert client.get("/en/ita/2565/o1/")["Location"] == "/en/ita/2565/9-1/o1/"


def test_the_evidence_text_is_formatted_not_shown_as_tags(client, demo):
    """Its body is a rich text block: paragraphs and italics, in both languages."""
    for url in ("/ita/2565/9-1/o1/", "/en/ita/2565/9-1/o1/"):
        html = client.get(url).content.decode()
        body = html.split('<div class="rich-text">', 2)[-1]
        assert body.startswith("<p>") and "<i>" in body, url
        assert "&lt;p&gt;" not in html, url


def test_every_published_page_of_the_tree_is_translated_through_localize(demo, english):
    index = thai_index()
    evidence = [
        page
        for page in index.get_descendants().live().specific()
        if not isinstance(page, DisclosureSectionPage)
    ]
    assert len(evidence) == 8  # six pages, the announcement o42, the report o43
    for page in [index.get_parent(), index, *evidence]:
        translated = page.get_translation(english)
        assert translated.live and not translated.alias_of_id, page.url_path
        assert is_translation(page, english), page.url_path
        # Its section too: the English page sits where the Thai one does.
        assert translated.get_parent().get_translation(page.locale) == (
            page.get_parent()
        )
    # Drafts wait for publication (then wagtail-localize's Translate this page).
    drafts = EvidencePage.objects.descendant_of(index).filter(live=False)
    assert drafts.exists()
    assert not Page.objects.filter(
        locale=english, translation_key__in=drafts.values("translation_key")
    ).exists()


def test_titles_known_in_english_are_english_translations(client, demo, english):
    index = thai_index()
    for page in index.get_descendants().live().filter(slug__in=ENGLISH_TITLES):
        translated = page.get_translation(english)
        assert translated.title == ENGLISH_TITLES[page.slug]
        assert StringTranslation.objects.filter(
            locale=english,
            context__path="title",
            context__object_id=page.translation_key,
            data=ENGLISH_TITLES[page.slug],
        ).exists()
    assert index.get_translation(english).title == "ITA for fiscal year 2022"
    html = client.get("/en/ita/2565/10-2/o42/").content.decode()
    assert f"<h1>{ENGLISH_TITLES['o42']}</h1>" in html
    # Its body is the Thai memo still: the note says so and links the original.
    words = " ".join(html.split())
    assert (
        "Translated from the original in Thai; the parts not translated yet are "
        "shown in Thai."
    ) in words
    assert 'href="/ita/2565/10-2/o42/" hreflang="th"' in html


def test_a_fully_translated_page_says_only_that_it_is_a_translation(client, demo):
    html = " ".join(client.get("/en/ita/").content.decode().split())
    assert "Translated from the original in Thai. <a" in html
    assert "not translated yet" not in html


def test_thai_originals_carry_no_note(client, demo):
    for url in ("/ita/", "/ita/2565/", "/ita/2565/9-1/o1/", "/ita/2565/10-2/o42/"):
        assert NOTE not in client.get(url).content.decode(), url


def test_the_english_menu_leads_to_the_english_section(client, demo):
    html = client.get("/en/").content.decode()
    menu = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    label = re.search(r'<a href="/en/ita/"[^>]*>([^<]*)</a>', menu)
    assert label and label.group(1).strip() == "Public disclosure (ITA)"


def test_demo_twice_keeps_an_editors_english_title(demo, english):
    page = thai_index().get_descendants().get(slug="o1")
    translated = page.get_translation(english).specific
    translated.title = "Organisation chart"
    translated.save_revision().publish()
    translations = Translation.objects.count()

    call_command("load_demo", stdout=StringIO())

    assert page.get_translation(english).title == "Organisation chart"
    assert Translation.objects.count() == translations


def test_the_demo_evidence_reads_in_english(client, demo):
    html = client.get("/en/ita/2565/9-1/o1/").content.decode()
    assert "Organisation chart: the Office of the Permanent Secretary" in html
    assert "(Sample data for demonstrating the system)" in html
    assert "พฤศจิกายน" not in html
    assert "the parts not translated yet" not in html


def test_the_generated_measures_report_reads_in_english(client, demo):
    html = client.get("/en/ita/2565/10-2/o43/").content.decode()
    assert "Year-end report on the measures to promote integrity" in html
    assert "Where the measures were published" in html
    assert "9 November 2021" in html  # the notice board, in the reader's calendar
    assert "พฤศจิกายน" not in html


def test_thai_left_in_the_english_announcement_is_marked_as_thai(client, demo):
    """Its number, its addressee, the approvers' comments: kept as the office wrote
    them, read by a screen reader with a Thai voice (WCAG 2.1, 3.1.2); its
    signatures' dates are written out like every other English date."""
    html = read(client.get("/en/ita/2565/10-2/o42/"))
    facts = html.split('<dl class="ita-facts">')[1].split("</dl>")[0]
    for thai in re.findall(r"<dd>([^<]*[\u0e01-\u0e4e][^<]*)</dd>", facts):
        raise AssertionError(f"unmarked Thai: {thai}")
    comments = re.findall(r"<q>(.*?)</q>", html)
    assert comments and all(
        comment.startswith('<span lang="th">') for comment in comments
    ), comments
    signatures = html.split('class="ita-signatures"')[1].split("</ul>")[0]
    assert "November 2021" in signatures and " Nov " not in signatures


def test_editors_keep_the_english_pages_in_localize_translation_editor(
    client, demo, english, django_user_model
):
    sign_in(client, django_user_model.objects.get(username="admin"))  # the demo's
    page = thai_index().get_descendants().get(slug="o1")
    translated = page.get_translation(english)
    response = client.get(f"/admin/pages/{translated.pk}/edit/")
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [
        template.name for template in response.templates
    ]
