"""The HTTP cache in front, on a multi-site install: an editor's publish in the admin
shows on the cached page of that site at once, and the other site keeps its cached
pages. How long it takes is measured by ``make bench`` (docs/benchmarks.md)."""

import time

import requests

# The deadline only bounds a broken purge; the figure is the benchmark's to report.
DEADLINE_SECONDS = 15


def cached(url: str) -> requests.Response:
    """The page as a browser without cookies gets it, after making sure it is cached."""
    requests.get(url, timeout=10)
    response = requests.get(url, timeout=10)
    assert response.headers["X-Cache"] == "HIT", response.headers
    return response


def publish_new_title(admin, stack, url_path: str, suffix: str) -> str:
    """Open the page in the admin, add ``suffix`` to its title and publish it."""
    (page_id,) = stack.query(
        "SELECT id FROM wagtailcore_page WHERE url_path = %s", url_path
    )[0]
    admin.goto(f"{stack.url}/admin/pages/{page_id}/edit/")
    title = admin.locator("#id_title")
    new_title = title.input_value() + suffix
    title.fill(new_title)
    admin.locator('button[name="action-publish"]').evaluate("button => button.click()")
    admin.wait_for_url(f"{stack.url}/admin/pages/*/")
    return new_title


def test_a_publish_is_seen_on_its_site_at_once_and_only_its_site_is_purged(
    stack, staff
):
    admin = staff()
    sites = [(stack.url, "/home/"), (stack.second_url, "/second-home/")]
    for changed, (site_url, url_path) in enumerate(sites):
        other_url = sites[1 - changed][0]
        cached(site_url + "/")
        before_other = cached(other_url + "/")
        new_title = publish_new_title(admin, stack, url_path, f" (ฉบับปรับปรุง {changed})")
        published = time.monotonic()
        while new_title not in requests.get(site_url + "/", timeout=10).text:
            assert time.monotonic() - published < DEADLINE_SECONDS, "never purged"
            time.sleep(0.05)
        other = requests.get(other_url + "/", timeout=10)
        assert other.headers["X-Cache"] == "HIT", (changed, other.headers)
        assert other.text == before_other.text
