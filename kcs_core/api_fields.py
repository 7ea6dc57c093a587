"""Shapes the apps' pages share in the Wagtail API (``docs/api.md``).

- A date the pages show in the Buddhist era is given twice: as ISO (``"2021-11-09"``)
  and beside it, under ``<name>_be``, as the page shows it:
  ``{"year": 2564, "text": "9 พฤศจิกายน 2564"}`` (the text in the request's language).
- A document chosen in a StreamField block is an object with its address, not only an
  id: ``{"id", "title", "url", "file_extension", "file_size"}``.
- A code chosen from a list (a field's or a block's choices) has its label beside it,
  under ``<name>_label``.
"""

import datetime

from wagtail import blocks
from wagtail.api import APIField

from rest_framework import serializers

from .thai_dates import be_year, format_date


def be_date(value: datetime.date | None) -> dict | None:
    """``{"year": 2564, "text": "9 พฤศจิกายน 2564"}`` for a date, None for none."""
    if not value:
        return None
    return {"year": be_year(value), "text": format_date(value, style="long")}


class BuddhistEraDateField(serializers.Field):
    """A model's date as :func:`be_date` gives it."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return be_date(value)


def date_api_fields(name: str) -> list[APIField]:
    """A date field's two API fields: ``name`` (ISO) and ``name_be``."""
    return [
        APIField(name),
        APIField(f"{name}_be", serializer=BuddhistEraDateField(source=name)),
    ]


def document_json(document, context=None) -> dict | None:
    """A Wagtail document as a front end needs it to link it."""
    if document is None:
        return None
    request = (context or {}).get("request")
    url = document.url
    return {
        "id": document.pk,
        "title": document.title,
        "url": request.build_absolute_uri(url) if request else url,
        "file_extension": document.file_extension,
        "file_size": document.get_file_size(),
    }


class ChoiceLabelsInAPI:
    """StructBlock mixin: in the API, each chosen code of a ``ChoiceBlock`` child has
    its label beside it (``"duration_unit": "working_days", "duration_unit_label":
    "วันทำการ"``), so a front end needs no copy of the choices."""

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        for name, child in self.child_blocks.items():
            if isinstance(child, blocks.ChoiceBlock):
                labels = dict(child.field.choices)
                data[f"{name}_label"] = labels.get(value.get(name), "")
        return data
