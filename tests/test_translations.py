"""Every interface string has a Thai translation; the compiled catalogs are current."""

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
