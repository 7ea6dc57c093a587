"""Every public URL of the demo, walked through the HTTP cache by two browsers with
cookie jars of their own, after a resident has filed a request: what a shared cache
may keep carries no cookie, form token, captcha or personal data, and what is
personal says ``private, no-store``. Which is which comes from the responses alone.

Set ``KCS_CACHE_REPORT`` to a file name to write the list of URLs and decisions."""

import os
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from tests.browser.test_eservice_forms import file_water_request

# The home pages, and public pages meant to be typed or bookmarked, not linked.
START = ["/", "/en/", "/ita/notice-board/", "/e-service/track/"]
NOT_PUBLIC = re.compile(r"^/(django-)?admin/")
MOST_QUERIES_PER_PATH = 3
MOST_URLS = 800
# A captcha's URLs carry its one-time key: the same page, another key per visitor.
ONE_TIME_KEY = re.compile(r"[0-9a-f]{40}")
SECRETS_OF_ONE_VISITOR = re.compile(
    r'csrfmiddlewaretoken|name="submission_key"|name="captcha_0"|name="staged"'
)


class Links(HTMLParser):
    """Every URL a page links to or loads (links, forms' GET actions, assets)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "src"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if tag == "form" and attributes.get("method", "get").lower() == "get":
            self.urls.append(attributes.get("action") or "")


def decision(headers: dict[str, str]) -> str:
    directives = {
        d.strip().split("=")[0] for d in headers.get("cache-control", "").split(",")
    }
    if {"private", "no-store"} <= directives:
        return "personal"
    if directives & {"public", "s-maxage"} and not directives & {"private", "no-store"}:
        return "shared"
    return "undecided"


def walk(context, site_url: str) -> dict[str, tuple[int, str, dict, str]]:
    """URL → (status, decision, headers, body) for every same-site URL reached."""
    host = urlsplit(site_url).netloc
    queue = [site_url + path for path in START]
    seen: dict[str, tuple] = {}
    queries_per_path: Counter = Counter()
    while queue and len(seen) < MOST_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        response = context.request.get(url, max_redirects=0)
        headers = response.headers
        body = response.text() if "text/" in headers.get("content-type", "") else ""
        seen[url] = (response.status, decision(headers), headers, body)
        found = Links()
        found.feed(body)
        if headers.get("location"):
            found.urls.append(headers["location"])
        for link in found.urls:
            target = urldefrag(urljoin(url, link)).url
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue
            if NOT_PUBLIC.match(parts.path) or target in seen:
                continue
            if parts.query:
                queries_per_path[parts.path] += 1
                if queries_per_path[parts.path] > MOST_QUERIES_PER_PATH:
                    continue
            queue.append(target)
    return seen


def test_every_public_url_says_whether_it_may_be_shared_and_shares_nothing_personal(
    visitor, stack
):
    resident = visitor()
    receipt = file_water_request(resident, stack.url, "ทดสอบแคช")
    personal_data = [receipt["reference"], receipt["secret"], receipt["name"]]

    walks = [walk(visitor().context, stack.url) for _ in range(2)]
    first, second = walks
    report = os.environ.get("KCS_CACHE_REPORT")
    if report:
        with open(report, "w") as out:
            for url, (status, verdict, headers, _) in sorted(first.items()):
                path = url.removeprefix(stack.url)
                out.write(
                    f"{verdict}\t{status}\t{path}\t{headers.get('cache-control')}\n"
                )
    assert len(first) > 80, sorted(first)
    assert {ONE_TIME_KEY.sub("KEY", url) for url in first} == {
        ONE_TIME_KEY.sub("KEY", url) for url in second
    }
    problems = []
    for url, (status, verdict, headers, body) in [
        (url, result) for walked in walks for url, result in walked.items()
    ]:
        if status >= 500 or verdict == "undecided":
            problems.append(f"{url}: {status} {headers.get('cache-control')}")
        if verdict == "shared":
            if "set-cookie" in headers:
                problems.append(f"{url}: shared but sets a cookie")
            if SECRETS_OF_ONE_VISITOR.search(body):
                problems.append(f"{url}: shared but carries a form token or captcha")
            if any(value in body for value in personal_data):
                problems.append(f"{url}: shared but shows a resident's data")
        one_visitors = "set-cookie" in headers or SECRETS_OF_ONE_VISITOR.search(body)
        if one_visitors and verdict != "personal":
            problems.append(f"{url}: personal but {headers.get('cache-control')}")
    assert problems == []
    # The second browser got the shared pages from the cache.
    hits = [url for url, result in second.items() if result[2].get("x-cache") == "HIT"]
    shared = [url for url, result in second.items() if result[1] == "shared"]
    assert len(hits) >= len(shared) * 0.9, (len(hits), len(shared))
