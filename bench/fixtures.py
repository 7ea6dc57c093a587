"""Pages the benchmarks measure, built on top of the demo site: ITA indexes of 43 and
400 items (half the items linked to published evidence, half of those stale) and
a plain page with no children."""

from dataclasses import dataclass


@dataclass
class BenchPages:
    home: str
    plain: str
    plain_id: int
    ita_index: dict[int, str]
    service_index: str
    form_page: str


def build_ita_index(section, site, size: int, year_number: int) -> str:
    from ita_pages.catalog import (
        CatalogData,
        IndicatorData,
        ItemData,
        SubIndicatorData,
        load_catalog,
    )
    from ita_pages.models import (
        DisclosureSectionPage,
        EvidenceLink,
        EvidencePage,
        ITAIndexPage,
    )

    items = [ItemData(code=f"O{n}", title=f"ข้อ {n}") for n in range(1, size + 1)]
    subindicator = SubIndicatorData("9.1", "ข้อมูล", items)
    indicator = IndicatorData(
        number=9, title="การเปิดเผยข้อมูล", subindicators=[subindicator]
    )
    year, _created = load_catalog(
        site, CatalogData(year=year_number, verified=True, indicators=[indicator])
    )
    index = section.add_child(
        instance=ITAIndexPage(title=f"ITA {size}", slug=str(size), assessment_year=year)
    )
    evidence = index.add_child(
        instance=DisclosureSectionPage(title="หลักฐาน", slug="evidence")
    )
    evidence.save_revision().publish()
    for n in range(1, size + 1, 2):
        page = evidence.add_child(
            instance=EvidencePage(
                title=f"หลักฐาน {n}",
                slug=f"e{n}",
                fiscal_year=year_number if n % 4 != 1 else year_number - 1,
            )
        )
        page.save_revision().publish()
        index.evidence_links.add(
            EvidenceLink(item_code=f"O{n}", linked_page_id=page.pk)
        )
    index.save_revision().publish()
    return index.url


def build() -> BenchPages:
    """Add the benchmark's pages to the demo site (a fresh database each run)."""
    from wagtail.models import Site

    from eservice_forms.models import ServiceIndexPage, ServicePage
    from ita_pages.models import DisclosureSectionPage

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    plain = home.add_child(
        instance=DisclosureSectionPage(title="หน้าเปล่า", slug="bench-plain")
    )
    plain.save_revision().publish()
    section = home.add_child(
        instance=DisclosureSectionPage(title="ITA bench", slug="bench-ita")
    )
    section.save_revision().publish()
    indexes = {
        size: build_ita_index(section, site, size, 2600 + offset)
        for offset, size in enumerate((43, 400))
    }
    service_index = ServiceIndexPage.objects.live().filter(locale=home.locale).first()
    form_page = ServicePage.objects.live().descendant_of(service_index).first()
    return BenchPages(
        home=home.url,
        plain=plain.url,
        plain_id=plain.pk,
        ita_index=indexes,
        service_index=service_index.url,
        form_page=form_page.url,
    )
