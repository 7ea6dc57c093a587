"""What tipsters wrote before their times were kept as days (the tip, its filing,
their messages and files) is dated to the start of its local day too. The Fernet
tokens of older content still carry their second: ``tips_rotate_key`` re-dates
them (docs/tips.md)."""

import datetime

from django.db import migrations
from django.utils import timezone

TIPSTER_KINDS = ("submitted", "tipster_message")


def start_of_its_day(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(timezone.localtime(moment).date(), datetime.time())
    )


def date_tipster_times_to_the_day(apps, schema_editor):
    Tip = apps.get_model("tips", "Tip")
    TipEvent = apps.get_model("tips", "TipEvent")
    TipAttachment = apps.get_model("tips", "TipAttachment")
    for rows in (
        Tip.objects.all(),
        TipEvent.objects.filter(kind__in=TIPSTER_KINDS),
        TipAttachment.objects.filter(event__kind__in=TIPSTER_KINDS),
    ):
        for pk, moment in rows.values_list("pk", "created_at").iterator():
            rows.model.objects.filter(pk=pk).update(created_at=start_of_its_day(moment))


class Migration(migrations.Migration):
    dependencies = [
        ("tips", "0006_tipster_times_are_days"),
    ]

    operations = [
        migrations.RunPython(date_tipster_times_to_the_day, migrations.RunPython.noop),
    ]
