"""Wagtail's log entries of the ITA records (gifts, procurement, letters,
questions, opinions…) and of the ITA settings move to ``kcs_core.SiteLogEntry``
with their record's site, so that its site history shows each user their sites'
entries only (they were listed to every site's staff)."""

from django.db import migrations

from kcs_core.site_log_moves import SiteLogMove

#: The records whose entries move.
SITE_LOG_MOVE = SiteLogMove(
    "ita_pages",
    (
        "AssessmentYear",
        "GiftRecord",
        "ProcurementRecord",
        "MeasureStep",
        "ChannelRecord",
        "CommunityLeader",
        "LetterBatch",
        "Circular",
        "Question",
        "Opinion",
        "ITASettings",
    ),
)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kcs_core", "0007_site_log_entries"),
        ("ita_pages", "0015_approval_chain"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(SITE_LOG_MOVE.forward, SITE_LOG_MOVE.backward)]
