"""Template tags of the ITA pages: ``{% load ita_pages_tags %}``.

The entries of an index's item list are built here rather than by a template
included once per item: an index lists up to 400 items, and the include (with its
loop over the evidence) was most of the page's render time. Every value is plain
text escaped with ``html.escape`` (what Django's ``escape`` does, without its
lazy-string wrapper); the markup is the same on the index and on an item's own page.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ita_pages.evidence import STATUS_LABELS, Evidence, ItemRow
from kcs_core.thai_dates import format_fiscal_year

register = template.Library()


class ItemListHTML:
    """Renders :class:`~ita_pages.evidence.ItemRow` entries: the item's code linked
    to its stable URL, its status, title and requirement, then its evidence with the
    navigation path and, when stale, the year it is for. The words are translated
    once for the whole list."""

    def __init__(self):
        self.status_labels = {
            status: escape(str(label)) for status, label in STATUS_LABELS.items()
        }
        self.path_label = escape(gettext("Path:"))
        none = escape(gettext("Not published yet."))
        self.no_evidence = f'<p class="ita-evidence--none">{none}</p>'

    def items(self, rows: list[ItemRow]) -> SafeString:
        return mark_safe("".join(self.item(row) for row in rows))  # noqa: S308

    def item(self, row: ItemRow) -> SafeString:
        """One ``<li class="ita-item">``; its ``id`` is the item's code, so
        ``<index>#o42`` scrolls to it."""
        item = row.item
        status = escape(row.status)
        requirement = (
            f'<p class="ita-item__requirement">{escape(item.requirement)}</p>'
            if item.requirement
            else ""
        )
        if row.evidence:
            year = item.assessment_year.year
            evidence = "".join(self.evidence(e, year) for e in row.evidence)
            evidence = f'<ul class="ita-evidence">{evidence}</ul>'
        else:
            evidence = self.no_evidence
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<li class="ita-item ita-item--{status}" id="{escape(item.slug)}">'
            '<div class="ita-item__head">'
            f'<a class="ita-item__code" href="{escape(row.url)}">'
            f"{escape(item.code.upper())}</a> "
            f'<span class="ita-status ita-status--{status}">'
            f"{self.status_labels[row.status]}</span></div>"
            f'<p class="ita-item__title">{escape(item.title)}</p>'
            f"{requirement}{evidence}</li>\n"
        )

    def evidence(self, evidence: Evidence, year: int) -> str:
        """One place the evidence is published, with how to reach it and, when it
        is not for ``year``, the year it is for."""
        notes = ""
        if evidence.path:
            notes += self.note(f"{self.path_label} {escape(evidence.path)}")
        if evidence.fiscal_year and evidence.fiscal_year != year:
            text = gettext("For fiscal year %(year)s") % {
                "year": format_fiscal_year(evidence.fiscal_year)
            }
            notes += self.note(escape(text))
        return (
            f'<li><a href="{escape(evidence.url)}">{escape(evidence.title)}</a>'
            f"{notes}</li>"
        )

    def note(self, html: str) -> str:
        return f'<span class="ita-path">{html}</span>'


@register.simple_tag
def ita_items(rows: list[ItemRow]) -> SafeString:
    """``{% ita_items sub.rows %}``: the ``<li>`` entries of an ``ol.ita-items``."""
    return ItemListHTML().items(rows)


@register.simple_tag
def ita_item(row: ItemRow) -> SafeString:
    """``{% ita_item row %}``: one item's ``<li>`` entry (an item's own page)."""
    return ItemListHTML().item(row)
