"""A resident's search on the production stack (PostgreSQL, the HTTP cache, no
JavaScript needed): the searches of ``bench/search_queries.json`` find their page
among the first five results."""

import re
import urllib.parse
import urllib.request

from bench.search import TOP, resident_queries
from tests.browser.conftest import describe

RESULTS = re.compile(r'<ol class="search-results"[^>]*>(.*?)</ol>', re.S)
RESULT_LINK = re.compile(r'<li>\s*<a href="([^"]+)"')


def first_results(site_url: str, query: str) -> list[str]:
    url = f"{site_url}/search/?q={urllib.parse.quote(query)}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our stack
        html = response.read().decode()
    block = RESULTS.search(html)
    return RESULT_LINK.findall(block.group(1))[:TOP] if block else []


def test_residents_find_their_page_among_the_first_five(stack, demo_site):
    stack.manage("update_index")
    cases = resident_queries()
    missed = [
        (case["query"], case["finds"])
        for case in cases
        if case["finds"] not in first_results(demo_site, case["query"])
    ]
    assert 1 - len(missed) / len(cases) >= 0.9, missed


def test_a_resident_searches_on_a_phone(page, demo_site, axe_violations):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site + "/search/")
    page.get_by_label("ค้นหาในเว็บไซต์นี้").fill("ขอน้ำ")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    page.wait_for_url("**/search/?q=*")
    assert "/e-service/water/" in [
        link.get_attribute("href") for link in page.locator(".search-results a").all()
    ]
    assert page.locator('input[name="q"]').input_value() == "ขอน้ำ"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
