"""Moving an app's records' entries between Wagtail's log (``ModelLogEntry``) and
:class:`kcs_core.models.SiteLogEntry`, for the apps' data migrations: only the
migration's historical models are used, so a later change of the models leaves the
migrations as they ran."""

from dataclasses import dataclass

#: The fields an entry keeps when it moves (the site is added, or dropped).
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


@dataclass(frozen=True)
class SiteLogMove:
    """The entries of ``app_label``'s ``model_names`` (each with a ``site``): a
    migration runs ``migrations.RunPython(move.forward, move.backward)``."""

    app_label: str
    model_names: tuple[str, ...]

    def record_types(self, apps):
        """``(content type, model)`` of each of the records the database has."""
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model_name in self.model_names:
            content_type = ContentType.objects.filter(
                app_label=self.app_label, model=model_name.lower()
            ).first()
            if content_type is not None:
                yield content_type, apps.get_model(self.app_label, model_name)

    def forward(self, apps, schema_editor):
        """Wagtail's entries of the records, oldest first, with their record's
        site (none for a record deleted since)."""
        ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
        SiteLogEntry = apps.get_model("kcs_core", "SiteLogEntry")
        for content_type, model in self.record_types(apps):
            sites = {
                str(pk): site for pk, site in model.objects.values_list("pk", "site")
            }
            entries = ModelLogEntry.objects.filter(content_type=content_type)
            SiteLogEntry.objects.bulk_create(
                SiteLogEntry(
                    site_id=sites.get(entry.object_id),
                    **{name: getattr(entry, name) for name in LOG_FIELDS},
                )
                for entry in entries.order_by("pk").iterator()
            )
            entries.delete()

    def backward(self, apps, schema_editor):
        """Undone, the entries go back to Wagtail's log, whose table stays."""
        ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
        SiteLogEntry = apps.get_model("kcs_core", "SiteLogEntry")
        for content_type, _model in self.record_types(apps):
            entries = SiteLogEntry.objects.filter(content_type=content_type)
            ModelLogEntry.objects.bulk_create(
                ModelLogEntry(**{name: getattr(entry, name) for name in LOG_FIELDS})
                for entry in entries.order_by("pk").iterator()
            )
            entries.delete()
