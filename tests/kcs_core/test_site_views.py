"""Admin views of a site's records (kcs_core.site_views): staff of one site reach no
view of another site's record, its history and usage lists included."""

from django.urls import reverse

import pytest

from ita_pages.models import CommunityLeader
from tests.conftest import make_staff, sign_in
from tips.models import TipHandler

pytestmark = pytest.mark.django_db

OBJECT_VIEWS = ("edit", "delete", "history", "usage")


def refuses_other_sites(client, viewset: str, ours, theirs) -> None:
    """Every view of one object shows ``ours`` and refuses ``theirs``, whose words
    (``SITE-B-ONLY``) it never shows."""
    for view in OBJECT_VIEWS:
        shown = client.get(reverse(f"{viewset}:{view}", args=[ours.pk]))
        assert shown.status_code == 200, view
        refused = client.get(reverse(f"{viewset}:{view}", args=[theirs.pk]))
        assert refused.status_code in (302, 403), view
        assert "SITE-B-ONLY" not in refused.content.decode(), view


def test_a_records_views_refuse_another_sites_record(client, site, second_site):
    staff = make_staff(
        "clerk-a",
        "ผู้จัดทำข้อมูล ก",
        site.root_page,
        codenames=("change_communityleader", "delete_communityleader"),
    )
    sign_in(client, staff)
    fields = {"position": "village_head", "village": "หมู่ที่ 3"}
    ours = CommunityLeader.objects.create(site=site, name="นายสมชาย", **fields)
    theirs = CommunityLeader.objects.create(
        site=second_site, name="SITE-B-ONLY", **fields
    )
    refuses_other_sites(client, "ita_leaders", ours, theirs)


def test_the_tip_handlers_views_refuse_another_sites_handler(
    client, site, second_site, django_user_model
):
    staff = make_staff(
        "admin-a",
        "ผู้ดูแล ก",
        site.root_page,
        codenames=("change_tiphandler", "delete_tiphandler"),
    )
    sign_in(client, staff)
    handler = django_user_model.objects.create_user("handler", password="pw")
    ours = TipHandler.objects.create(site=site, user=handler, name="นางสมศรี")
    theirs = TipHandler.objects.create(
        site=second_site, user=handler, name="SITE-B-ONLY"
    )
    refuses_other_sites(client, "tip_handlers", ours, theirs)
