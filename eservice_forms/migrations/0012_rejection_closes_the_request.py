"""A rejection now ends a request (request_statuses.CLOSED_STATUSES): requests
already rejected are closed when they were decided (or filed, where no decision
time was kept). Their retention period runs from then, so the next
``purge_eservice_requests`` erases the personal data of those already past it, as
it would have had a clerk marked them done (docs/eservice_forms.md)."""

from django.db import migrations
from django.db.models.functions import Coalesce


def close_rejected_requests(apps, schema_editor):
    ServiceRequest = apps.get_model("eservice_forms", "ServiceRequest")
    ServiceRequest.objects.filter(status="rejected", closed_at=None).update(
        closed_at=Coalesce("decided_at", "submit_time")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("eservice_forms", "0011_map_position_field"),
    ]

    operations = [
        migrations.RunPython(close_rejected_requests, migrations.RunPython.noop),
    ]
