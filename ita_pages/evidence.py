"""Finding the evidence of every item of an index, in a constant number of queries.

Evidence of an item comes from, in order:

1. the index page's evidence links (a page or an external address);
2. live pages of the same site and fiscal year that declare the item's code;
3. when neither exists, live pages of the site whose class declares the item's
   ``role`` in ``ita_roles`` (the e-service index, the tip form, statistics pages),
   so a new year's index starts with those items answered.

Pages are shown in the index's language when a translation exists.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site, get_page_models

from ita_pages.models.catalog import AssessmentYear, CatalogItem
from ita_pages.models.mixins import EvidenceFieldsMixin

PUBLISHED = "published"
MISSING = "missing"
STALE = "stale"
UNVERIFIED = "unverified"

STATUS_LABELS = {
    PUBLISHED: _("Published"),
    MISSING: _("Missing"),
    STALE: _("Stale"),
    UNVERIFIED: _("Unverified catalog"),
}
STATUS_ORDER = (MISSING, STALE, UNVERIFIED, PUBLISHED)


@dataclass
class Evidence:
    """One place where an item's evidence is published."""

    title: str
    url: str
    full_url: str
    fiscal_year: int | None
    path: str
    source: str
    page_id: int | None = None

    def is_current_for(self, year: int) -> bool:
        """Evidence without a declared year (computed pages) is always current."""
        return self.fiscal_year is None or self.fiscal_year == year

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "url": self.full_url,
            "fiscal_year": self.fiscal_year,
            "navigation_path": self.path,
            "source": self.source,
        }


@dataclass
class ItemRow:
    """An item of the year with its evidence, status and stable URL."""

    item: CatalogItem
    evidence: list[Evidence]
    status: str
    url: str
    full_url: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def stale_evidence(self) -> list[Evidence]:
        year = self.item.assessment_year.year
        return [e for e in self.evidence if not e.is_current_for(year)]

    def as_dict(self) -> dict:
        item = self.item
        return {
            "code": item.code,
            "title": item.title,
            "indicator": item.subindicator.indicator.number,
            "subindicator": item.subindicator.code,
            "subindicator_title": item.subindicator.title,
            "requirement": item.requirement,
            "role": item.role,
            "status": self.status,
            "item_url": self.full_url,
            "evidence": [evidence.as_dict() for evidence in self.evidence],
        }


@dataclass
class SubIndicatorGroup:
    subindicator: object
    rows: list[ItemRow] = field(default_factory=list)


@dataclass
class IndicatorGroup:
    indicator: object
    groups: list[SubIndicatorGroup] = field(default_factory=list)


@dataclass
class IndexReport:
    """Everything the index page, its exports, the API and the readiness report show."""

    index: Page
    year: AssessmentYear
    rows: list[ItemRow]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    def count_rows(self) -> list[tuple[str, str, int]]:
        """``(status, label, count)`` in display order."""
        counts = self.counts()
        return [(s, STATUS_LABELS[s], counts[s]) for s in STATUS_ORDER]

    def with_status(self, status: str) -> list[ItemRow]:
        return [row for row in self.rows if row.status == status]

    def row_for(self, code: str) -> ItemRow | None:
        code = code.lower()
        return next((row for row in self.rows if row.item.slug == code), None)

    def grouped(self) -> list[IndicatorGroup]:
        """Rows under their indicator and sub-indicator, in catalog order."""
        indicators: dict[int, IndicatorGroup] = {}
        subs: dict[int, SubIndicatorGroup] = {}
        ordered = sorted(
            self.rows,
            key=lambda r: (
                r.item.subindicator.indicator.number,
                r.item.subindicator.position,
                r.item.sort_key,
            ),
        )
        for row in ordered:
            sub = row.item.subindicator
            if sub.indicator_id not in indicators:
                indicators[sub.indicator_id] = IndicatorGroup(sub.indicator)
            if sub.pk not in subs:
                subs[sub.pk] = SubIndicatorGroup(sub)
                indicators[sub.indicator_id].groups.append(subs[sub.pk])
            subs[sub.pk].rows.append(row)
        return list(indicators.values())


def role_page_types() -> dict[int, tuple[str, ...]]:
    """Content type id → roles, for every page class that declares ``ita_roles``."""
    return {
        ContentType.objects.get_for_model(model).pk: tuple(model.ita_roles)
        for model in get_page_models()
        if getattr(model, "ita_roles", None)
    }


def evidence_page_types() -> list[type[Page]]:
    """Concrete page classes that carry a fiscal year and declared item codes."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, EvidenceFieldsMixin) and not model._meta.abstract
    ]


class EvidenceFinder:
    """Builds an :class:`IndexReport` for one index page.

    Each step is a method so a project can change where evidence comes from or how
    a status is decided. Queries do not grow with the number of items or links.
    """

    def __init__(self, index, request=None):
        self.index = index
        self.request = request

    # --- the catalog -------------------------------------------------------

    def get_items(self) -> list[CatalogItem]:
        """The year's items with their sub-indicator and indicator (one query)."""
        return list(
            CatalogItem.objects.filter(assessment_year_id=self.index.assessment_year_id)
            .select_related("assessment_year", "subindicator__indicator")
            .order_by("sort_key")
        )

    def get_year(self, items: list[CatalogItem]) -> AssessmentYear:
        if items:
            return items[0].assessment_year
        return AssessmentYear.objects.get(pk=self.index.assessment_year_id)

    # --- where pages may come from -----------------------------------------

    def site_filter(self, year: AssessmentYear) -> Q:
        """Pages of the year's site, in any of its languages (cached root paths)."""
        roots = [
            root.root_path
            for root in Site.get_site_root_paths()
            if root.site_id == year.site_id
        ]
        query = Q(pk__in=[])
        for root in roots:
            query |= Q(url_path__startswith=root)
        return query

    def get_links(self) -> list:
        return list(self.index.evidence_links.all())

    def get_linked_pages(self, ids, site_q) -> dict[int, Page]:
        if not ids:
            return {}
        pages = (
            Page.objects.live()
            .filter(site_q, pk__in=ids)
            .specific()
            .defer_streamfields()
        )
        return {page.pk: page for page in pages}

    def get_declaring_pages(self, year: AssessmentYear, site_q) -> dict[str, list]:
        """Item code → live pages of the site and year that declare it."""
        declared = defaultdict(list)
        for model in evidence_page_types():
            pages = (
                model.objects.live()
                .filter(site_q, fiscal_year=year.year)
                .exclude(ita_codes="")
                .defer_streamfields()
                .order_by("path")
            )
            for page in pages:
                for code in page.declared_codes:
                    declared[code].append(page)
        return declared

    def get_role_pages(self, site_q) -> dict[str, list[Page]]:
        """Role → live pages of the site whose class declares that role."""
        types = role_page_types()
        if not types:
            return {}
        by_role = defaultdict(list)
        pages = (
            Page.objects.live()
            .filter(site_q, content_type_id__in=types)
            .order_by("path")
        )
        for page in pages:
            for role in types[page.content_type_id]:
                by_role[role].append(page)
        return by_role

    def localize(self, pages: list[Page]) -> dict[int, Page]:
        """Page id → the page in the index's language when a live translation exists."""
        foreign = {
            p.translation_key for p in pages if p.locale_id != self.index.locale_id
        }
        if not foreign:
            return {}
        translations = {
            p.translation_key: p
            for p in Page.objects.live().filter(
                translation_key__in=foreign, locale_id=self.index.locale_id
            )
        }
        return {
            p.pk: translations[p.translation_key]
            for p in pages
            if p.translation_key in translations
        }

    def navigation_paths(self, pages: list[Page]) -> dict[int, str]:
        """Page id → "Home › Section › Page", from one query for all ancestors."""
        steplen = Page.steplen
        prefixes = {
            page.path[:i]
            for page in pages
            for i in range(steplen * 2, len(page.path), steplen)
        }
        titles = dict(
            Page.objects.filter(path__in=prefixes).values_list("path", "title")
        )
        return {
            page.pk: " › ".join(
                [
                    titles[page.path[:i]]
                    for i in range(steplen * 2, len(page.path), steplen)
                    if page.path[:i] in titles
                ]
                + [page.title]
            )
            for page in pages
        }

    # --- deciding ----------------------------------------------------------

    def status_for(self, item: CatalogItem, evidence: list[Evidence]) -> str:
        """Missing without evidence; stale when none of it is for the item's year;
        unverified when the catalog entry is not confirmed; else published."""
        if not evidence:
            return MISSING
        if not any(e.is_current_for(item.assessment_year.year) for e in evidence):
            return STALE
        if not item.is_verified:
            return UNVERIFIED
        return PUBLISHED

    def item_url(self, item: CatalogItem) -> tuple[str, str]:
        """Relative and full URL of the item's stable address under the index."""
        if not hasattr(self, "_index_urls"):
            self._index_urls = (
                self.index.get_url(self.request) or "",
                self.index.get_full_url(self.request) or "",
            )
        subpath = self.index.reverse_subpage("item", kwargs={"code": item.slug})
        return self._index_urls[0] + subpath, self._index_urls[1] + subpath

    def page_evidence(self, page, shown, path, title="", source="link") -> Evidence:
        return Evidence(
            title=title or shown.title,
            url=shown.get_url(self.request) or "",
            full_url=shown.get_full_url(self.request) or "",
            fiscal_year=getattr(page, "fiscal_year", None),
            path=path,
            source=source,
            page_id=shown.pk,
        )

    def report(self) -> IndexReport:
        items = self.get_items()
        year = self.get_year(items)
        site_q = self.site_filter(year)
        links = self.get_links()
        linked = self.get_linked_pages(
            [link.linked_page_id for link in links if link.linked_page_id], site_q
        )
        declared = self.get_declaring_pages(year, site_q)
        roles = self.get_role_pages(site_q) if any(i.role for i in items) else {}
        candidates = (
            list(linked.values())
            + [p for pages in declared.values() for p in pages]
            + [p for pages in roles.values() for p in pages]
        )
        localized = self.localize(candidates)
        shown = {p.pk: localized.get(p.pk, p) for p in candidates}
        paths = self.navigation_paths(list(shown.values()))

        links_by_code = defaultdict(list)
        for link in links:
            links_by_code[link.item_code.strip().lower()].append(link)

        rows = []
        for item in items:
            evidence = []
            for link in links_by_code.get(item.slug, []):
                if link.external_url:
                    evidence.append(
                        Evidence(
                            title=link.title or link.external_url,
                            url=link.external_url,
                            full_url=link.external_url,
                            fiscal_year=link.fiscal_year,
                            path=link.navigation_path,
                            source="external",
                        )
                    )
                elif link.linked_page_id in linked:
                    page = linked[link.linked_page_id]
                    target = shown[page.pk]
                    evidence.append(
                        self.page_evidence(
                            page,
                            target,
                            link.navigation_path or paths[target.pk],
                            title=link.title,
                        )
                    )
            seen = {e.page_id for e in evidence}
            for page in declared.get(item.slug, []):
                target = shown[page.pk]
                if target.pk not in seen:
                    seen.add(target.pk)
                    evidence.append(
                        self.page_evidence(
                            page, target, paths[target.pk], source="declared"
                        )
                    )
            if not evidence and item.role:
                for page in roles.get(item.role, []):
                    target = shown[page.pk]
                    if target.pk not in seen:
                        seen.add(target.pk)
                        evidence.append(
                            self.page_evidence(
                                page, target, paths[target.pk], source="role"
                            )
                        )
            evidence = [e for e in evidence if e.url]
            relative, full = self.item_url(item)
            rows.append(
                ItemRow(
                    item=item,
                    evidence=evidence,
                    status=self.status_for(item, evidence),
                    url=relative,
                    full_url=full,
                )
            )
        return IndexReport(index=self.index, year=year, rows=rows)
