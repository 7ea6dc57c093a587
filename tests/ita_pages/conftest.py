"""Fixtures of the ITA app: catalogs loaded into the test site, an ITA section, the
2565 index and helpers that publish evidence pages."""

import datetime

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail_localize.models import Translation

import pytest

from ita_pages.catalog import load_catalog, parse_file, shipped_catalog_paths
from ita_pages.models import (
    AssessmentYear,
    DisclosureSectionPage,
    EvidenceLink,
    EvidencePage,
    ITAIndexPage,
    MeasuresAnnouncementPage,
)
from tests.conftest import publish_child


def load_shipped(site, year=None):
    for path in shipped_catalog_paths():
        if year is None or path.name == f"ita-{year}.json":
            load_catalog(site, parse_file(path.name, path.read_bytes()))


def shipped_year(site, year: int) -> AssessmentYear:
    """One shipped catalog year loaded into ``site`` (cheaper than ``catalogs``)."""
    load_shipped(site, year)
    return AssessmentYear.objects.get(site=site, year=year)


@pytest.fixture
def catalogs(site):
    load_shipped(site)
    return {year.year: year for year in AssessmentYear.objects.filter(site=site)}


@pytest.fixture
def ita_section(home_page):
    return publish_child(
        home_page, DisclosureSectionPage(title="ITA", slug="ita", show_in_menus=True)
    )


def make_index(section, year, **fields):
    return publish_child(
        section,
        ITAIndexPage(
            title=f"ITA {year.year}",
            slug=str(year.year),
            assessment_year=year,
            **fields,
        ),
    )


def make_indexes(section, catalogs, *years) -> list[ITAIndexPage]:
    """The published index of each of ``years`` under ``section``, in that order."""
    return [make_index(section, catalogs[year]) for year in years]


def item_locations(client, section, catalogs, items: dict[int, str]) -> dict[int, str]:
    """Publish the index of each year of ``items`` under ``section``, then follow
    each year's item ``/ita/<year>/<code>/``: where it redirects, by year."""
    make_indexes(section, catalogs, *items)
    return {
        year: client.get(f"/ita/{year}/{code}/")["Location"]
        for year, code in items.items()
    }


def index_form(year, slug: str, title="ITA", intro="", links=(), publish=True) -> dict:
    """The admin's form data of an index of ``year`` with the evidence ``links``
    (published unless ``publish`` is false)."""
    data = {
        "title": title,
        "slug": slug,
        "assessment_year": year.pk,
        "intro": rich_text(intro),
        "evidence_links": inline_formset(list(links)),
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


@pytest.fixture
def index_2565(ita_section, catalogs):
    return make_index(ita_section, catalogs[2565])


def publish_evidence(parent, code, fiscal_year=2565, slug=None, **fields):
    return publish_child(
        parent,
        EvidencePage(
            title=fields.pop("title", f"Evidence {code}"),
            slug=slug or code,
            fiscal_year=fiscal_year,
            ita_codes=code,
            **fields,
        ),
    )


def add_link(index, code, **fields):
    """Link evidence on the index and publish it (child rows are saved on publish)."""
    index.evidence_links.add(EvidenceLink(item_code=code, **fields))
    index.save_revision().publish()


def evidence_form(slug: str) -> dict:
    return nested_form_data(
        {
            "title": "หลักฐาน",
            "slug": slug,
            "intro": rich_text("<p>สรุป</p>"),
            "body": streamfield([("rich_text", rich_text("<p>เนื้อหา</p>"))]),
            "fiscal_year": 2565,
            "ita_codes": "o42",
            # 9 พฤศจิกายน 2564, typed as the Thai admin shows it
            "last_reviewed_day": "9",
            "last_reviewed_month": "11",
            "last_reviewed_year": "2564",
            "action-publish": "publish",
        }
    )


def add_measures_announcement(section, **fields) -> MeasuresAnnouncementPage:
    """The 2565 measures announcement (ขย 1/2564) under ``section``, with a first
    revision; ``fields`` add to or replace its fields."""
    page = section.add_child(
        instance=MeasuresAnnouncementPage(
            **{
                "title": "ประกาศมาตรการ",
                "slug": "measures",
                "announcement_number": "ขย 1/2564",
                "announcement_date": datetime.date(2021, 11, 9),
                "intro": "<p>มาตรการ</p>",
                "signer_name": "ผู้ลงนาม",
                "signer_position": "นายก",
                "fiscal_year": 2565,
                **fields,
            }
        )
    )
    page.save_revision()
    return page


def is_translation(page, locale) -> bool:
    """A wagtail-localize translation of ``page`` into ``locale`` exists."""
    return Translation.objects.filter(
        source__object_id=page.translation_key,
        source__locale_id=page.locale_id,
        target_locale=locale,
    ).exists()
