"""Thai lines break only between words: PyThaiNLP's words kept whole, the office's
own place names too, and ``พ.ศ.`` with its year."""

import os
import subprocess
import sys

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from wagtail.rich_text import RichText

from kcs_core.thai_text import keep_whole, segment, wrap_words


def word(text: str) -> str:
    return f'<span class="kcs-word">{text}</span>'


def test_a_term_the_browser_splits_is_one_word():
    # Chromium's own dictionary breaks a line at ผู้รับผิด|ชอบ.
    assert wrap_words("ผู้รับผิดชอบโครงการ") == (
        word("ผู้รับผิดชอบ") + "<wbr>" + word("โครงการ")
    )


def test_a_place_name_the_dictionary_lacks_is_kept_whole_when_known():
    assert "กุดชุมแสง" not in segment("ตำบลกุดชุมแสง")
    wrapped = wrap_words("องค์การบริหารส่วนตำบลกุดชุมแสง", keep=["กุดชุมแสง"])
    assert wrapped.endswith("<wbr>" + word("กุดชุมแสง"))


def test_the_era_stays_with_its_year_and_spaces_stay_break_points():
    wrapped = wrap_words("ประกาศ พ.ศ. 2565")
    assert wrapped == word("ประกาศ") + " " + word("พ.ศ.") + "\u00a02565"


def test_markup_is_escaped_and_html_or_latin_text_passes_through():
    assert wrap_words("<b>ทุจริต</b>") == "&lt;b&gt;" + word("ทุจริต") + "&lt;/b&gt;"
    assert wrap_words("O1 & O2") == "O1 &amp; O2"
    rich_text = mark_safe('<p><a href="/ทุจริต/">แจ้งเบาะแส</a> &amp; ทุจริต</p>')
    assert wrap_words(rich_text) == (
        f'<p><a href="/ทุจริต/">{word("แจ้ง")}<wbr>{word("เบาะแส")}</a> &amp; '
        f"{word('ทุจริต')}</p>"
    )
    assert wrap_words(None) == "" and keep_whole("") == ""


def test_a_rich_text_blocks_value_is_html_not_text():
    """A StreamField rich text block's value is a ``RichText`` (not a safe string)
    and ``|richtext`` hands it back as it is: its tags are kept, not shown."""
    html = str(wrap_words(RichText("<p>แจ้งเบาะแส</p>")))
    assert html == f"<p>{word('แจ้ง')}<wbr>{word('เบาะแส')}</p>"


def test_a_name_is_kept_whole_even_inside_its_words():
    assert keep_whole("นายสุรัตน์ จันทราตรี") == word("นายสุรัตน์ จันทราตรี")


def test_thai_left_on_a_page_in_another_language_is_marked_as_thai():
    """WCAG 3.1.2 (Language of Parts): a screen reader reads Thai words with a Thai
    voice on an English page; on a Thai page nothing is marked."""
    path = "Home › ถาม-ตอบ (Q&A) › 9.1 ข้อมูลพื้นฐาน"
    with translation.override("en"):
        assert str(wrap_words(path)) == (
            f'Home › <span lang="th">{word("ถาม")}-{word("ตอบ")}</span> (Q&amp;A) › '
            f'9.1 <span lang="th">{word("ข้อมูล")}<wbr>{word("พื้นฐาน")}</span>'
        )
        assert wrap_words("Q&A") == "Q&amp;A"
        assert keep_whole("นายสุรัตน์") == (
            '<span class="kcs-word" lang="th">นายสุรัตน์</span>'
        )
    with translation.override("th"):
        assert 'lang="th"' not in wrap_words(path) + keep_whole("นายสุรัตน์")


def test_the_tag_keeps_the_sites_own_place_names_whole(site, government_settings):
    government_settings.subdistrict = "กุดชุมแสง"
    government_settings.save()
    template = Template("{% load kcs_core_tags %}{% wrap_words steps|linebreaksbr %}")
    steps = "ปรับปรุงเว็บไซต์\nอบต.กุดชุมแสง"
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    on_the_site = template.render(Context({"request": request, "steps": steps}))
    assert on_the_site.endswith("<br>" + word("อบต.") + word("กุดชุมแสง"))
    elsewhere = template.render(Context({"steps": steps}))
    assert word("กุดชุมแสง") not in elsewhere and "<br>" in elsewhere


def test_the_thai_dictionary_writes_nothing_in_the_home_directory(tmp_path):
    """PyThaiNLP would create ~/pythainlp-data on import; a site's user may have no
    writable home. Importing the search (which loads the dictionary) leaves it empty."""
    code = (
        "import django; django.setup(); "
        "from kcs_core.search import index_text; index_text('ขอยืมน้ำ')"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    env.pop("PYTHAINLP_READ_ONLY", None)
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    assert list(tmp_path.iterdir()) == []
