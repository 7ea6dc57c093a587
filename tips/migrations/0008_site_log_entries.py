"""Wagtail's log entries of the tip handlers move to ``kcs_core.SiteLogEntry``
with their record's site, so that its site history shows each user their sites'
entries only (they were listed to every site's staff)."""

from django.db import migrations

#: The models whose entries move: the records of a site in the admin.
SITE_RECORDS = ("TipHandler",)


def move_log_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    SiteLogEntry = apps.get_model("kcs_core", "SiteLogEntry")
    for model_name in SITE_RECORDS:
        content_type = ContentType.objects.filter(
            app_label="tips", model=model_name.lower()
        ).first()
        if content_type is None:
            continue
        model = apps.get_model("tips", model_name)
        sites = {str(pk): site for pk, site in model.objects.values_list("pk", "site")}
        entries = ModelLogEntry.objects.filter(content_type=content_type)
        SiteLogEntry.objects.bulk_create(
            SiteLogEntry(
                content_type=content_type,
                label=entry.label,
                action=entry.action,
                data=entry.data,
                timestamp=entry.timestamp,
                uuid=entry.uuid,
                user_id=entry.user_id,
                revision_id=entry.revision_id,
                content_changed=entry.content_changed,
                deleted=entry.deleted,
                object_id=entry.object_id,
                site_id=sites.get(entry.object_id),
            )
            for entry in entries.iterator()
        )
        entries.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("kcs_core", "0007_site_log_entries"),
        ("tips", "0007_tipster_times_made_days"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(move_log_entries, migrations.RunPython.noop)]
