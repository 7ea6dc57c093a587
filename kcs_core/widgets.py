"""Widgets of the plugin's forms, public and admin.

:class:`ThaiDateWidget` is how a person types a date: the day, the month by its name
and the year of the reader's calendar (Buddhist era in Thai, Gregorian otherwise),
three plain inputs that need no JavaScript. Pair it with
:class:`kcs_core.fields.ThaiDateField`, which reads the year in that calendar and
explains a wrong one (in the Wagtail admin, a
:class:`kcs_core.model_fields.ThaiDateModelField` gets both).
"""

import datetime
from typing import NamedTuple

from django import forms
from django.utils.translation import gettext

from .thai_dates import BE_OFFSET, is_thai, month_name


class DateParts(NamedTuple):
    """What was typed in the three boxes, as text, before it is read as a date."""

    day: str
    month: str
    year: str

    def is_empty(self) -> bool:
        return not any(part.strip() for part in self)


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files."""

    allow_multiple_selected = True


class MonthSelect(forms.Select):
    """The twelve months by name in the active language (Thai names in Thai)."""

    def get_context(self, name, value, attrs):
        self.choices = month_choices()
        return super().get_context(name, value, attrs)


def month_choices() -> list[tuple[str, str]]:
    """``[("", "เลือกเดือน"), ("1", "มกราคม"), …]`` in the active language."""
    return [("", gettext("Choose the month"))] + [
        (str(month), month_name(month)) for month in range(1, 13)
    ]


def reader_year(value: datetime.date) -> int:
    """The year of ``value`` as the reader types it: Buddhist era in Thai."""
    return value.year + BE_OFFSET if is_thai() else value.year


class ThaiDateWidget(forms.MultiWidget):
    """Day, month (a list of names) and year, each with its own visible label,
    inside a group the form labels as a whole (``use_fieldset``). The data keys are
    ``<name>_day``, ``<name>_month`` and ``<name>_year``; a single ``<name>`` holding
    an ISO date (``2026-01-05``, as the JSON API sends it) is read too.

    The value it hands to the field is a :class:`DateParts` (kept as typed, so a
    refused date is shown again as the person wrote it), or the ISO text.
    """

    template_name = "kcs_core/widgets/thai_date.html"

    def __init__(self, attrs=None):
        number = {"inputmode": "numeric", "autocomplete": "off"}
        widgets = {
            "day": forms.TextInput(attrs={**number, "maxlength": 2, "size": 2}),
            "month": MonthSelect(),
            "year": forms.TextInput(attrs={**number, "maxlength": 4, "size": 4}),
        }
        super().__init__(widgets, attrs)

    def part_labels(self) -> list[str]:
        """The visible label of each box, in the active language."""
        year = gettext("Year (Buddhist era)") if is_thai() else gettext("Year")
        return [gettext("Day"), gettext("Month"), year]

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return ["", "", ""]
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(reader_year(value))]
        return ["", "", ""]

    def part_purposes(self, purpose: str) -> list[str]:
        """The ``autocomplete`` of each box, for a date whose purpose is ``purpose``
        (the whole date's, which Django would copy to every box): a date of birth
        offers its day and month, and its year where the year is the Christian
        era's (a browser keeps no Buddhist-era year)."""
        if purpose != "bday":
            return ["off", "off", "off"]
        return ["bday-day", "bday-month", "off" if is_thai() else "bday-year"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        purposes = self.part_purposes(context["widget"]["attrs"].get("autocomplete"))
        for subwidget, label, part, purpose in zip(
            context["widget"]["subwidgets"],
            self.part_labels(),
            ("day", "month", "year"),
            purposes,
            strict=True,
        ):
            subwidget["label"] = label
            subwidget["part"] = part
            subwidget["attrs"]["autocomplete"] = purpose
        return context

    def has_parts(self, data, name) -> bool:
        return any(f"{name}{suffix}" in data for suffix in self.widgets_names)

    def value_from_datadict(self, data, files, name):
        if not self.has_parts(data, name) and name in data:
            return data.get(name)
        parts = super().value_from_datadict(data, files, name)
        return DateParts(*(str(part or "") for part in parts))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def id_for_label(self, id_):
        # A label outside the group (the Wagtail admin's) points at the first box.
        return f"{id_}_0" if id_ else ""
