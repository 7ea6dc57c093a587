"""The memo of host names to sites: no query for a known host, a saved Site seen at
once, a change made elsewhere (another process) seen within seconds."""

from django.test import RequestFactory

from wagtail.models import Site

import pytest

from kcs_core import sites as sites_module
from kcs_core.sites import SiteByHost, owning_site, sites

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_a_known_host_costs_no_query(site, django_assert_num_queries):
    first = sites.lookup(request_for("localhost"))
    assert first.site == site and first.root_paths == (site.root_page.path,)
    with django_assert_num_queries(0):
        request = request_for("localhost")
        assert sites.lookup(request).site == site
        assert Site.find_for_request(request) == site


def test_a_site_saved_here_is_seen_at_once(site, home_page):
    assert sites.lookup(request_for("other.example")).site == site  # the default
    other = Site.objects.create(hostname="other.example", root_page=home_page)
    assert sites.lookup(request_for("other.example")).site == other
    other.delete()
    assert sites.lookup(request_for("other.example")).site == site


def test_a_change_made_elsewhere_is_seen_within_seconds(site, home_page, monkeypatch):
    memo, now = SiteByHost(), [1000.0]
    monkeypatch.setattr(sites_module.time, "monotonic", lambda: now[0])
    memo.lookup(request_for("other.example"))
    Site.objects.bulk_create([Site(hostname="other.example", root_page=home_page)])
    assert memo.lookup(request_for("other.example")).site == site
    now[0] += SiteByHost.SECONDS
    assert memo.lookup(request_for("other.example")).site.hostname == "other.example"


def test_what_is_filed_on_a_page_belongs_to_the_site_that_holds_it_deepest(
    site, home_page, nested_site
):
    """A town's page reached through the outer site's host is the town's (its
    numbers, staff and limits); of two sites on one root, the host's own."""
    town_page, outer_page = nested_site.root_page, home_page
    outer_host, town_host = request_for("localhost"), request_for("town-b.example")
    assert owning_site(town_page, outer_host) == nested_site
    assert owning_site(town_page, town_host) == nested_site
    assert owning_site(outer_page, outer_host) == site
    alias = Site.objects.create(hostname="www.example", root_page=home_page)
    assert owning_site(outer_page, request_for("www.example")) == alias
    assert owning_site(town_page, request_for("www.example")) == nested_site
