"""Questions of services made from a preset were saved without a place in their
form (``sort_order`` empty), so PostgreSQL could list them in any order. Each such
form is numbered in the order its questions were made, which is the preset's."""

from django.db import migrations


def number_unordered_questions(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    pages = (
        ServiceFormField.objects.filter(sort_order__isnull=True)
        .values_list("page_id", flat=True)
        .distinct()
    )
    for page_id in pages:
        questions = list(
            ServiceFormField.objects.filter(page_id=page_id).order_by("pk")
        )
        for position, question in enumerate(questions):
            question.sort_order = position
        ServiceFormField.objects.bulk_update(questions, ["sort_order"])


class Migration(migrations.Migration):
    dependencies = [("eservice_forms", "0005_drop_the_filing_date_question")]

    operations = [
        migrations.RunPython(number_unordered_questions, migrations.RunPython.noop)
    ]
