"""Finding the evidence of every item of an index, in a constant number of queries.

Evidence of an item comes from, in order:

1. the index page's evidence links (a page or an external address);
2. live pages of the same site and fiscal year that declare the item's code;
3. when neither exists, live pages of the site whose class declares the item's
   ``role`` in ``ita_roles`` (the e-service index, the tip form, statistics pages),
   so a new year's index starts with those items answered.

Pages are shown in the index's language when a translation exists. A page whose
class names the query parameter that picks the fiscal year it shows
(``ita_year_query = "year"``: the statistics pages) is linked with the index's year
(``?year=2565``), so that last year's index shows last year's figures.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site, get_page_models

from ita_pages.bulk import PageRow, PageURLs, page_rows, page_values
from ita_pages.models.catalog import AssessmentYear, CatalogItem, SubIndicator
from ita_pages.models.mixins import EvidenceFieldsMixin, split_codes
from kcs_core.api_fields import be_date
from kcs_core.thai_dates import as_local_date

PUBLISHED = "published"
MISSING = "missing"
STALE = "stale"
UNVERIFIED = "unverified"

STATUS_LABELS = {
    PUBLISHED: _("Published"),
    MISSING: _("Missing"),
    STALE: _("Stale"),
    # Evidence is there; the year's list of items is not yet confirmed.
    UNVERIFIED: _("Published, in an unconfirmed catalog"),
}
STATUS_ORDER = (MISSING, STALE, UNVERIFIED, PUBLISHED)


@dataclass(frozen=True, slots=True)
class Item:
    """A catalog item (:class:`~ita_pages.models.CatalogItem`) as the report reads
    it: plain values rather than a model instance per item, which for a 400-item
    year cost more than the rest of the report; its sub-indicator and year are the
    instances shared by the year's items."""

    pk: int
    code: str
    title: str
    requirement: str
    role: str
    confirmed: bool
    sort_key: str
    subindicator: SubIndicator
    assessment_year: AssessmentYear

    # The model's own definitions: the code in URLs, and "confirmed in a verified year".
    slug = CatalogItem.slug
    is_verified = CatalogItem.is_verified

    @property
    def assessment_year_id(self) -> int:
        return self.assessment_year.pk


ITEM_FIELDS = tuple(
    field.name
    for field in fields(Item)
    if field.name not in ("subindicator", "assessment_year")
)


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
    published_on: datetime.date | None = None

    def is_current_for(self, year: int) -> bool:
        """Evidence without a declared year (computed pages) is always current."""
        return self.fiscal_year is None or self.fiscal_year == year

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "url": self.full_url,
            "fiscal_year": self.fiscal_year,
            "navigation_path": self.path,
            "published_on": self.published_on.isoformat()
            if self.published_on
            else None,
            "published_on_be": be_date(self.published_on),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Link:
    """An evidence link of the index (:class:`~ita_pages.models.EvidenceLink`), as
    the report reads it."""

    item_code: str
    linked_page_id: int | None
    external_url: str
    fiscal_year: int | None
    title: str
    navigation_path: str


LINK_FIELDS = tuple(field.name for field in fields(Link))


@dataclass
class ItemRow:
    """An item of the year with its evidence, status and stable URL."""

    item: Item
    evidence: list[Evidence]
    status: str
    url: str
    full_url: str

    @property
    def stale_evidence(self) -> list[Evidence]:
        year = self.item.assessment_year.year
        return [e for e in self.evidence if not e.is_current_for(year)]

    def as_dict(self) -> dict:
        """The item as the public reads it (index exports, the API): what is
        published and where, never its status, which is the admin's (see
        :meth:`as_admin_dict`)."""
        item = self.item
        return {
            "code": item.code,
            "title": item.title,
            "indicator": item.subindicator.indicator.number,
            "subindicator": item.subindicator.code,
            "subindicator_title": item.subindicator.title,
            "requirement": item.requirement,
            "role": item.role,
            "item_url": self.full_url,
            "evidence": [evidence.as_dict() for evidence in self.evidence],
        }

    def as_admin_dict(self) -> dict:
        """:meth:`as_dict` with the status (what a frozen snapshot keeps)."""
        return {**self.as_dict(), "status": self.status}


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
    """Everything the index page, its exports, the API and the readiness report
    show. Statuses and their counts are for the admin's readiness report; the public
    index, its exports and the API show what is published, not what is not."""

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


def year_query_page_types() -> dict[int, str]:
    """Content type id → the query parameter that picks the fiscal year shown, for
    every page class that declares one in ``ita_year_query``."""
    return {
        ContentType.objects.get_for_model(model).pk: model.ita_year_query
        for model in get_page_models()
        if getattr(model, "ita_year_query", None)
    }


def role_path_page_types() -> dict[int, dict[str, str]]:
    """Content type id → {role: address below the page}, for every page class
    that answers a role at its own address (``ita_role_paths``)."""
    return {
        ContentType.objects.get_for_model(model).pk: dict(model.ita_role_paths)
        for model in get_page_models()
        if getattr(model, "ita_role_paths", None)
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
    a status is decided. Queries do not grow with the number of items or links;
    items, links and pages are read as plain values (:class:`Item`, :class:`Link`,
    :class:`~ita_pages.bulk.PageRow`), not model instances, so that a 400-item
    index renders within 3× a plain page (``make bench``).
    """

    def __init__(self, index, request=None):
        self.index = index
        self.request = request
        # Wagtail's public list of site roots (kept in Django's cache).
        self.site_root_paths = Site.get_site_root_paths()
        self.urls = PageURLs(self.site_root_paths, request)
        self.year_queries = year_query_page_types()
        self.role_paths = role_path_page_types()

    # --- the catalog -------------------------------------------------------

    def get_items(self) -> list[Item]:
        """The year's items in catalog order, each with its sub-indicator, indicator
        and year (two queries: the few sub-indicators are built once, not per item).
        """
        year_id = self.index.assessment_year_id
        subindicators = {
            sub.pk: sub
            for sub in SubIndicator.objects.filter(
                indicator__assessment_year_id=year_id
            ).select_related("indicator__assessment_year")
        }
        rows = (
            CatalogItem.objects.filter(assessment_year_id=year_id)
            .order_by("sort_key")
            .values_list(*ITEM_FIELDS, "subindicator_id")
        )
        items = []
        for *values, subindicator_id in rows:
            subindicator = subindicators[subindicator_id]
            items.append(
                Item(*values, subindicator, subindicator.indicator.assessment_year)
            )
        return items

    def get_year(self, items: list[Item]) -> AssessmentYear:
        if items:
            return items[0].assessment_year
        return AssessmentYear.objects.get(pk=self.index.assessment_year_id)

    # --- where pages may come from -----------------------------------------

    def site_filter(self, year: AssessmentYear) -> Q:
        """Pages of the year's site, in any of its languages (cached root paths)."""
        query = Q(pk__in=[])
        for root in self.site_root_paths:
            if root.site_id == year.site_id:
                query |= Q(url_path__startswith=root.root_path)
        return query

    def get_links(self) -> list[Link]:
        """The index's evidence links: those saved, or in a preview those edited."""
        links = self.index.evidence_links.all().values_list(*LINK_FIELDS)
        return [Link(*values) for values in links]

    def linked_ids_query(self, links: list[Link]):
        """The ids of the linked pages for a query: a subquery on the saved links
        (200 ids as parameters cost more than the lookup), the ids in a preview."""
        saved = self.index.evidence_links.all()
        if isinstance(saved, QuerySet):
            return saved.exclude(linked_page=None).values("linked_page")
        return [link.linked_page_id for link in links if link.linked_page_id]

    def get_evidence_pages(self, year: AssessmentYear, site_q, linked_ids) -> list:
        """Live pages of the site with evidence fields (every page type of
        :func:`evidence_page_types`, in one query) that are linked on the index or
        declare items of the year, in tree order."""
        wanted = Q(pk__in=linked_ids) | (Q(fiscal_year=year.year) & ~Q(ita_codes=""))
        queries = [
            page_values(
                model.objects.live().filter(site_q).filter(wanted).order_by(),
                "fiscal_year",
                "ita_codes",
            )
            for model in evidence_page_types()
        ]
        if not queries:
            return []
        return page_rows(queries[0].union(*queries[1:]).order_by("path"))

    def get_linked_pages(self, ids, site_q) -> dict[int, PageRow]:
        """Page id → live linked pages of the site that carry no evidence fields
        (an e-service index, a statistics page)."""
        if not ids:
            return {}
        pages = page_values(Page.objects.live().filter(site_q, pk__in=ids))
        return {page.pk: page for page in page_rows(pages)}

    def get_declaring_pages(self, year: AssessmentYear, pages) -> dict[str, list]:
        """Item code → the pages of the year, among ``pages``, that declare it."""
        declared = defaultdict(list)
        for page in pages:
            if page.fiscal_year == year.year:
                for code in split_codes(page.ita_codes):
                    declared[code].append(page)
        return declared

    def get_role_pages(self, site_q, year: int) -> dict[str, list[PageRow]]:
        """Role → live pages of the site whose class declares that role, without
        those whose class says they have nothing of the fiscal ``year`` yet
        (``ita_paths_answering(paths, year)``: the procurement reports)."""
        types = role_page_types()
        if not types:
            return {}
        by_role = defaultdict(list)
        rows = page_rows(
            page_values(
                Page.objects.live()
                .filter(site_q, content_type_id__in=types)
                .order_by("path")
            )
        )
        for content_type_id in {page.content_type_id for page in rows}:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            answering = getattr(model, "ita_paths_answering", None)
            if answering:
                paths = [p.path for p in rows if p.content_type_id == content_type_id]
                kept = answering(paths, year)
                rows = [
                    p
                    for p in rows
                    if p.content_type_id != content_type_id or p.path in kept
                ]
        for page in rows:
            for role in types[page.content_type_id]:
                by_role[role].append(page)
        return by_role

    def localize(self, pages: list[PageRow]) -> dict[int, PageRow]:
        """Page id → the page in the index's language when a live translation exists."""
        foreign = {
            p.translation_key for p in pages if p.locale_id != self.index.locale_id
        }
        if not foreign:
            return {}
        translations = {
            p.translation_key: p
            for p in page_rows(
                page_values(
                    Page.objects.live().filter(
                        translation_key__in=foreign, locale_id=self.index.locale_id
                    )
                )
            )
        }
        return {
            p.pk: translations[p.translation_key]
            for p in pages
            if p.translation_key in translations
        }

    def navigation_paths(self, pages: list[PageRow]) -> dict[int, str]:
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

    def status_for(self, item: Item, evidence: list[Evidence]) -> str:
        """Missing without evidence; stale when none of it is for the item's year;
        unverified when the catalog entry is not confirmed; else published."""
        if not evidence:
            return MISSING
        if not any(e.is_current_for(item.assessment_year.year) for e in evidence):
            return STALE
        if not item.is_verified:
            return UNVERIFIED
        return PUBLISHED

    def item_url(self, item: Item) -> tuple[str, str]:
        """Relative and full URL of the item's stable address under the index."""
        if not hasattr(self, "_index_urls"):
            self._index_urls = self.urls.urls(self.index.url_path)
        relative, full = self._index_urls
        subpath = self.index.item_subpath(item.code)
        return (relative or "") + subpath, (full or "") + subpath

    def evidence_urls(
        self, shown: PageRow, year: int | None, role: str = ""
    ) -> tuple[str, str]:
        """Relative and full URL of ``shown`` as evidence of the fiscal ``year``: a
        page that shows a chosen year (``ita_year_query``) opens on that year, at
        the address it gives the ``role`` (``ita_role_paths``)."""
        url, full_url = self.urls.urls(shown.url_path)
        url, full_url = url or "", full_url or ""
        subpath = self.role_paths.get(shown.content_type_id, {}).get(role, "")
        if subpath and url:
            url, full_url = url + subpath, (full_url + subpath if full_url else "")
        parameter = self.year_queries.get(shown.content_type_id)
        if parameter and year and url:
            query = "?" + urlencode({parameter: year})
            url, full_url = url + query, (full_url + query if full_url else "")
        return url, full_url

    def new_page_evidence(
        self, pages, shown, paths, seen: set, year: int, **details
    ) -> list[Evidence]:
        """Evidence of those ``pages`` whose shown page is not in ``seen`` (the
        pages already listed for the item), which it adds to ``seen``."""
        found = []
        for page in pages:
            target = shown[page.pk]
            if target.pk not in seen:
                seen.add(target.pk)
                found.append(
                    self.page_evidence(
                        page, target, paths[target.pk], year=year, **details
                    )
                )
        return found

    def page_evidence(
        self,
        page,
        shown,
        path,
        title="",
        source="link",
        year: int | None = None,
        role: str = "",
    ) -> Evidence:
        """Evidence published on ``page``, shown as ``shown`` (its translation in
        the index's language, or itself), for the index's fiscal ``year`` (and the
        item's ``role``, when the page answers it)."""
        url, full_url = self.evidence_urls(shown, year, role)
        return Evidence(
            title=title or shown.title,
            url=url,
            full_url=full_url,
            fiscal_year=page.fiscal_year,
            path=path,
            source=source,
            page_id=shown.pk,
            published_on=as_local_date(shown.last_published_at)
            if shown.last_published_at
            else None,
        )

    def report(self) -> IndexReport:
        items = self.get_items()
        year = self.get_year(items)
        site_q = self.site_filter(year)
        links = self.get_links()
        linked_ids = {link.linked_page_id for link in links if link.linked_page_id}
        evidence_pages = self.get_evidence_pages(
            year, site_q, self.linked_ids_query(links)
        )
        linked = {page.pk: page for page in evidence_pages if page.pk in linked_ids}
        linked.update(self.get_linked_pages(linked_ids - linked.keys(), site_q))
        declared = self.get_declaring_pages(year, evidence_pages)
        roles = (
            self.get_role_pages(site_q, year.year) if any(i.role for i in items) else {}
        )
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
                            year=year.year,
                        )
                    )
            seen = {e.page_id for e in evidence}
            unlisted = functools.partial(
                self.new_page_evidence,
                shown=shown,
                paths=paths,
                seen=seen,
                year=year.year,
            )
            evidence += unlisted(declared.get(item.slug, []), source="declared")
            if not evidence and item.role:
                evidence += unlisted(
                    roles.get(item.role, []), source="role", role=item.role
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
