"""Search quality and indexing time: recall@5 of the resident searches in
``bench/search_queries.json`` on the demo site, with the plugin's Thai search
(``kcs_core.search``) and with Wagtail's plain database backend on an index without
Thai word cutting; and the time to index every page either way.

Run within ``make bench`` (PostgreSQL), or alone on any database that holds the demo:
``python -m bench.search``."""

import json
import time
from pathlib import Path
from unittest import mock

QUERIES = Path(__file__).with_name("search_queries.json")
TOP = 5
PLAIN_BACKEND = "wagtail.search.backends.database"


def resident_queries() -> list[dict]:
    """The searches of ``search_queries.json``: ``{"query", "finds"}``."""
    return json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]


def thai_site_pages():
    """The live pages of the demo's Thai site, and the URL path of its root page."""
    from wagtail.models import Locale, Page, Site

    site = Site.objects.get(is_default_site=True)
    thai = Locale.objects.get(language_code="th")
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
    return pages.filter(locale=thai), site.root_page.url_path


def misses(backend=None) -> list[dict]:
    """The resident searches whose page is not among the first five results of
    ``backend`` (the site's own by default)."""
    from wagtail.search.backends import get_search_backend

    backend = backend or get_search_backend()
    pages, root_path = thai_site_pages()
    missed = []
    for case in resident_queries():
        found = [
            "/" + page.url_path.removeprefix(root_path)
            for page in backend.search(case["query"], pages)[:TOP]
        ]
        if case["finds"] not in found:
            missed.append({**case, "found": found})
    return missed


def recall(backend=None) -> float:
    """The share of resident searches whose page comes in the first five."""
    return 1 - len(misses(backend)) / len(resident_queries())


def index_seconds() -> float:
    """The time to index every page of the site again."""
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("update_index", verbosity=0)
    return time.perf_counter() - start


def run() -> list[str]:
    from django.utils.html import strip_tags

    from wagtail.search.backends import get_search_backend

    index_seconds()  # a first run loads the dictionary and warms the caches
    thai_seconds = index_seconds()
    thai_recall, thai_misses = recall(), misses()
    plain = get_search_backend(BACKEND=PLAIN_BACKEND)
    with mock.patch("kcs_core.search.index_text", strip_tags):
        plain_seconds = index_seconds()
        plain_recall = recall(plain)
    index_seconds()  # the index as the site keeps it
    count = len(resident_queries())
    lines = [
        "## Thai search (`bench/search.py`)",
        "",
        f"{count} searches as residents type them (`bench/search_queries.json`), on "
        "the demo's Thai site: the share whose page comes in the first five results.",
        "",
        "| backend | recall@5 | indexing every page |",
        "|---|---|---|",
        f"| kcs_core.search (Thai words cut at index and query time) | "
        f"{thai_recall:.2f} | {thai_seconds:.2f} s |",
        f"| Wagtail's database backend, no Thai word cutting | {plain_recall:.2f} | "
        f"{plain_seconds:.2f} s |",
        "",
        f"Targets: recall@5 ≥ 0.9: {thai_recall:.2f} "
        f"({'met' if thai_recall >= 0.9 else 'NOT met'}); indexing within 2× the "
        f"time without word cutting: {thai_seconds / plain_seconds:.2f}× "
        f"({'met' if thai_seconds <= 2 * plain_seconds else 'NOT met'}).",
    ]
    if thai_misses:
        lines += ["", "Not in the first five:", ""]
        lines += [
            f'- "{case["query"]}" (wants {case["finds"]}; found '
            f"{', '.join(case['found']) or 'nothing'})"
            for case in thai_misses
        ]
    return lines


if __name__ == "__main__":
    from bench.common import setup_django
    from bench.run import report

    setup_django()
    report("search", run())
