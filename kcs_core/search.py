"""Thai-aware search: Thai text cut into words at index time and at query time.

Wagtail's database search backends (SQLite FTS5, PostgreSQL's ``simple`` text search)
split text at spaces, and Thai puts none between words: a Thai title is one long
"word", so "ก่อสร้าง" never finds "ขออนุญาตก่อสร้างอาคาร". Here PyThaiNLP's dictionary
(:func:`kcs_core.thai_text.segment`) cuts the text into words separated by spaces,
each compound followed by the words it is made of (:func:`index_text`), which every
backend then splits like English:

- at index time, each page type of the apps indexes ``thai_words``
  (:class:`ThaiSearchable`): its title and the texts of its ``search_text_fields``,
  cut into words;
- at query time, :func:`SearchBackend` (``WAGTAILSEARCH_BACKENDS``'
  ``"kcs_core.search"``) cuts the query the same way before Wagtail's database
  backend sees it, and, when no page has all of its words, looks further
  (:class:`ThaiQueries`); so the admin, the API's ``?search=`` and the public search
  page all find a Thai word in the middle of a title.

Thai digits are read as Arabic digits on both sides, so ๒๕๖๕ finds 2565.
``bench/search.py`` measures the result on ``bench/search_queries.json``.
"""

import re
from collections.abc import Mapping, Sequence

from django.utils.html import strip_tags

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend

from .thai_dates import arabic_digits
from .thai_text import THAI_LETTER, is_stopword, parts_of, reading_of, segment

IDENTIFIER = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")  # a block's choice value


def index_text(text: str) -> str:
    """``text`` as the search backends index and query it: its words, and after
    each Thai compound the words it is made of (ขอยืม → ขอยืม ขอ ยืม), so that
    "ยืม" finds a page about "ขอยืม" and "สร้างบ้าน" one about "ก่อสร้าง" and
    "ทะเบียนบ้าน"."""
    words = []
    for word in search_words(text):
        words.append(word)
        words.extend(parts_of(word))
    return " ".join(words)


def search_words(text: str) -> list[str]:
    """The words of ``text``: tags removed, Thai digits as Arabic, Thai cut into
    words by PyThaiNLP's dictionary."""
    text = arabic_digits(strip_tags(str(text)))
    if not THAI_LETTER.search(text):
        return text.split()
    return [word for word in segment(text) if not word.isspace()]


def texts_of(value) -> list[str]:
    """The strings of a field's value: a rich text's HTML, every string inside a
    StreamField's blocks (not their types and ids), a plain string."""
    if isinstance(value, str):
        return [] if IDENTIFIER.fullmatch(value) else [value]
    if isinstance(value, RichText):
        return [value.source]
    if isinstance(value, StreamValue):
        return texts_of(value.raw_data)
    if isinstance(value, Mapping):
        if "type" in value and "value" in value:  # a StreamField block
            return texts_of(value["value"])
        return [text for item in value.values() for text in texts_of(item)]
    if isinstance(value, Sequence):
        return [text for item in value for text in texts_of(item)]
    return []


class ThaiSearchable:
    """A page type whose Thai text is found word by word. List the fields whose text
    residents search in ``search_text_fields`` and add ``THAI_WORDS`` to
    ``search_fields``: ``search_fields = Page.search_fields + THAI_WORDS``."""

    search_text_fields: tuple[str, ...] = ()

    def get_search_texts(self) -> list[str]:
        """The texts a search should find this page by: its title and the fields of
        ``search_text_fields``. Override to add others."""
        texts = [self.title]
        for name in self.search_text_fields:
            texts.extend(texts_of(getattr(self, name, None)))
        return texts

    def thai_words(self) -> str:
        """What the search backends index: :meth:`get_search_texts`, cut into
        words (:func:`index_text`)."""
        return index_text(" ".join(self.get_search_texts()))


# The search fields of a ThaiSearchable page type, beside Page.search_fields: found by
# whole words (the API, the public search) and by their start (the admin).
THAI_WORDS = [index.SearchField("thai_words"), index.AutocompleteField("thai_words")]


class ThaiQueries:
    """A search backend whose string queries are cut into words as the index is.
    When no page has every word of a query, it looks further, and says how on the
    results (``found_by``, which the site's search page shows in its heading):

    - ``"reading"``: the pages with every word the query's compounds read as, each
      as its fewest dictionary words (:func:`~kcs_core.thai_text.reading_of`:
      "สร้างบ้าน" as "สร้าง บ้าน" finds "ก่อสร้าง… บ้าน"), listed in ``searched_words``,
      since a reading can be far from the meaning ("ประปา" as "ประ ปา");
    - ``"some"``: for a query of several words, the pages with any of those words
      or of their readings, best first, leaving out words too common to tell pages
      apart (PyThaiNLP's Thai stop words: ยัง, ขอ, ใช้…), listed in ``searched_words``:
      "ยืมเต็นท์งานบวช" still finds the borrowing service.

    Otherwise ``found_by`` is ``"all"`` (nothing found included).
    """

    def search(self, query, model_or_queryset, operator=None, **kwargs):
        return self.all_words_else_any(
            super().search, query, model_or_queryset, operator, **kwargs
        )

    def autocomplete(self, query, model_or_queryset, operator=None, **kwargs):
        return self.all_words_else_any(
            super().autocomplete, query, model_or_queryset, operator, **kwargs
        )

    def all_words_else_any(self, search, query, model_or_queryset, operator, **kwargs):
        if not isinstance(query, str):  # a Phrase, MatchAll…: as it is
            return search(query, model_or_queryset, operator=operator, **kwargs)
        # A double quote is no part of a word, and SQLite's full-text search takes
        # one without its pair for an unterminated string (a 500 for "ภาษี).
        words = search_words(query.replace('"', " "))
        results = search(
            index_text(" ".join(words)), model_or_queryset, operator=operator, **kwargs
        )
        results.found_by, results.searched_words = "all", []
        if operator is not None or results.count():
            return results
        read = [part for word in words for part in reading_of(word)]
        if read != words:
            found = search(" ".join(read), model_or_queryset, **kwargs)
            if found.count():
                found.found_by, found.searched_words = "reading", read
                return found
        any_of = [word for word in dict.fromkeys(words + read) if not is_stopword(word)]
        if len(words) > 1 and any_of:
            found = search(" ".join(any_of), model_or_queryset, operator="or", **kwargs)
            found.found_by, found.searched_words = "some", any_of
            return found
        return results


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in the module
    """Wagtail's database backend for the default database (SQLite, PostgreSQL or
    MySQL), with Thai queries cut into words: ``WAGTAILSEARCH_BACKENDS = {"default":
    {"BACKEND": "kcs_core.search"}}``."""
    database_backend = type(DatabaseSearchBackend(params))
    thai_backend = type(
        f"Thai{database_backend.__name__}", (ThaiQueries, database_backend), {}
    )
    return thai_backend(params)
