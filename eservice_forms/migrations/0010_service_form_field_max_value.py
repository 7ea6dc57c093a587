"""A whole-number question may name the largest answer it accepts (``max_value``;
empty means a billion). The presets' age accepts up to 120; questions made from a
preset before keep their key, so they are given the same maximum."""

import django.core.validators
from django.db import migrations, models

#: The presets' whole-number keys with a largest answer (data/presets.json).
LARGEST_ANSWERS = {"age": 120}


def ages_end_at_120(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    for key, largest in LARGEST_ANSWERS.items():
        ServiceFormField.objects.filter(
            field_type="integer", clean_name=key, max_value__isnull=True
        ).update(max_value=largest)


class Migration(migrations.Migration):
    dependencies = [
        ("eservice_forms", "0009_service_form_field_not_before_filing_day")
    ]

    operations = [
        migrations.AddField(
            model_name="serviceformfield",
            name="max_value",
            field=models.PositiveIntegerField(
                blank=True,
                help_text=(
                    "For a whole number: the largest answer accepted, such as 120 "
                    "for an age. Left empty, any number up to a billion."
                ),
                null=True,
                validators=[django.core.validators.MaxValueValidator(1000000000)],
                verbose_name="largest number accepted",
            ),
        ),
        migrations.RunPython(ages_end_at_120, migrations.RunPython.noop),
    ]
