"""A deleted site's approval chain passes to the next site of its page tree
(``ita_pages.models.approval.pass_to_the_tree``) instead of going with it: a state
change only, the database's constraint stays as it was."""

from django.db import migrations, models

import ita_pages.models.approval


class Migration(migrations.Migration):
    dependencies = [
        ("ita_pages", "0016_site_log_entries"),
    ]

    operations = [
        migrations.AlterField(
            model_name="approvalchain",
            name="site",
            field=models.OneToOneField(
                on_delete=ita_pages.models.approval.pass_to_the_tree,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="site",
            ),
        ),
    ]
