"""The ``--site`` option of every app's commands: a site by id, host name or
``host:port``, with a message in Thai when the value names none or several."""

from django.core.management import CommandError
from django.utils import translation

from wagtail.models import Site

import pytest

from kcs_core.management.sites import selected_sites, site_named, sites_named


@pytest.fixture
def same_host_other_port(site, second_site):
    return Site.objects.create(
        hostname=second_site.hostname, port=8080, root_page=second_site.root_page
    )


def test_a_site_is_named_by_id_host_name_or_host_and_port(
    site, second_site, same_host_other_port
):
    assert site_named(str(second_site.pk)) == second_site
    assert site_named(site.hostname) == site
    assert site_named("b.example:8080") == same_host_other_port
    assert sites_named("b.example") == [second_site, same_host_other_port]
    assert selected_sites("") == [site, second_site, same_host_other_port]


def test_a_name_of_no_site_or_of_several_is_refused_in_thai(site, same_host_other_port):
    with translation.override("th"), pytest.raises(CommandError) as refused:
        site_named("nowhere.example")
    assert str(refused.value) == "ไม่มีเว็บไซต์ “nowhere.example”"
    with translation.override("th"), pytest.raises(CommandError) as refused:
        site_named("b.example")
    assert "b.example" in str(refused.value) and "host:port" in str(refused.value)
    with pytest.raises(CommandError):
        selected_sites("999")
