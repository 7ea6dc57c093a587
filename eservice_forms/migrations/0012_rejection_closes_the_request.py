"""A rejection now ends a request (request_statuses.CLOSED_STATUSES): requests
already rejected are closed on the day they were decided."""

from django.db import migrations
from django.db.models import F


def close_rejected_requests(apps, schema_editor):
    ServiceRequest = apps.get_model("eservice_forms", "ServiceRequest")
    ServiceRequest.objects.filter(status="rejected", closed_at=None).update(
        closed_at=F("decided_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("eservice_forms", "0011_map_position_field"),
    ]

    operations = [
        migrations.RunPython(close_rejected_requests, migrations.RunPython.noop),
    ]
