"""Wagtail's log entries of the tip handlers move to ``kcs_core.SiteLogEntry``
with their record's site, so that its site history shows each user their sites'
entries only (they were listed to every site's staff)."""

from django.db import migrations

APP_LABEL = "tips"
#: The models whose entries move: the records of a site in the admin.
SITE_RECORDS = ("TipHandler",)


LOG_FIELDS = (
    "content_type_id",
    "label",
    "action",
    "data",
    "timestamp",
    "uuid",
    "user_id",
    "revision_id",
    "content_changed",
    "deleted",
    "object_id",
)


def record_types(apps):
    """``(content type, model)`` of each of :data:`SITE_RECORDS` the database has."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model_name in SITE_RECORDS:
        content_type = ContentType.objects.filter(
            app_label=APP_LABEL, model=model_name.lower()
        ).first()
        if content_type is not None:
            yield content_type, apps.get_model(APP_LABEL, model_name)


def move_log_entries(apps, schema_editor):
    """Wagtail's entries of the records, oldest first, with their record's site
    (none for a record deleted since)."""
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    SiteLogEntry = apps.get_model("kcs_core", "SiteLogEntry")
    for content_type, model in record_types(apps):
        sites = {str(pk): site for pk, site in model.objects.values_list("pk", "site")}
        entries = ModelLogEntry.objects.filter(content_type=content_type)
        SiteLogEntry.objects.bulk_create(
            SiteLogEntry(
                site_id=sites.get(entry.object_id),
                **{name: getattr(entry, name) for name in LOG_FIELDS},
            )
            for entry in entries.order_by("pk").iterator()
        )
        entries.delete()


def move_log_entries_back(apps, schema_editor):
    """Undone, the entries go back to Wagtail's log, whose table stays."""
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    SiteLogEntry = apps.get_model("kcs_core", "SiteLogEntry")
    for content_type, _model in record_types(apps):
        entries = SiteLogEntry.objects.filter(content_type=content_type)
        ModelLogEntry.objects.bulk_create(
            ModelLogEntry(**{name: getattr(entry, name) for name in LOG_FIELDS})
            for entry in entries.order_by("pk").iterator()
        )
        entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kcs_core", "0007_site_log_entries"),
        ("tips", "0007_tipster_times_made_days"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(move_log_entries, move_log_entries_back)]
