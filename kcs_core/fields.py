"""Form fields of the plugin's forms, public and admin.

:class:`ThaiDateField` takes a date as a Thai person writes it: day, month and the
Buddhist-era year (``5 มกราคม 2569``), or the Gregorian year when the reader's
language is not Thai, and stores the real (Gregorian) date. A year typed in the
other calendar, a day the month does not have and a year out of range are refused
with a message that says what to fix; what was typed is shown again.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .thai_dates import BE_OFFSET, is_thai, month_name
from .widgets import DateParts, MultipleFileInput, ThaiDateWidget, reader_year

#: Default bounds of a typed year (Gregorian). Narrower than 543 years, so that a
#: year in one calendar is never a plausible year in the other.
MIN_YEAR = 1800
MAX_YEAR = 2200
#: An ISO date as the JSON API sends it: year-month-day, in ASCII digits.
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def as_number(text: str) -> int | None:
    """``"05"`` → 5, Thai digits too (``"๒๕๖๙"`` → 2569); None when not a number."""
    text = text.strip()
    if not text or not all(char.isdecimal() for char in text):
        return None
    return int(text)


class ThaiDateField(forms.DateField):
    """A date typed as day, month and year in the reader's calendar (see
    :class:`~kcs_core.widgets.ThaiDateWidget`); an ISO date (``2026-01-05``) is
    read too, whatever the language, as the JSON API sends it.

    ``min_year`` and ``max_year`` (Gregorian) bound the year a person may type.
    """

    widget = ThaiDateWidget
    default_error_messages = {
        "incomplete": _("Enter the day, the month and the year."),
        "not_numbers": _("Write the day and the year in numbers."),
        "no_such_day": _("%(month)s %(year)s has no day %(day)s: check the day."),
        "buddhist_year": _(
            "The year must be a Buddhist-era year, for example %(example)s."
        ),
        "gregorian_year": _(
            "The year must be a Christian-era (A.D.) year, for example %(example)s."
        ),
        "year_range": _("Enter a year from %(first)s to %(last)s."),
        "invalid": _("This is not a date: check the day, the month and the year."),
        "not_iso": _(
            "Write the date as year-month-day, the year Christian-era (A.D.), for "
            "example %(example)s."
        ),
        "iso_year_range": _(
            "The date's year must be from %(first)s to %(last)s, Christian-era (A.D.)."
        ),
    }

    def __init__(self, *, min_year: int = MIN_YEAR, max_year: int = MAX_YEAR, **kwargs):
        self.min_year = min_year
        self.max_year = max_year
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, DateParts):
            return None if value.is_empty() else self.date_from_parts(value)
        if isinstance(value, str) and value.strip():
            return self.date_from_iso(value.strip())
        return super().to_python(value)

    def date_from_iso(self, text: str) -> datetime.date:
        """The date an ISO text (``2026-01-05``) names, refused with the message
        the three boxes would get for the same date (its year Gregorian whatever
        the language)."""
        numbers = ISO_DATE.fullmatch(text)
        if numbers is None:
            raise ValidationError(
                self.error_messages["not_iso"],
                code="not_iso",
                params={"example": timezone.localdate().isoformat()},
            )
        year, month, day = map(int, numbers.groups())
        if not 1 <= month <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if not self.min_year <= year <= self.max_year:
            self.refuse_iso_year(year)
        return self.existing_date(
            year, month, day, year + BE_OFFSET if is_thai() else year
        )

    def date_from_parts(self, parts: DateParts) -> datetime.date:
        """The date ``parts`` name, the year read in the reader's calendar."""
        day, month, year = (as_number(part) for part in parts)
        if not all(part.strip() for part in parts):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        if day is None or year is None:
            raise ValidationError(
                self.error_messages["not_numbers"], code="not_numbers"
            )
        if month is None or not 1 <= month <= 12:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        gregorian = year - BE_OFFSET if is_thai() else year
        self.check_year(gregorian, year)
        return self.existing_date(gregorian, month, day, year)

    def existing_date(self, year: int, month: int, day: int, shown_year: int):
        """The date, or the refusal of a day the month does not have, which names
        the year as the reader writes it (``shown_year``)."""
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(
                self.error_messages["no_such_day"],
                code="no_such_day",
                params={"day": day, "month": month_name(month), "year": shown_year},
            ) from None

    def check_year(self, gregorian: int, typed: int) -> None:
        """Refuse a year out of range; name the calendar when the year typed is
        plausible in the other one (``2026`` on a Thai form)."""
        if self.min_year <= gregorian <= self.max_year:
            return
        example = reader_year(timezone.localdate())
        if is_thai() and self.min_year <= typed <= self.max_year:
            raise ValidationError(
                self.error_messages["buddhist_year"],
                code="buddhist_year",
                params={"example": example},
            )
        if not is_thai() and self.min_year <= typed - BE_OFFSET <= self.max_year:
            raise ValidationError(
                self.error_messages["gregorian_year"],
                code="gregorian_year",
                params={"example": example},
            )
        offset = BE_OFFSET if is_thai() else 0
        raise ValidationError(
            self.error_messages["year_range"],
            code="year_range",
            params={"first": self.min_year + offset, "last": self.max_year + offset},
        )

    def refuse_iso_year(self, year: int) -> None:
        """Refuse an ISO date's year out of range, saying so when it is a
        Buddhist-era year (``2569-01-05``): an ISO year is Gregorian whatever the
        language."""
        if self.min_year <= year - BE_OFFSET <= self.max_year:
            raise ValidationError(
                self.error_messages["gregorian_year"],
                code="gregorian_year",
                params={"example": timezone.localdate().year},
            )
        raise ValidationError(
            self.error_messages["iso_year_range"],
            code="iso_year_range",
            params={"first": self.min_year, "last": self.max_year},
        )


class MultipleFileField(forms.FileField):
    """Several files in one input, at most :meth:`get_max_files`, each checked by
    :meth:`check_file`; cleans to the list of what it returns. An e-service's file
    question and the tip form's evidence are this field."""

    widget = MultipleFileInput

    def __init__(self, *, max_files: int | None = None, **kwargs):
        self.max_files = max_files
        super().__init__(**kwargs)

    def get_max_files(self) -> int:
        """How many files one answer may hold (read when the form is cleaned)."""
        return self.max_files

    def check_file(self, upload):
        """One file, checked (``ValidationError`` if it is refused); what the field
        keeps of it. Override to check its content."""
        return upload

    def clean(self, data, initial=None):
        uploads = (
            [item for item in (data or []) if item]
            if isinstance(data, list | tuple)
            else ([data] if data else [])
        )
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        most = self.get_max_files()
        if len(uploads) > most:
            raise ValidationError(
                _("Attach at most %(count)d files."),
                code="too_many_files",
                params={"count": most},
            )
        kept, errors = [], []
        for upload in uploads:
            super().clean(upload)
            try:
                kept.append(self.check_file(upload))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return kept


#: Characters no answer needs and that hide or reorder what staff read: control
#: characters other than tab and line breaks (a terminal's escapes), and the marks
#: that embed, override or isolate a writing direction (U+202E shows ``fdp.exe``
#: as ``exe.pdf``). Thai and English never need them; zero-width spaces and joiners,
#: which Thai text and emoji use, are kept.
UNSEEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


class PlainTextField(forms.CharField):
    """A text answer of the public forms, without :data:`UNSEEN_CHARACTERS`."""

    def to_python(self, value):
        value = super().to_python(value)
        if not isinstance(value, str):
            return value
        value = UNSEEN_CHARACTERS.sub("", value)
        return value.strip() if self.strip else value


class TextareaField(PlainTextField):
    """Text of several lines (a question, a description, a message), typed in a
    textarea ``rows`` lines high."""

    def __init__(self, *, rows: int, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value):
        """Each line break one character, as the browser counted it against
        ``maxlength`` (it sends each as CR LF): text that fitted in the box is
        never refused as too long."""
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value
