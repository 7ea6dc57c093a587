"""Wagtail's log entries of records that belong to a site keep the site
(``SiteLogEntry``), so that its site history shows each user their sites' only."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

APP_LABEL = "kcs_core"
#: The models whose entries move: the site settings.
SITE_RECORDS = ("GovernmentSettings",)
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
        ('contenttypes', '0002_remove_content_type_name'),
        ('kcs_core', '0006_thai_date_fields'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SiteLogEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.TextField()),
                ('action', models.CharField(blank=True, db_index=True, max_length=255)),
                ('data', models.JSONField(blank=True, default=dict, encoder=django.core.serializers.json.DjangoJSONEncoder)),
                ('timestamp', models.DateTimeField(db_index=True, verbose_name='timestamp (UTC)')),
                ('uuid', models.UUIDField(blank=True, editable=False, help_text='Log entries that happened as part of the same user action are assigned the same UUID', null=True)),
                ('content_changed', models.BooleanField(db_index=True, default=False)),
                ('deleted', models.BooleanField(default=False)),
                ('object_id', models.CharField(db_index=True, max_length=255)),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contenttypes.contenttype', verbose_name='content type')),
                ('revision', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='wagtailcore.revision')),
                ('site', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site', verbose_name='site')),
                ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'site record log entry',
                'verbose_name_plural': 'site record log entries',
                'ordering': ['-timestamp', '-id'],
                'abstract': False,
                'indexes': [models.Index(fields=['uuid', 'action', '-timestamp'], name='kcs_core_si_uuid_c8005f_idx')],
            },
        ),
        migrations.RunPython(move_log_entries, move_log_entries_back),
    ]
