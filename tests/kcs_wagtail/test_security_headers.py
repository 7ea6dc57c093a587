"""Every public URL of the demo site, reached by following its links from both home
pages, carries the security headers, and no page runs an inline script.

Requests are made over HTTPS, as production serves them (HSTS is only ever sent on
a secure request). What the HTTP cache in front may keep is checked through the real
cache in ``tests/browser/test_public_urls.py``.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.html import HREF

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# The home pages, and public pages meant to be typed or bookmarked, not linked.
START = ["/", "/en/", "/ita/notice-board/", "/e-service/track/"]
# Public endpoints no page links to: the APIs and their description.
API_URLS = [
    "/api/v2/pages/",
    "/api/eservice/services/",
    "/api/tips/",
    "/api/openapi.json",
    "/api/docs",
]
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/captcha/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)")
HSTS_SECONDS = 31536000


@pytest.fixture
def demo(loaded_demo, db, settings):
    settings.SECURE_HSTS_SECONDS = HSTS_SECONDS  # as production sets it


def public_links(html: str, base: str) -> set[str]:
    links = set()
    for href in HREF.findall(html):
        parts = urlsplit(urljoin(base, href))
        on_this_site = parts.scheme in ("", "http", "https") and parts.netloc in (
            "",
            "localhost",
            "testserver",
        )
        if on_this_site and not parts.path.startswith(SKIP_PREFIXES):
            links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def crawl(client) -> dict[str, object]:
    """``{url: response}`` for every URL reachable from the home pages."""
    seen, queue, responses = set(START), list(START), {}
    while queue:
        url = queue.pop()
        response = client.get(url, secure=True)
        responses[url] = response
        if response["Content-Type"].startswith("text/html"):
            for link in public_links(response.content.decode(), url) - seen:
                seen.add(link)
                queue.append(link)
    return responses


def assert_secure_headers(url, response):
    assert response["Strict-Transport-Security"].startswith(
        f"max-age={HSTS_SECONDS}"
    ), url
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer"), url
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";")
    )
    assert "'unsafe-inline'" not in directives.get("script-src", "x"), url
    assert "'unsafe-eval'" not in directives.get("script-src", "x"), url
    assert directives.get("object-src") == "'none'", url
    assert directives.get("frame-ancestors") == "'none'", url


def test_every_public_url_carries_the_security_headers(client, demo):
    responses = crawl(client)
    assert len(responses) > 80  # the crawl reached the whole demo site
    assert "/ita/notice-board/timing/" in responses
    broken = {
        url: response.status_code
        for url, response in responses.items()
        if response.status_code not in (200, 302)
    }
    assert broken == {}
    for url, first in responses.items():
        again = client.get(url, secure=True)
        for response in (first, again):
            assert_secure_headers(url, response)
            if response["Content-Type"].startswith("text/html"):
                html = response.content.decode()
                assert not INLINE_SCRIPT.search(html), url
                assert " style=" not in html, url
    for url in API_URLS:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert_secure_headers(url, response)
