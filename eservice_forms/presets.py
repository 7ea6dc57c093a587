"""Preset services, from the real Thai forms: water for household use, building permit,
borrowing government property, general petition and public problem report.

The presets are data, in ``data/presets.json`` (read by :func:`load_presets`): each
lists the fields the paper form requires, under their suggested stable keys (the
applicant, address, phone and e-mail groups are written once and named by the
services that use them), and the essentials of the citizen's manual. It asks nothing
the office knows itself: not the filing date (the request records when it was filed;
pages made before keep their date question, and old answers stay readable), and the
address's ตำบล, อำเภอ and จังหวัด come prefilled with the office's own
(:meth:`~eservice_forms.models.ServicePage.office_initial`). Counts are ``integer``
fields: whole numbers, from ``min`` (1 for people, trips and days) or else 0; a
text may ask for ``min_length`` characters (a problem's details: 10). Days
the resident asks for (``not_before_filing``) are not before the filing day.
:func:`create_service` builds a :class:`~eservice_forms.models.ServicePage` from one,
in Thai, and (given an English index page) its English translation with English
labels, published or as a draft.
:mod:`eservice_forms.setup` finds the index of a site and is what the admin, the
``eservice_new_service`` command and the demo call.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from .models import ServiceFormField, ServicePage

#: The presets, as data: the services, and the groups of fields they share.
DATA_FILE = Path(__file__).resolve().parent / "data" / "presets.json"


@dataclass(frozen=True)
class PresetField:
    """One field of a preset form: key, type, Thai and English label, options."""

    key: str
    type: str
    label: str
    label_en: str
    required: bool = True
    choices: str = ""
    choices_en: str = ""
    default: str = ""
    help: str = ""
    keep: bool = False
    min: int | None = None
    max: int | None = None
    min_length: int | None = None
    not_before_filing: bool = False
    own_detail: str = ""


@dataclass
class Preset:
    slug: str
    title: str
    title_en: str
    kind: str
    division: str
    time: int
    unit: str
    fields: list[PresetField]
    steps: list[tuple[str, int, str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    fees: list[tuple[str, str]] = field(default_factory=list)
    legal_basis: str = ""


def expand_fields(entries: list[dict], groups: dict[str, list[dict]]):
    """The fields of a service: its own, and the shared groups it names
    (``{"use": "address", "prefix": "site"}``: the address block, its keys starting
    ``site_``)."""
    for entry in entries:
        if "use" not in entry:
            yield PresetField(**entry)
            continue
        prefix = entry.get("prefix", "")
        for shared in groups[entry["use"]]:
            yield PresetField(**{**shared, "key": shared["key"].format(prefix=prefix)})


def load_presets(path: Path = DATA_FILE) -> list[Preset]:
    """The presets of ``path`` (``eservice_forms/data/presets.json``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Preset(
            **{
                **service,
                "fields": list(expand_fields(service["fields"], data["groups"])),
                "steps": [
                    (step["name"], step["days"], step["unit"])
                    for step in service.get("steps", [])
                ],
                "fees": [
                    (fee["item"], fee["amount"]) for fee in service.get("fees", [])
                ],
            }
        )
        for service in data["services"]
    ]


PRESETS = load_presets()


def field_rows(preset: Preset, english: bool = False) -> list[dict]:
    """The questions of ``preset`` as form field rows, numbered in its order."""
    return [
        {
            "sort_order": position,
            "clean_name": f.key,
            "field_type": f.type,
            "label": f.label_en if english else f.label,
            "required": f.required,
            "choices": (f.choices_en or f.choices) if english else f.choices,
            "default_value": f.default,
            "help_text": "" if english else f.help,
            "keep_after_retention": f.keep,
            "min_value": f.min,
            "max_value": f.max,
            "min_length": f.min_length,
            "own_detail": f.own_detail,
            "not_before_filing_day": f.not_before_filing,
        }
        for position, f in enumerate(preset.fields)
    ]


def create_service(
    index_page,
    preset: Preset,
    english_index=None,
    *,
    publish: bool = True,
    user=None,
    **overrides,
) -> ServicePage:
    """Create ``preset`` under ``index_page`` (and its English copy under
    ``english_index``) and return the Thai page: published, or with ``publish=False``
    a draft for an editor to check and publish. ``user`` owns the pages and is named
    in their history; ``overrides`` set other fields (e.g. ``to_address``)."""
    page = ServicePage(
        title=preset.title,
        slug=preset.slug or slugify(preset.title_en),
        kind=preset.kind,
        responsible_division=preset.division,
        processing_time=preset.time,
        processing_time_unit=preset.unit,
        legal_basis=preset.legal_basis,
        steps=[
            (
                "step",
                {
                    "step_type": name,
                    "duration": days,
                    "duration_unit": preset.unit,  # a step counts as the total does
                    "responsible_unit": unit,
                },
            )
            for name, days, unit in preset.steps
        ],
        documents=[
            ("document", {"name": name, "copies": 1}) for name in preset.documents
        ],
        no_documents=not preset.documents,
        fees=[
            ("fee", {"item": item, "amount_thb": amount})
            for item, amount in preset.fees
        ],
        no_fee=not preset.fees,
        owner=user,
        live=publish,
        **overrides,
    )
    page.form_fields = [ServiceFormField(**row) for row in field_rows(preset)]
    index_page.add_child(instance=page)
    save_page(page, publish=publish, user=user)
    if english_index is not None:
        translated = page.copy_for_translation(english_index.locale)
        translated.title = preset.title_en
        translated.save()  # a draft's row, not only its revision, has the title
        labels = {row["clean_name"]: row for row in field_rows(preset, english=True)}
        for form_field in translated.form_fields.all():
            row = labels[form_field.clean_name]
            form_field.label, form_field.choices = row["label"], row["choices"]
            form_field.help_text = row["help_text"]
            form_field.save()
        save_page(translated, publish=publish, user=user)
    return page


def save_page(page, *, publish: bool, user=None) -> None:
    """Save a revision of ``page`` as the admin does, and publish it if asked."""
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
