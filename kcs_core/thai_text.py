"""Thai lines that break only between words.

Thai is written without spaces between words, so a browser finds where a line may
break with a dictionary of its own, and splits the names and terms it lacks:
"กุดชุม|แสง", "ผู้รับผิด|ชอบ". Text that goes through :func:`wrap_words` is cut
into words by PyThaiNLP's dictionary with nlpO3, its segmenter in Rust (plus the
words a caller knows, such as the office's own place names); each Thai word is kept
whole in a ``<span class="kcs-word">``, which ``kcs_core/css/kcs.css`` keeps on one
line, and ``<wbr>`` marks where a line may break between two Thai words. Rich text
goes through it too, its tags untouched. A person's name is kept whole by
:func:`keep_whole`.

On a page in another language, Thai words left in it (an untranslated title, a
name, the ITA catalog's own wording) are marked ``lang="th"`` (WCAG 2.1, 3.1.2
Language of Parts), so that a screen reader reads them with a Thai voice.
"""

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .thai_dates import is_thai, keep_era_years

# PyThaiNLP's data is read from its package; without this it would also create a data
# folder in the home directory of whoever runs the site.
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import nlpo3  # noqa: E402
import pythainlp.corpus  # noqa: E402
from pythainlp.corpus import thai_stopwords, thai_words  # noqa: E402
from pythainlp.tokenize.tcc import tcc_pos  # noqa: E402

THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")
# PyThaiNLP's word list, which nlpO3 (its newmm segmenter, in Rust) reads once per
# process.
DICTIONARY_FILE = Path(pythainlp.corpus.__file__).with_name("words_th.txt")
DICTIONARY = "kcs-thai"
SHORTEST_COMPOUND = 4


@functools.cache
def dictionary() -> str:
    """The name of the word list nlpO3 cuts with, loaded on first use (70 ms)."""
    nlpo3.load_dict(str(DICTIONARY_FILE), DICTIONARY)
    return DICTIONARY


def segment(text: str, keep: Iterable[str] = ()) -> list[str]:
    """``text`` cut into words and the spaces between them, each of ``keep`` as one
    word wherever it appears."""
    known = sorted({word for word in keep if word}, key=len, reverse=True)
    if not known:
        return nlpo3.segment(text, dictionary()) if text else []
    words: list[str] = []
    pieces = re.split("(" + "|".join(map(re.escape, known)) + ")", text)
    for index, piece in enumerate(pieces):
        if index % 2:
            words.append(piece)
        elif piece:
            words.extend(nlpo3.segment(piece, dictionary()))
    return words


@functools.cache
def dictionary_words() -> frozenset[str]:
    """PyThaiNLP's Thai words, the dictionary the text is cut with."""
    return frozenset(thai_words())


def dictionary_spans(word: str) -> dict[int, list[int]]:
    """Where the dictionary words inside ``word`` start and end: ``{start: [end,
    …]}`` for each word shorter than ``word`` itself, each cut falling between Thai
    character clusters; empty for a word too short to be a compound."""
    length = len(word)
    if length < SHORTEST_COMPOUND or not THAI_LETTER.match(word):
        return {}
    words = dictionary_words()
    cuts = sorted(tcc_pos(word) | {0, length})
    return {
        start: [
            end
            for end in cuts
            if 2 <= end - start < length and word[start:end] in words
        ]
        for start in cuts
        if start < length
    }


def is_stopword(word: str) -> bool:
    """Whether ``word`` is too common in Thai to tell texts apart (PyThaiNLP's stop
    words: ที่, ของ, ยัง…)."""
    return word in thai_stopwords()


@functools.lru_cache(maxsize=65536)
def parts_of(word: str) -> tuple[str, ...]:
    """The dictionary words a Thai compound can be read as, each part of some way to
    read the whole compound as dictionary words (ความพึงพอใจ → ความ พึงพอใจ พึง
    พอใจ พอ ใจ; never a stray syllable such as วา inside ความ). Remembered: the
    same words come back on every page."""
    ends = dictionary_spans(word)
    reachable = {0}
    for start in sorted(ends):
        if start in reachable:
            reachable.update(ends[start])
    finishing = {len(word)}
    for start in sorted(ends, reverse=True):
        if any(end in finishing for end in ends[start]):
            finishing.add(start)
    return tuple(
        dict.fromkeys(
            word[start:end]
            for start in sorted(ends)
            if start in reachable
            for end in ends[start]
            if end in finishing
        )
    )


@functools.lru_cache(maxsize=65536)
def reading_of(word: str) -> tuple[str, ...]:
    """``word`` read as the fewest shorter dictionary words (สร้างบ้าน → สร้าง
    บ้าน; ความพึงพอใจ → ความ พึงพอใจ), or ``(word,)`` when it cannot be."""
    ends = dictionary_spans(word)
    readings: dict[int, tuple[str, ...]] = {0: ()}
    for start in sorted(ends):
        if start not in readings:
            continue
        for end in ends[start]:
            reading = (*readings[start], word[start:end])
            if end not in readings or len(reading) < len(readings[end]):
                readings[end] = reading
    return readings.get(len(word)) or (word,)


def _is_thai(character: str) -> bool:
    return bool(THAI_LETTER.match(character))


def wrap_words(text: object, keep: Iterable[str] = ()) -> SafeString:
    """``text`` as HTML in which a line breaks only between words: each Thai word
    of ``text`` whole, ``พ.ศ.`` kept with its year. Plain text is escaped; in HTML
    (text marked safe, a translated label, or an object that renders itself as
    HTML, like a rich text block's ``RichText``) only the text between the tags
    changes."""
    if text is None:
        return mark_safe("")
    keep = tuple(keep)
    in_thai = is_thai()
    if hasattr(text, "__html__"):
        pieces = TAG_OR_ENTITY.split(text.__html__())
        return mark_safe(  # noqa: S308 - the tags as they were, the text escaped
            "".join(
                piece
                if index % 2 or not THAI_LETTER.search(piece)
                else _wrapped(piece, keep, in_thai)
                for index, piece in enumerate(pieces)
            )
        )
    text = str(text)
    if not THAI_LETTER.search(text):
        return escape(text)
    return mark_safe(_wrapped(text, keep, in_thai))  # noqa: S308 - escaped there


def thai_runs(words: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` indices of the runs of Thai in ``words``: Thai words, and
    what stands between two of them without a Latin letter (spaces, dashes,
    digits)."""
    runs, first, last = [], None, None
    for index, word in enumerate(words):
        if THAI_LETTER.search(word):
            first = index if first is None else first
            last = index
        elif first is not None and LATIN_LETTER.search(word):
            runs.append((first, last))
            first = None
    if first is not None:
        runs.append((first, last))
    return runs


@functools.lru_cache(maxsize=4096)
def _wrapped(text: str, keep: tuple[str, ...], in_thai: bool) -> str:
    """The HTML of :func:`wrap_words`, remembered: the same titles come back on
    every page of a site (an index lists up to 400 items). Out of Thai
    (``in_thai`` false), each run of Thai is marked ``lang="th"``."""
    words = segment(keep_era_years(text), keep)
    runs = [] if in_thai else thai_runs(words)
    opening = {first for first, _last in runs}
    closing = {last for _first, last in runs}
    html = []
    previous = ""
    for index, word in enumerate(words):
        if index in opening:
            html.append('<span lang="th">')
        if previous and _is_thai(previous[-1]) and _is_thai(word[0]):
            html.append("<wbr>")
        if len(word) > 1 and THAI_LETTER.search(word):
            html.append(f'<span class="kcs-word">{escape(word)}</span>')
        else:
            html.append(escape(word))
        if index in closing:
            html.append("</span>")
        previous = word
    return "".join(html)


def keep_whole(text: object) -> SafeString:
    """``text`` (a person's name, ``9 พ.ย. 2564``) as HTML that a line never
    splits, neither at its spaces nor inside a Thai word; Thai on a page in
    another language is marked so."""
    if text is None or text == "":
        return mark_safe("")
    if THAI_LETTER.search(str(text)) and not is_thai():
        return format_html('<span class="kcs-word" lang="th">{}</span>', text)
    return format_html('<span class="kcs-word">{}</span>', text)
