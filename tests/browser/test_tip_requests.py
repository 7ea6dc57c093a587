"""Every request a tip page makes a browser send (the page, its stylesheets, fonts,
captcha image, favicon) falls under the access-log rule of the shipped nginx
configuration, which blanks the address and user agent: the page, and what it
loads, cannot name the tipster in a log line."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import settle
from tests.nginx_config import anonymised_paths

TIP_PAGES = ["/tip-off/", "/tip-off/case/", "/en/tip-off/", "/en/tip-off/case/"]


@pytest.mark.parametrize("path", TIP_PAGES)
def test_every_request_of_a_tip_page_is_kept_out_of_the_access_log(
    visitor, stack, path
):
    tab = visitor()
    requested = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(stack.url + path)
    settle(tab)
    paths = [urlsplit(url).path for url in requested if url.startswith(stack.url)]
    assert any("/captcha/" in p for p in paths) or "case" in path
    rules = anonymised_paths()
    logged = [p for p in paths if not any(rule.search(p) for rule in rules)]
    assert logged == [], logged
