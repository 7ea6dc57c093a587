"""Letters are numbered in the outgoing-letter register of the calendar year, as the
Regulation on Correspondence says (clause 43.1.2), not of the fiscal year: each
letter's ``year`` becomes the calendar year it is dated in, and each site's register
of a year goes on after the highest number already given in that year, so that no
number comes twice."""

from django.db import migrations, models
from django.db.models import Max

BE_OFFSET = 543
FISCAL_YEAR_FIRST_MONTH = 10
REGISTER = "ita_pages.outgoing_letter:"


def calendar_years(apps, schema_editor):
    Letter = apps.get_model("ita_pages", "Letter")
    SiteSequence = apps.get_model("kcs_core", "SiteSequence")
    for letter in Letter.objects.select_related("batch"):
        letter.year = letter.batch.sent_on.year + BE_OFFSET
        letter.save(update_fields=["year"])
    highest = Letter.objects.values("batch__site_id", "year").annotate(Max("number"))
    for row in highest:
        SiteSequence.objects.update_or_create(
            site_id=row["batch__site_id"],
            key=f"{REGISTER}{row['year']}",
            defaults={"value": row["number__max"]},
        )


def fiscal_years(apps, schema_editor):
    Letter = apps.get_model("ita_pages", "Letter")
    for letter in Letter.objects.select_related("batch"):
        sent_on = letter.batch.sent_on
        letter.year = sent_on.year + BE_OFFSET + (
            sent_on.month >= FISCAL_YEAR_FIRST_MONTH
        )
        letter.save(update_fields=["year"])


class Migration(migrations.Migration):

    dependencies = [
        ("ita_pages", "0012_letter_sequence_keys"),
        ("kcs_core", "0002_site_sequence"),
    ]

    operations = [
        migrations.RenameField("letter", "fiscal_year", "year"),
        migrations.AlterField(
            model_name="letter",
            name="year",
            field=models.PositiveSmallIntegerField(
                verbose_name="year of the register (B.E.)"
            ),
        ),
        migrations.RunPython(calendar_years, fiscal_years),
    ]
