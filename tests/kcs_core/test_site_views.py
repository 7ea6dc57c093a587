"""Admin views of a site's records (kcs_core.site_views): staff of one site reach no
view of another site's record, its history and usage lists included."""

import importlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

import pytest

from ita_pages.models import CommunityLeader
from kcs_core.models import GovernmentSettings, SiteLogEntry
from tips.models import TipHandler

pytestmark = pytest.mark.django_db

move_ita_entries = importlib.import_module("ita_pages.migrations.0016_site_log_entries")

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


def test_a_records_views_refuse_another_sites_record(
    client, site, second_site, clerk_signed_in
):
    clerk_signed_in("change_communityleader", "delete_communityleader")
    fields = {"position": "village_head", "village": "หมู่ที่ 3"}
    ours = CommunityLeader.objects.create(site=site, name="นายสมชาย", **fields)
    theirs = CommunityLeader.objects.create(
        site=second_site, name="SITE-B-ONLY", **fields
    )
    refuses_other_sites(client, "ita_leaders", ours, theirs)


def test_the_site_history_lists_the_users_sites_records_only(
    client, site, second_site, clerk_signed_in
):
    """Wagtail's log of a record kept no site: its site history listed one local
    government's records (residents' questions among them) to another's staff."""
    clerk_signed_in("change_communityleader")
    fields = {"position": "village_head", "village": "หมู่ที่ 3"}
    for each, name in ((site, "นายสมชาย"), (second_site, "SITE-B-ONLY")):
        leader = CommunityLeader.objects.create(site=each, name=name, **fields)
        log(leader, "wagtail.edit")
    assert SiteLogEntry.objects.filter(site=second_site).count() == 1
    settings = GovernmentSettings.for_site(second_site)
    log(settings, "wagtail.edit")  # a site's settings are logged with it too
    assert SiteLogEntry.objects.filter(site=second_site).count() == 2
    history = client.get(reverse("wagtailadmin_reports:site_history")).content
    assert "นายสมชาย" in history.decode() and b"SITE-B-ONLY" not in history


def test_entries_logged_before_move_with_their_records_site(site, second_site):
    """Migration ita_pages 0016: Wagtail's entries of the ITA records become site
    entries; an entry of a record deleted since keeps no site."""
    fields = {"position": "village_head", "village": "หมู่ที่ 3"}
    theirs = CommunityLeader.objects.create(site=second_site, name="นายก", **fields)
    gone = CommunityLeader.objects.create(site=site, name="นายข", **fields)
    content_type = ContentType.objects.get_for_model(CommunityLeader)
    for leader in (theirs, gone):
        ModelLogEntry.objects.create(
            content_type=content_type,
            label=leader.name,
            action="wagtail.edit",
            timestamp=timezone.now(),
            object_id=str(leader.pk),
        )
    gone.delete()
    move_ita_entries.SITE_LOG_MOVE.forward(apps, None)
    assert not ModelLogEntry.objects.filter(content_type=content_type).exists()
    moved = dict(SiteLogEntry.objects.values_list("label", "site"))
    assert moved == {"นายก": second_site.pk, "นายข": None}
    move_ita_entries.SITE_LOG_MOVE.backward(apps, None)  # migrating back
    assert not SiteLogEntry.objects.exists()
    back = ModelLogEntry.objects.filter(content_type=content_type).order_by("pk")
    assert [entry.label for entry in back] == ["นายก", "นายข"]  # oldest first


def test_the_tip_handlers_views_refuse_another_sites_handler(
    client, site, second_site, django_user_model, clerk_signed_in
):
    clerk_signed_in("change_tiphandler", "delete_tiphandler")
    handler = django_user_model.objects.create_user("handler", password="pw")
    ours = TipHandler.objects.create(site=site, user=handler, name="นางสมศรี")
    theirs = TipHandler.objects.create(
        site=second_site, user=handler, name="SITE-B-ONLY"
    )
    refuses_other_sites(client, "tip_handlers", ours, theirs)
