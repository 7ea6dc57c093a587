"""Which sites a user acts for (kcs_core.permissions), and the site settings that
follow them: a clerk given "change" on the settings of their own site's group does
not edit another local government's."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import GroupPagePermission, GroupSitePermission, Page, Site

import pytest

from ita_pages.models import EvidencePage, ITASettings
from kcs_core.models import GovernmentSettings
from kcs_core.permissions import editable_sites
from tests.conftest import make_home, make_staff, sign_in

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


def chooser_titles(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    html = (
        response.json()["html"]
        if response["Content-Type"] == "application/json"
        else body
    )
    return {page.title for page in Page.objects.all() if page.title in html}


def test_the_page_chooser_offers_the_pages_of_the_editors_own_site(
    client, site, second_site, clerk_signed_in, admin_user
):
    """Wagtail's chooser browsed and searched every site's tree: an editor of one
    local government saw another's page titles and drafts."""
    other_home = second_site.root_page
    other_draft = other_home.add_child(
        instance=EvidencePage(title="ร่างของเทศบาล ข", slug="draft-b", live=False)
    )
    clerk_signed_in()
    browse = reverse("wagtailadmin_choose_page_child", args=[other_home.pk])
    search = reverse("wagtailadmin_choose_page_search") + "?q=ร่าง"
    root = reverse("wagtailadmin_choose_page")
    own_home = site.root_page.title
    assert other_draft.title not in chooser_titles(client, browse)
    assert other_draft.title not in chooser_titles(client, search)
    assert (titles := chooser_titles(client, root)) >= {own_home}
    assert other_home.title not in titles
    client.force_login(admin_user)  # a superuser acts for every site
    assert other_draft.title in chooser_titles(client, browse)


def test_an_editor_of_a_site_inside_another_sees_only_their_own(
    client, site, home_page, english_home, second_site
):
    """A site may sit inside another's tree: a page belongs to the deepest site
    above it. The inner site's editor counted as acting for the outer one too, and
    saw its drafts; an editor of one section of the outer site saw the inner
    site's pages."""
    inner_home = home_page.add_child(
        instance=EvidencePage(title="บ้านของเทศบาลใน", slug="inner")
    )
    Site.objects.create(hostname="inner.example", root_page=inner_home)
    inner_page = inner_home.add_child(
        instance=EvidencePage(title="ร่างของเทศบาลใน", slug="inner-draft", live=False)
    )
    outer_draft = home_page.add_child(
        instance=EvidencePage(title="ร่างของเทศบาลนอก", slug="outer-draft", live=False)
    )
    section = home_page.add_child(instance=EvidencePage(title="หมวดนอก", slug="sec"))
    search = reverse("wagtailadmin_choose_page_search") + "?q=ร่าง"
    inner_editor = make_staff("inner", "ผู้จัดทำข้อมูลใน", inner_home)
    sign_in(client, inner_editor)
    assert chooser_titles(client, search) >= {inner_page.title}
    assert outer_draft.title not in chooser_titles(client, search)
    # They browse down to their site through the outer home, seeing nothing else.
    outer = reverse("wagtailadmin_choose_page_child", args=[home_page.pk])
    assert chooser_titles(client, reverse("wagtailadmin_choose_page")) >= {
        home_page.title
    }
    assert inner_home.title in (titles := chooser_titles(client, outer))
    assert outer_draft.title not in titles and section.title not in titles
    # And they act for the inner site only, wherever the apps offer sites.
    assert list(editable_sites(inner_editor)) == [
        Site.objects.get(root_page=inner_home)
    ]
    outer_editor = make_staff("outer", "ผู้จัดทำข้อมูลนอก", section)
    sign_in(client, outer_editor)
    found = chooser_titles(client, search)
    assert outer_draft.title in found and inner_page.title not in found
    # The English tree of the editor's own site is theirs too.
    english_root = reverse("wagtailadmin_choose_page_child", args=[english_home.pk])
    assert client.get(english_root).status_code == 200
    listing = chooser_titles(client, reverse("wagtailadmin_choose_page"))
    assert english_home.title in listing and second_site.root_page.title not in listing
