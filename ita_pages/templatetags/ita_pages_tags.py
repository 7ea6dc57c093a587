"""Template tags of the ITA pages: ``{% load ita_pages_tags %}``.

The entries of an index's item list are built here rather than by a template
included once per item: an index lists up to 400 items, and the include (with its
loop over the evidence) was most of the page's render time. Every value is plain
text escaped with ``html.escape`` (what Django's ``escape`` does, without its
lazy-string wrapper), or Thai text whose words ``wrap_words`` keeps whole; the
markup is the same on the index and on an item's own page.
"""

from html import escape

from django import template
from django.apps import apps
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from wagtail.models import Page

from ita_pages.evidence import Evidence, ItemRow
from kcs_core.templatetags.kcs_core_tags import site_own_words
from kcs_core.thai_dates import format_date, format_fiscal_year
from kcs_core.thai_text import wrap_words

register = template.Library()


class ItemListHTML:
    """Renders :class:`~ita_pages.evidence.ItemRow` entries as the public reads
    them: the item's code (linked to its stable URL when something is published),
    title and requirement, then each place its evidence is published with the
    navigation path, the fiscal year when it is another than the index's, and the
    date it was published. An item with nothing published shows its code and title
    only: no status, no word about what is not there (that is the admin's readiness
    report). The words are translated once for the whole list; ``keep`` are the
    words no line splits (the site's place names). Printed, each link shows its
    full address (``absolute`` makes it from a link's), which an assessor types into
    the national system."""

    def __init__(self, keep: tuple[str, ...] = (), absolute=lambda url: url):
        self.keep = keep
        self.absolute = absolute
        self.path_label = escape(gettext("Path:"))
        self.published_label = gettext("Published on %(date)s")
        self.year_label = gettext("For fiscal year %(year)s")

    def items(self, rows: list[ItemRow]) -> SafeString:
        return mark_safe("".join(self.item(row) for row in rows))  # noqa: S308

    def item(self, row: ItemRow) -> SafeString:
        """One ``<li class="ita-item">``; its ``id`` is the item's code, so
        ``<index>#o42`` scrolls to it."""
        item = row.item
        code = escape(item.code.upper())
        requirement = (
            f'<p class="ita-item__requirement">{self.words(item.requirement)}</p>'
            if item.requirement
            else ""
        )
        evidence = ""
        if row.evidence:
            code = (
                f'<a class="ita-item__code" href="{escape(row.url)}">{code}</a>'
                f"{self.printed_address(row.url)}"
            )
            year = item.assessment_year.year
            entries = "".join(self.evidence(e, year) for e in row.evidence)
            evidence = f'<ul class="ita-evidence">{entries}</ul>'
        else:
            code = f'<span class="ita-item__code">{code}</span>'
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<li class="ita-item" id="{escape(item.slug)}">'
            f'<div class="ita-item__head">{code}</div>'
            f'<p class="ita-item__title">{self.words(item.title)}</p>'
            f"{requirement}{evidence}</li>\n"
        )

    def evidence(self, evidence: Evidence, year: int) -> str:
        """One place the evidence is published, with how to reach it, the year it
        is for when not ``year``, and when it was published."""
        notes = ""
        if evidence.path:
            notes += self.note(f"{self.path_label} {self.words(evidence.path)}")
        if evidence.fiscal_year and evidence.fiscal_year != year:
            text = self.year_label % {"year": format_fiscal_year(evidence.fiscal_year)}
            notes += self.note(escape(text))
        if evidence.published_on:
            text = self.published_label % {"date": format_date(evidence.published_on)}
            notes += self.note(escape(text))
        return (
            f'<li><a href="{escape(evidence.url)}">{self.words(evidence.title)}</a>'
            f"{self.printed_address(evidence.url)}{notes}</li>"
        )

    def printed_address(self, url: str) -> str:
        """The full address of a link, shown on paper only (``ita-print-url``)."""
        return f'<span class="ita-print-url">{escape(self.absolute(url))}</span>'

    def note(self, html: str) -> str:
        return f'<span class="ita-path">{html}</span>'

    def words(self, text: str) -> str:
        return wrap_words(text, keep=self.keep)


def item_list_html(context) -> ItemListHTML:
    """The renderer of a page's items: the site's own words, and full addresses
    made from the request's."""
    request = context.get("request")
    if request is None:
        return ItemListHTML(site_own_words(context))
    return ItemListHTML(site_own_words(context), request.build_absolute_uri)


@register.simple_tag(takes_context=True)
def ita_items(context, rows: list[ItemRow]) -> SafeString:
    """``{% ita_items sub.rows %}``: the ``<li>`` entries of an ``ol.ita-items``."""
    return item_list_html(context).items(rows)


@register.simple_tag(takes_context=True)
def ita_item(context, row: ItemRow) -> SafeString:
    """``{% ita_item row %}``: one item's ``<li>`` entry (an item's own page)."""
    return item_list_html(context).item(row)


def needs_translating(text: str) -> bool:
    """Whether a string left untranslated shows the original's words: it has a
    letter outside ASCII (Thai). Codes, slugs and numbers need no translating."""
    return any(char.isalpha() and not char.isascii() for char in text)


def translation_note_for(page: Page, request=None) -> dict | None:
    """What to tell a reader of ``page`` when it is a translation made through
    wagtail-localize: the original's language, its URL, and whether some of the
    page's text is still the original's. ``None`` for an original (no query for a
    page in the site's main language)."""
    if get_language() == settings.LANGUAGE_CODE or not apps.is_installed(
        "wagtail_localize"
    ):
        return None
    from wagtail_localize.models import StringSegment, Translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source__locale")
        .first()
    )
    if translation is None:
        return None
    source = translation.source
    original = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .first()
    )
    untranslated = (
        StringSegment.objects.filter(source=source)
        .annotate_translation(page.locale_id)
        .filter(translation__isnull=True)
        .values_list("string__data", flat=True)
    )
    return {
        "language": get_language_info(source.locale.language_code)["name_translated"],
        "language_code": source.locale.language_code,
        "original_url": original.get_url(request) if original else "",
        "untranslated": any(needs_translating(text) for text in untranslated),
    }


@register.inclusion_tag("ita_pages/includes/translation_note.html", takes_context=True)
def ita_translation_note(context, page, catalog=False):
    """``{% ita_translation_note page %}``: on a translated ITA page, a note that it
    is a translation of the original (linked), and which parts are not translated
    yet; ``catalog=True`` on an index adds that the item titles are the catalog's
    own (Thai) wording."""
    return {
        "note": translation_note_for(page, context.get("request")),
        "catalog": catalog,
    }


@register.inclusion_tag("ita_pages/includes/circulation_count.html")
def circulation_count(page: Page) -> dict:
    """The public count of staff a page was circulated to and who acknowledged it
    ("แจ้งเวียนบุคลากร 24 คน รับทราบแล้ว 22 คน"); nothing when it never was."""
    return {"counts": getattr(page, "circulation", None)}
