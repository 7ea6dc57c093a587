"""Setting a site's e-services up from a preset: the function, the admin's "New
e-service" and the ``eservice_new_service`` command, which all go one way."""

from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

import pytest

from eservice_forms.models import (
    SatisfactionPage,
    ServiceIndexPage,
    ServicePage,
    ServiceStatisticsPage,
)
from eservice_forms.request_statuses import RELIEF
from eservice_forms.setup import (
    ServiceExists,
    ensure_service_index,
    new_service,
    service_index_for,
)
from tests.conftest import make_staff, sign_in

from .conftest import PRESET

NEW = "/admin/e-service/new/"


def edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def test_a_fresh_site_gets_its_section_and_a_draft_service(second_site):
    page = new_service(second_site, "water")
    index = service_index_for(second_site)
    assert index.slug == "e-service" and index.live
    assert index.get_parent().pk == second_site.root_page_id
    for model in (ServiceStatisticsPage, SatisfactionPage):
        assert model.objects.child_of(index).live().count() == 1
    page.refresh_from_db()
    assert page.get_parent().pk == index.pk
    assert not page.live and page.has_unpublished_changes
    assert page.title == PRESET["water"].title and page.kind == RELIEF
    assert page.responsible_division == PRESET["water"].division
    assert list(page.form_fields.values_list("clean_name", flat=True)) == [
        field.key for field in PRESET["water"].fields
    ]
    assert page.get_latest_revision() is not None


def test_publish_makes_it_live_and_the_english_home_gets_copies(
    second_site, english_locale
):
    english_home = second_site.root_page.copy_for_translation(english_locale)
    english_home.slug = "home-b-en"
    english_home.save_revision().publish()
    page = new_service(second_site, "petition", publish=True, to_address="a@b.example")
    assert page.live and page.to_address == "a@b.example"
    index = service_index_for(second_site)
    english_index = index.get_translation(english_locale)
    assert english_index.live and english_index.title == "Online services (E-Service)"
    assert english_index.get_parent().pk == english_home.pk
    assert english_index.get_children().live().count() == 3
    english = page.get_translation(english_locale)
    assert english.title == "General request or petition" and english.live
    assert english.specific.form_fields.get(clean_name="details").label == "Details"
    draft = new_service(second_site, "water").get_translation(english_locale)
    assert draft.title == "Water for household use" and not draft.live


def test_twice_makes_nothing_twice(second_site):
    first = new_service(second_site, "water")
    with pytest.raises(ServiceExists) as raised:
        new_service(second_site, "water")
    assert raised.value.page.pk == first.pk
    assert ensure_service_index(second_site).pk == service_index_for(second_site).pk
    assert ServicePage.objects.filter(slug="water").count() == 1
    assert ServiceIndexPage.objects.count() == 1
    assert ServiceStatisticsPage.objects.count() == SatisfactionPage.objects.count()
    assert SatisfactionPage.objects.count() == 1


def test_the_admin_offers_the_presets_and_creates_a_draft(
    admin_client, site, second_site
):
    response = admin_client.get(NEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ขอรับน้ำอุปโภค-บริโภค" in html and 'value="blank"' in html
    # A Thai clerk is told what the English words in each line are.
    assert "ชื่อภาษาอังกฤษ: Water for household use —" in html
    assert set(response.context["form"].fields["site"].queryset) == {
        site,
        second_site,
    }
    response = admin_client.post(
        NEW, {"site": second_site.pk, "preset": "borrow-property"}
    )
    page = ServicePage.objects.get(slug="borrow-property")
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    assert not page.live and page.owner.username == "admin"
    assert admin_client.get(response["Location"]).status_code == 200
    assert NEW in admin_client.get("/admin/").content.decode()


def test_the_admin_links_to_the_service_already_there(admin_client, second_site):
    page = new_service(second_site, "report-problem")
    response = admin_client.post(
        NEW, {"site": second_site.pk, "preset": "report-problem"}
    )
    assert response.status_code == 200
    assert page.title in response.context["form"].errors["preset"][0]
    assert f'<a href="{edit_url(page)}">' in response.content.decode()
    assert ServicePage.objects.filter(slug="report-problem").count() == 1


def test_blank_opens_wagtails_editor_below_the_index(admin_client, second_site):
    response = admin_client.post(NEW, {"site": second_site.pk, "preset": "blank"})
    index = service_index_for(second_site)
    assert response["Location"] == (
        f"/admin/pages/add/eservice_forms/servicepage/{index.pk}/"
    )
    assert admin_client.get(response["Location"]).status_code == 200
    assert not ServicePage.objects.exists()


def test_an_editor_of_one_site_cannot_pick_the_other(
    client, site, second_site, site_editor
):
    sign_in(client, site_editor)
    response = client.get(NEW)
    assert list(response.context["form"].fields["site"].queryset) == [site]
    assert NEW in client.get("/admin/").content.decode()
    response = client.post(NEW, {"site": second_site.pk, "preset": "water"})
    assert response.status_code == 200 and "site" in response.context["form"].errors
    assert service_index_for(second_site) is None
    response = client.post(NEW, {"site": site.pk, "preset": "water"})
    page = ServicePage.objects.get()
    assert response["Location"] == edit_url(page)
    assert page.get_site().pk == site.pk and not page.live


def test_no_site_to_act_for_is_refused(client, django_user_model, site):
    user = django_user_model.objects.create_user("clerk", password="pw")
    user.groups.add(Group.objects.create(name="admin only"))
    user.groups.first().permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    refused = client.get(NEW)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert NEW not in client.get("/admin/").content.decode()


def test_editing_rights_without_adding_are_not_enough(client, site):
    user = make_staff("changer", "ผู้แก้ไข", site.root_page)
    sign_in(client, user)
    response = client.post(NEW, {"site": site.pk, "preset": "water"})
    assert response.context["form"].errors["site"]
    assert not ServiceIndexPage.objects.exists()


def test_the_command_saves_a_draft_or_publishes(second_site):
    out = StringIO()
    call_command(
        "eservice_new_service", "--site", "b.example", "--preset", "water", stdout=out
    )
    water = ServicePage.objects.get(slug="water")
    assert not water.live and edit_url(water) in out.getvalue()
    call_command(
        "eservice_new_service",
        "--site",
        str(second_site.pk),
        "--preset",
        "building-permit",
        "--publish",
        stdout=StringIO(),
    )
    assert ServicePage.objects.get(slug="building-permit").live
    with pytest.raises(CommandError, match=PRESET["water"].title):
        call_command("eservice_new_service", "--site", "b.example", "--preset", "water")
    with pytest.raises(CommandError):
        call_command("eservice_new_service", "--site", "b.example", "--preset", "x")
    out = StringIO()
    call_command("eservice_new_service", "--list", stdout=out)
    assert [line.split("\t")[0] for line in out.getvalue().splitlines()] == list(PRESET)
