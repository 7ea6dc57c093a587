"""The admin dashboard warns about the website's renewal from 60 days before."""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

from wagtail.models import GroupSitePermission

from tests.conftest import set_government_settings, sign_in


def set_renewal_in(settings_row, days):
    settings_row.website_renewal_date = timezone.localdate() + datetime.timedelta(
        days=days
    )
    settings_row.save()


def test_dashboard_warns_with_days_left(admin_client, government_settings):
    set_renewal_in(government_settings, 45)
    html = admin_client.get("/admin/").content.decode()
    assert "kcs-renewal-heading" in html
    assert "45" in html
    assert "องค์การบริหารส่วนตำบลทดสอบ" in html


def test_an_editor_is_warned_only_of_the_sites_they_act_for(
    client, site_editor, government_settings, second_site
):
    set_renewal_in(government_settings, 45)
    set_renewal_in(set_government_settings(second_site, name="เทศบาลตำบลอื่น"), 10)
    html = sign_in(client, site_editor).get("/admin/").content.decode()
    assert "องค์การบริหารส่วนตำบลทดสอบ" in html
    assert "เทศบาลตำบลอื่น" not in html


def test_dashboard_is_quiet_before_the_window(admin_client, government_settings):
    set_renewal_in(government_settings, 61)
    html = admin_client.get("/admin/").content.decode()
    assert "kcs-renewal-heading" not in html


def test_dashboard_says_when_renewal_is_overdue(admin_client, government_settings):
    set_renewal_in(government_settings, -5)
    html = admin_client.get("/admin/").content.decode()
    assert "kcs-renewal-heading" in html
    assert "5" in html


def test_admin_is_offered_in_thai(admin_client, site):
    html = admin_client.get("/admin/").content.decode()
    assert 'lang="th"' in html


def test_the_warning_links_to_the_settings_for_who_may_change_them(
    client, site_editor, government_settings
):
    """Wagtail grants a site's settings per site; the link follows that grant."""
    set_renewal_in(government_settings, 45)
    site = government_settings.site
    edit_url = f"/admin/settings/kcs_core/governmentsettings/{site.pk}/"
    sign_in(client, site_editor)
    assert edit_url not in client.get("/admin/").content.decode()
    GroupSitePermission.objects.create(
        group=site_editor.groups.get(),
        site=site,
        permission=Permission.objects.get(codename="change_governmentsettings"),
    )
    assert edit_url in client.get("/admin/").content.decode()
    assert client.get(edit_url).status_code == 200
