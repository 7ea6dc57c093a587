"""Which sites a user acts for (kcs_core.permissions), and the site settings that
follow them: a clerk given "change" on the settings of their own site's group does
not edit another local government's."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, GroupSitePermission, Site

import pytest

from ita_pages.models import ITASettings
from kcs_core.models import GovernmentSettings
from kcs_core.permissions import editable_sites
from tests.conftest import make_home

pytestmark = pytest.mark.django_db


def settings_url(model, site) -> str:
    meta = model._meta
    return reverse(
        "wagtailsettings:edit", args=[meta.app_label, meta.model_name, site.pk]
    )


@pytest.fixture
def clerk_of_site_a(clerk_signed_in):
    return clerk_signed_in("change_governmentsettings", "change_itasettings")


@pytest.mark.parametrize("model", [GovernmentSettings, ITASettings])
def test_a_clerk_edits_the_settings_of_their_own_site_only(
    client, site, second_site, clerk_of_site_a, model
):
    assert client.get(settings_url(model, site)).status_code == 200
    refused = client.get(settings_url(model, second_site))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(settings_url(GovernmentSettings, second_site), {"name": "HACKED"})
    assert GovernmentSettings.for_site(second_site).name != "HACKED"
    # The settings menu opens on their site, whatever the address it is read at.
    meta = model._meta
    opened = client.get(
        reverse("wagtailsettings:edit", args=[meta.app_label, meta.model_name]),
        HTTP_HOST=second_site.hostname,
    )
    assert opened["Location"] == settings_url(model, site)


def test_a_site_permission_given_for_another_site_still_counts(
    client, site, second_site, clerk_of_site_a
):
    """Wagtail's permissions given for one site (the group's "Site permissions")
    are how an office lets someone edit a site they make no pages for."""
    GroupSitePermission.objects.create(
        group=clerk_of_site_a.groups.get(),
        site=second_site,
        permission=Permission.objects.get(codename="change_governmentsettings"),
    )
    assert client.get(settings_url(GovernmentSettings, second_site)).status_code == 200
    assert client.get(settings_url(ITASettings, second_site)).status_code == 302


def test_the_sites_a_user_acts_for_take_a_few_queries_however_many_sites(
    root_page, thai_locale, site, clerk_signed_in, django_assert_max_num_queries
):
    """One query per site per grant (each root's translations) took 63 queries
    for 21 sites and 3 grants, on every admin page that asks."""
    clerk = clerk_signed_in()
    for number in range(20):
        home = make_home(root_page, f"home-{number}", f"อบต. {number}", thai_locale)
        Site.objects.create(hostname=f"s{number}.example", port=80, root_page=home)
        if number % 7 == 0:
            GroupPagePermission.objects.create(
                group=clerk.groups.get(),
                page=home,
                permission=Permission.objects.get(codename="change_page"),
            )
    with django_assert_max_num_queries(4):  # and one to read them
        acting = set(editable_sites(clerk).values_list("hostname", flat=True))
    assert acting == {site.hostname, "s0.example", "s7.example", "s14.example"}
