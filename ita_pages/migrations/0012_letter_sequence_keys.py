"""Letters are numbered by ``kcs_core.numbering`` as tips and e-service requests are:
each year's counter moves from the key ``ita_pages.letter.<year>`` to
``ita_pages.letter:<year>``, keeping its value, so numbering goes on where it was."""

from django.db import migrations

OLD_PREFIX, NEW_PREFIX = "ita_pages.letter.", "ita_pages.letter:"


def rename_keys(apps, old_prefix, new_prefix):
    SiteSequence = apps.get_model("kcs_core", "SiteSequence")
    for sequence in SiteSequence.objects.filter(key__startswith=old_prefix):
        sequence.key = new_prefix + sequence.key.removeprefix(old_prefix)
        sequence.save(update_fields=["key"])


def forwards(apps, schema_editor):
    rename_keys(apps, OLD_PREFIX, NEW_PREFIX)


def backwards(apps, schema_editor):
    rename_keys(apps, NEW_PREFIX, OLD_PREFIX)


class Migration(migrations.Migration):

    dependencies = [
        ('ita_pages', '0011_site_links_without_reverse_accessors'),
        ('kcs_core', '0002_site_sequence'),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
