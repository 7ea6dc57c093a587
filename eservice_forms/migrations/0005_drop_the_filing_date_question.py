"""Services made from a preset before it stopped asking the filing date lose that
question: the office knows when a request was filed (``ServiceRequest.created_at``).
Answers already given stay in the requests that hold them."""

from django.db import migrations

# The question the presets asked: a date field under this key that defaulted to today.
FILING_DATE_KEY = "request_date"


def drop_filing_date_question(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    ServiceFormField.objects.filter(
        clean_name=FILING_DATE_KEY, field_type="date", default_value="today"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("eservice_forms", "0004_integer_field_type")]

    operations = [
        migrations.RunPython(drop_filing_date_question, migrations.RunPython.noop)
    ]
