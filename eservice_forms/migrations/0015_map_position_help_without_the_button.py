"""The report preset's map-position help told every resident to press the "where I
am now" button, which only a script shows: questions made from the preset with that
help unchanged get the preset's new help (data/presets.json)."""

from django.db import migrations

OLD_HELP = (
    "หากอยู่ที่จุดเกิดเหตุ กดปุ่ม “ใช้ตำแหน่งที่ฉันอยู่ตอนนี้” หรือกดค้างที่จุดนั้นบน"
    "แผนที่ในโทรศัพท์แล้วคัดลอกพิกัดมาวาง เช่น 14.9707, 102.1020"
)
NEW_HELP = (
    "กดค้างที่จุดเกิดเหตุบนแผนที่ในโทรศัพท์ แล้วคัดลอกพิกัดมาวาง เช่น 14.9707, 102.1020"
)


def help_without_the_button(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    ServiceFormField.objects.filter(help_text=OLD_HELP).update(help_text=NEW_HELP)


class Migration(migrations.Migration):
    dependencies = [
        ("eservice_forms", "0014_service_form_field_own_detail"),
    ]

    operations = [
        migrations.RunPython(help_without_the_button, migrations.RunPython.noop),
    ]
