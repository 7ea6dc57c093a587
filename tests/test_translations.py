"""Every interface string has a Thai translation; the compiled catalogs are current."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.utils import translation

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGS = sorted(ROOT.glob("*/locale/th/LC_MESSAGES/django.po")) + [
    ROOT / "locale/th/LC_MESSAGES/django.po"
]


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_fully_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in mo}
    for entry in po.translated_entries():
        expected = entry.msgstr or entry.msgstr_plural.get(0)
        assert compiled.get((entry.msgctxt, entry.msgid)) == expected, entry.msgid


#: Each catalog's folder → the folders its strings are marked in, as ``make
#: messages`` reads them ("." is the host project's catalog).
CATALOG_SOURCES = {
    "kcs_core": ("kcs_core",),
    "ita_pages": ("ita_pages",),
    "eservice_forms": ("eservice_forms",),
    "tips": ("tips",),
    ".": ("kcs_wagtail", "templates"),
}


def marked_strings(sources, tmp_path) -> set[tuple]:
    """``(context, text)`` of every string the code in ``sources`` marks for
    translation, as Django's ``makemessages`` (run on a copy) extracts them."""
    for source in sources:
        shutil.copytree(
            ROOT / source, tmp_path / source, ignore=shutil.ignore_patterns("locale")
        )
    (tmp_path / "locale").mkdir()
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "th", "--no-location"],
        cwd=tmp_path,
        env=environment,
        check=True,
        capture_output=True,
    )
    po = polib.pofile(str(tmp_path / "locale/th/LC_MESSAGES/django.po"))
    return {(entry.msgctxt, entry.msgid) for entry in po}


@pytest.mark.parametrize("catalog", CATALOG_SOURCES)
def test_catalog_holds_every_marked_string_and_no_other(catalog, tmp_path):
    """A string marked in the code but missing from the catalog shows in English
    on a Thai page, and no other test would notice; a string the code no longer
    marks is a translation nobody reads. ``make messages`` mends both."""
    po = polib.pofile(str(ROOT / catalog / "locale/th/LC_MESSAGES/django.po"))
    in_catalog = {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
    in_code = marked_strings(CATALOG_SOURCES[catalog], tmp_path)
    assert sorted(in_code - in_catalog, key=str) == [], "missing: run make messages"
    assert sorted(in_catalog - in_code, key=str) == [], "obsolete: run make messages"


def test_every_app_ships_a_thai_catalog():
    for app in ("kcs_core", "ita_pages", "eservice_forms", "tips"):
        assert (ROOT / app / "locale/th/LC_MESSAGES/django.po") in CATALOGS


def test_one_english_word_meaning_two_things_is_told_apart_by_context():
    """The catalogs of all apps merge, so an app's plain "Number" (a document's
    number) would replace the form builder's "Number" field type; contexts keep
    each meaning its own Thai."""
    with translation.override("th"):
        assert translation.gettext("Number") == "ตัวเลข"
        assert translation.pgettext("document number", "Number") == "เลขที่"
        assert translation.pgettext("people the tip is about", "Who") == "ผู้เกี่ยวข้อง"
        assert translation.pgettext("who acted", "Who") == "ผู้ดำเนินการ"


def test_no_two_catalogs_translate_the_same_words_differently():
    """The apps' catalogs merge, the first installed app winning: an English phrase
    two apps translate differently would take one app's Thai in the other's pages
    (a step's "Done" once became an e-service request's status). Such words carry a
    context (``pgettext``)."""
    seen: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for po_path in CATALOGS:
        for entry in polib.pofile(str(po_path)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            earlier = seen.setdefault(key, (str(po_path.parent), entry.msgstr))
            if earlier[1] != entry.msgstr:
                clashes.append((entry.msgid, earlier, entry.msgstr))
    assert clashes == []
