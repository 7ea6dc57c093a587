"""A text question may name the fewest characters it accepts (``min_length``). The
presets' problem report asks 10 for its details and the petition's age starts at 1;
questions made from a preset before keep their keys, so they are given the same
rules."""

from django.db import migrations, models

#: (service kind, key, field type) → the rule (data/presets.json).
PRESET_RULES = (
    ("report", "detail", "multiline", {"min_length": 10}),
    ("petition", "age", "integer", {"min_value": 1}),
)


def preset_questions_get_their_rules(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    for kind, key, field_type, rule in PRESET_RULES:
        (name,) = rule
        ServiceFormField.objects.filter(
            page__kind=kind,
            clean_name=key,
            field_type=field_type,
            **{f"{name}__isnull": True},
        ).update(**rule)


class Migration(migrations.Migration):
    dependencies = [
        ("eservice_forms", "0012_rejection_closes_the_request"),
    ]

    operations = [
        migrations.AddField(
            model_name="serviceformfield",
            name="min_length",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text=(
                    "For text: the fewest characters accepted, such as 10 for a "
                    "description staff can act on. Left empty, any length."
                ),
                null=True,
                verbose_name="fewest characters",
            ),
        ),
        migrations.RunPython(
            preset_questions_get_their_rules, migrations.RunPython.noop
        ),
    ]
