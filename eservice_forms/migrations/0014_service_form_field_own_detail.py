"""A question may say which of the resident's own details it asks for
(``own_detail``: the HTML ``autocomplete`` purpose, WCAG 1.3.5), so that a browser
offers what the resident saved. Questions made from a preset before keep their keys,
so they are given the presets' purposes (data/presets.json)."""

from django.db import migrations, models


#: (preset key, field type) → the detail it asks for.
PRESET_DETAILS = {
    ("title", "dropdown"): "honorific-prefix",
    ("first_name", "singleline"): "given-name",
    ("last_name", "singleline"): "family-name",
    ("addr_no", "singleline"): "address-line1",
    ("addr_moo", "singleline"): "address-line2",
    ("addr_village_name", "singleline"): "address-line3",
    ("addr_subdistrict", "singleline"): "address-level3",
    ("addr_district", "singleline"): "address-level2",
    ("addr_province", "singleline"): "address-level1",
    ("addr_zipcode", "singleline"): "postal-code",
    ("phone", "phone"): "tel",
    ("email", "email"): "email",
    ("applicant_name", "singleline"): "name",
    ("borrower_name", "singleline"): "name",
    ("full_name", "singleline"): "name",
    ("reporter_name", "singleline"): "name",
}


def preset_questions_name_their_detail(apps, schema_editor):
    ServiceFormField = apps.get_model("eservice_forms", "ServiceFormField")
    for (key, field_type), detail in PRESET_DETAILS.items():
        ServiceFormField.objects.filter(
            clean_name=key, field_type=field_type, own_detail=""
        ).update(own_detail=detail)


class Migration(migrations.Migration):

    dependencies = [
        ('eservice_forms', '0013_service_form_field_min_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='serviceformfield',
            name='own_detail',
            field=models.CharField(blank=True, choices=[('name', 'full name'), ('honorific-prefix', 'title (นาย, นาง, นางสาว)'), ('given-name', 'first name'), ('family-name', 'last name'), ('bday', 'date of birth'), ('email', 'e-mail'), ('tel', 'phone number'), ('address-line1', 'house number'), ('address-line2', 'village number (moo)'), ('address-line3', 'village name'), ('address-level3', 'sub-district'), ('address-level2', 'district'), ('address-level1', 'province'), ('postal-code', 'postcode')], help_text="When the question asks for the resident's own name, address, phone or e-mail, which: browsers then offer what the resident saved.", max_length=20, verbose_name="the resident's own"),
        ),
        migrations.RunPython(
            preset_questions_name_their_detail, migrations.RunPython.noop
        ),
    ]
