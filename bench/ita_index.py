"""Benchmark of the ITA index page: median render time and queries at 43 and 400
items, against a plain page of the same site.

Run with ``.venv/bin/python bench/ita_index.py``: it builds a throw-away SQLite
database, then writes (or replaces) its section of ``docs/benchmarks.md``.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15
SECTION_START = "<!-- ita_index benchmark -->"
SECTION_END = "<!-- /ita_index benchmark -->"


def setup_django(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "kcs_wagtail.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def build_site(sizes):
    from wagtail.models import Site

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

    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    section = home.add_child(instance=DisclosureSectionPage(title="ITA", slug="ita"))
    section.save_revision().publish()
    urls = {}
    for offset, size in enumerate(sizes):
        year_number = 2600 + offset
        items = [ItemData(code=f"O{n}", title=f"ข้อ {n}") for n in range(1, size + 1)]
        catalog = CatalogData(
            year=year_number,
            verified=True,
            indicators=[
                IndicatorData(
                    number=9,
                    title="การเปิดเผยข้อมูล",
                    subindicators=[SubIndicatorData("9.1", "ข้อมูล", items)],
                )
            ],
        )
        year, _created = load_catalog(site, catalog)
        index = section.add_child(
            instance=ITAIndexPage(
                title=f"ITA {year_number}", slug=str(year_number), assessment_year=year
            )
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
                    fiscal_year=year_number if n % 4 else year_number - 1,
                )
            )
            page.save_revision().publish()
            index.evidence_links.add(
                EvidenceLink(item_code=f"O{n}", linked_page_id=page.pk)
            )
        index.save_revision().publish()
        urls[size] = index.url
    return section.url, urls


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches that every request would share
    times = []
    queries = 0
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        queries = len(context)
    return statistics.median(times) * 1000, queries


def write_section(rows) -> Path:
    target = ROOT / "docs" / "benchmarks.md"
    lines = [
        SECTION_START,
        "## ITA index page (`bench/ita_index.py`)",
        "",
        f"Median of {RUNS} renders through Django's test client on SQLite "
        "(half the items linked to evidence pages, the public page cache off).",
        "",
        "| page | items | median ms | queries |",
        "|---|---|---|---|",
        *[
            f"| {name} | {items} | {ms:.1f} | {queries} |"
            for name, items, ms, queries in rows
        ],
        SECTION_END,
    ]
    text = target.read_text(encoding="utf-8") if target.exists() else "# Benchmarks\n"
    if SECTION_START in text:
        before = text.split(SECTION_START)[0]
        after = text.split(SECTION_END, 1)[1]
        text = before + "\n".join(lines) + after
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    target.write_text(text, encoding="utf-8")
    return target


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.test import Client, override_settings

        plain_url, index_urls = build_site([43, 400])
        client = Client(SERVER_NAME="localhost")
        # Rendering is measured, not the public page cache in front of it.
        with override_settings(KCS_PAGE_CACHE_SECONDS=0):
            rows = [("plain section page", "-", *measure(client, plain_url))]
            for size, url in index_urls.items():
                rows.append(("ITA index", size, *measure(client, url)))
        target = write_section(rows)
    for row in rows:
        print(*row, sep="\t")
    print(f"written to {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
