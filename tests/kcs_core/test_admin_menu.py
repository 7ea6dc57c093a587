"""The apps' admin menu groups list their hook-registered items on Wagtail 8 and on
the 7.4 LTS alike (7.4 ignores ViewSetGroup.submenu_hook)."""

from django.test import RequestFactory

from wagtail.admin.menu import admin_menu

from kcs_core.permissions import acts_for_a_site
from tests.conftest import sign_in


def submenu_urls(request, label) -> list[str]:
    (group,) = [
        item
        for item in admin_menu.menu_items_for_request(request)
        if str(item.label) == label
    ]
    return [item.url for item in group.menu.menu_items_for_request(request)]


def test_the_ita_and_e_service_menus_hold_their_set_up_actions(
    admin_user, client, site
):
    sign_in(client, admin_user)
    assert client.get("/admin/").status_code == 200  # the admin's viewsets registered
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    assert "/admin/ita/setup/" in submenu_urls(request, "ITA")
    assert "/admin/e-service/new/" in submenu_urls(request, "บริการออนไลน์")


def test_the_site_actions_ask_once_per_request_whether_the_user_acts_for_a_site(
    site_editor, second_site, django_assert_num_queries
):
    request = RequestFactory().get("/admin/")
    request.user = site_editor
    assert acts_for_a_site(request)
    with django_assert_num_queries(0):
        assert acts_for_a_site(request) and acts_for_a_site(request)
    nobody = RequestFactory().get("/admin/")
    nobody.user = type(site_editor).objects.create_user("nobody", password="x")
    assert not acts_for_a_site(nobody)
