"""The service presets are data (``eservice_forms/data/presets.json``): the shared
field groups expand where a service names them, and every shipped preset is a form
the page can build."""

import json
import re

from eservice_forms.models.pages import FIELD_KEY_PATTERN, SERVICE_FIELD_CHOICES
from eservice_forms.presets import PRESETS, create_service, load_presets


def test_a_named_group_expands_with_its_prefix(tmp_path):
    data = {
        "groups": {
            "address": [
                {
                    "key": "{prefix}_no",
                    "type": "singleline",
                    "label": "บ้านเลขที่",
                    "label_en": "House number",
                },
            ]
        },
        "services": [
            {
                "slug": "s",
                "title": "ท",
                "title_en": "T",
                "kind": "petition",
                "division": "สำนักปลัด",
                "time": 1,
                "unit": "days",
                "fields": [
                    {"use": "address", "prefix": "site"},
                    {
                        "key": "note",
                        "type": "multiline",
                        "label": "หมายเหตุ",
                        "label_en": "Note",
                        "required": False,
                    },
                ],
                "steps": [{"name": "รับเรื่อง", "days": 1, "unit": "สำนักปลัด"}],
            }
        ],
    }
    path = tmp_path / "presets.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [preset] = load_presets(path)
    assert [(f.key, f.required) for f in preset.fields] == [
        ("site_no", True),
        ("note", False),
    ]
    assert preset.steps == [("รับเรื่อง", 1, "สำนักปลัด")]


def test_every_shipped_preset_is_a_form_the_page_can_build():
    types = {choice for choice, _label in SERVICE_FIELD_CHOICES}
    assert [preset.slug for preset in PRESETS] == [
        "water",
        "building-permit",
        "borrow-property",
        "petition",
        "report-problem",
    ]
    for preset in PRESETS:
        keys = [f.key for f in preset.fields]
        assert len(keys) == len(set(keys)), preset.slug
        assert all(re.match(FIELD_KEY_PATTERN, key) for key in keys), preset.slug
        assert {f.type for f in preset.fields} <= types, preset.slug
        assert all(f.label and f.label_en for f in preset.fields), preset.slug


def test_a_service_made_from_a_preset_keeps_its_questions_in_order(service_index):
    """Numbered as the preset lists them: PostgreSQL returns unnumbered rows in any
    order."""
    page = create_service(service_index, PRESETS[0])
    numbered = page.form_fields.values_list("sort_order", "clean_name")
    assert list(numbered) == list(enumerate(f.key for f in PRESETS[0].fields))


def test_a_manuals_steps_count_days_as_its_total_does(service_index):
    """The building permit's manual read 1 + 40 + 4 working days against a total
    of 45 days (the Act's calendar days), which 40 working days alone exceed."""
    for preset in PRESETS:
        page = create_service(service_index, preset)
        units = {step.value["duration_unit"] for step in page.steps}
        assert units == {page.processing_time_unit}, preset.slug
