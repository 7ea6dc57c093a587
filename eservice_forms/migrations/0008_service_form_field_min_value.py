"""A whole-number question names the smallest answer it accepts (``min_value``; empty
means 0). The presets' counts of people, trips and days accept 1 and more; questions
made from a preset before keep their key, so they are given the same minimum."""

from django.db import migrations, models

#: The presets' whole-number keys that count at least one (data/presets.json).
COUNTS_FROM_ONE = ("household_members", "trips_requested", "completion_days")


def counts_start_at_one(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    ServiceFormField.objects.filter(
        field_type="integer", clean_name__in=COUNTS_FROM_ONE, min_value__isnull=True
    ).update(min_value=1)


class Migration(migrations.Migration):
    dependencies = [("eservice_forms", "0007_tracking_codes_keyed_per_use")]

    operations = [
        migrations.AddField(
            model_name="serviceformfield",
            name="min_value",
            field=models.PositiveIntegerField(
                blank=True,
                help_text=(
                    "For a whole number: the smallest answer accepted, such as 1 for "
                    "a count of people or trips. Left empty, 0: a count is never "
                    "negative."
                ),
                null=True,
                verbose_name="smallest number accepted",
            ),
        ),
        migrations.RunPython(counts_start_at_one, migrations.RunPython.noop),
    ]
