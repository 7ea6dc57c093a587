"""A date question may refuse days before the filing day (``not_before_filing_day``).
The presets' dates a resident asks for (water delivered, a loan's first and last day)
do; questions made from a preset before keep their key, so they do too."""

from django.db import migrations, models

#: The presets' date keys of days asked for (data/presets.json).
DAYS_ASKED_FOR = ("requested_delivery_date", "borrow_from", "borrow_until")


def days_asked_for_are_not_past(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    ServiceFormField.objects.filter(
        field_type="date", clean_name__in=DAYS_ASKED_FOR
    ).update(not_before_filing_day=True)


class Migration(migrations.Migration):
    dependencies = [("eservice_forms", "0008_service_form_field_min_value")]

    operations = [
        migrations.AddField(
            model_name="serviceformfield",
            name="not_before_filing_day",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "For a date the resident asks for, such as a delivery or a loan: "
                    "a day before the filing day is refused."
                ),
                verbose_name="not before the day it is filed",
            ),
        ),
        migrations.RunPython(days_asked_for_are_not_past, migrations.RunPython.noop),
    ]
