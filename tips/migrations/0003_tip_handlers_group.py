"""The "Tip handlers" group: the only group whose members (listed as a site's
handlers) see that site's tips. Holds the custom permission ``tips.handle_tips``
and admin access."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Tip handlers"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs one now.
    tips_config = apps.get_app_config("tips")
    tips_config.models_module = True
    create_permissions(tips_config, apps=apps, verbosity=0)
    tips_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="tips", codename="handle_tips"
        ),
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tips", "0002_tips_statistics_guideline"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
