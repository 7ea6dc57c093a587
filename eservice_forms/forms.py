"""Forms: the form builder's extra field types, and the staff and tracking forms."""

import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from kcs_core.editor_changes import EditorChangesMixin
from kcs_core.fields import (
    MultipleFileField,
    PlainTextField,
    TextareaField,
    ThaiDateField,
)
from kcs_core.files import IMAGE_AND_PDF_TYPES, FileContentValidator
from kcs_core.forms import RouteSafeSlugMixin
from kcs_core.sent_once import SentOnceForm
from kcs_core.thai_dates import arabic_digits, fiscal_year
from kcs_core.validators import (
    normalize_thai_national_id,
    normalize_thai_phone,
    validate_thai_national_id,
    validate_thai_phone,
)

from .request_statuses import STATUS_LABELS
from .services import format_reference, typed_reference
from .structures import STRUCTURES, Structure


def max_upload_size() -> int:
    """Largest attachment accepted, in bytes (``KCS_ESERVICE_MAX_UPLOAD_SIZE``)."""
    return getattr(settings, "KCS_ESERVICE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def max_files_per_field() -> int:
    """How many files one file field takes (``KCS_ESERVICE_MAX_FILES``)."""
    return getattr(settings, "KCS_ESERVICE_MAX_FILES", 5)


def split_choices(text: str) -> list[tuple[str, str]]:
    """Editor-written choices, one a line, as ``key|label`` (or just ``label``).

    The key is what is stored, so relabelling or translating a choice keeps the data
    together; a line without ``|`` is its own key.
    """
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(lines) == 1 and "|" not in lines[0]:
        lines = [part.strip() for part in lines[0].split(",") if part.strip()]
    choices = []
    for line in lines:
        key, _sep, label = line.partition("|")
        choices.append((key.strip(), (label or key).strip()))
    return choices


class WrittenOneWayField(forms.CharField):
    """A one-line answer stored the one way :meth:`normalize` writes it, whatever
    way it was typed; ``max_length`` by default and the input's ``input_attrs``
    (keyboard, autofill) set per subclass."""

    default_max_length = 200
    input_attrs: dict = {}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", self.default_max_length)
        super().__init__(**kwargs)
        self.widget.attrs.update(self.input_attrs)

    def clean(self, value):
        value = super().clean(value)
        return self.normalize(value) if value else value

    def normalize(self, value: str) -> str:
        """The stored form of an accepted answer; may raise ValidationError."""
        return value


class ThaiNationalIdField(WrittenOneWayField):
    """13 digits with a valid check digit; stored without separators."""

    default_validators = [validate_thai_national_id]
    default_max_length = 17
    input_attrs = {"inputmode": "numeric", "autocomplete": "off"}

    def normalize(self, value: str) -> str:
        return normalize_thai_national_id(value)


class ThaiPhoneField(WrittenOneWayField):
    """A Thai mobile or fixed-line number; stored as its national digits."""

    default_validators = [validate_thai_phone]
    default_max_length = 20
    input_attrs = {"inputmode": "tel", "autocomplete": "tel"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The widget's own type: an attribute would write a second type="" after
        # type="text", which browsers ignore.
        self.widget.input_type = "tel"

    def normalize(self, value: str) -> str:
        return normalize_thai_phone(value)


#: The numbers in a typed position: ``13.7563, 100.5018``, or a map link's
#: ``@13.75,100.50``. A minus sign counts only where a number starts (``-33.86,
#: 151.21``); between two numbers (``14.97-102.10``) a hyphen separates them.
DEGREES = re.compile(r"(?<![\d.])[-+]?\d+(?:\.\d+)?")


class MapPositionInput(forms.TextInput):
    """A box for ``latitude, longitude``, and a button that fills it with the
    phone's position where the browser can tell it (``eservice_forms/map_position.js``:
    shown only with JavaScript; without it, the position is typed or pasted)."""

    template_name = "eservice_forms/widgets/map_position.html"

    class Media:
        js = ["eservice_forms/map_position.js"]


class MapPositionField(WrittenOneWayField):
    """A position on the map (the preset's ``geo`` pin): latitude and longitude in
    decimal degrees, typed with Thai digits too, stored as ``13.756300, 100.501800``."""

    widget = MapPositionInput
    default_error_messages = {
        "invalid": _(
            "Write the position as latitude, then longitude, in degrees, for example "
            "14.9707, 102.1020."
        ),
        "range": _(
            "The latitude must be between -90 and 90 and the longitude between -180 "
            "and 180, for example 14.9707, 102.1020."
        ),
    }

    input_attrs = {"autocomplete": "off", "spellcheck": "false"}

    def normalize(self, text: str) -> str:
        """``text`` as ``latitude, longitude`` with six decimals (about 10 cm)."""
        numbers = DEGREES.findall(arabic_digits(text))
        if len(numbers) != 2:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        latitude, longitude = (float(number) for number in numbers)
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValidationError(self.error_messages["range"], code="range")
        return f"{latitude:.6f}, {longitude:.6f}"


class ServiceFilesField(MultipleFileField):
    """A service's file question: photos and PDFs, each checked by content and
    size."""

    def __init__(self, *, allowed_types=None, max_files=None, **kwargs):
        self.content_validator = FileContentValidator(
            allowed_types or IMAGE_AND_PDF_TYPES, max_upload_size()
        )
        super().__init__(max_files=max_files or max_files_per_field(), **kwargs)
        self.widget.attrs["accept"] = ",".join(self.content_validator.allowed_types)

    def check_file(self, upload):
        self.content_validator(upload)
        return upload


WHOLE_NUMBER_MESSAGE = _(
    "Enter a whole number, without a decimal point, for example 3."
)


class WholeNumberField(forms.IntegerField):
    """A count (people, trips, copies, days): a whole number, ``step=1`` in the
    browser and a plain message for ``2.5``."""

    default_error_messages = {"invalid": WHOLE_NUMBER_MESSAGE}

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.NumberInput):
            attrs.setdefault("step", "1")
            attrs.setdefault("inputmode", "numeric")
        return attrs


def column_field(column) -> forms.Field:
    """The form field of one cell of a row table: a whole number for a count,
    a decimal for a measure, text otherwise."""
    if column.whole:
        return WholeNumberField(required=False, min_value=0)
    if column.numeric:
        return forms.DecimalField(required=False, min_value=0)
    return PlainTextField(required=False, max_length=SHORT_ANSWER_MAX_LENGTH)


def column_widget(column) -> forms.Widget:
    """The input of one cell: a number box (``step=1`` for a count) or a text box."""
    if column.whole:
        return forms.NumberInput(attrs={"min": 0, "step": 1, "inputmode": "numeric"})
    if column.numeric:
        return forms.NumberInput(attrs={"min": 0, "step": "any"})
    return forms.TextInput()


class DateRangeValidator:
    """Refuse a mistyped year (before 1900 or more than 20 years ahead) and, for a
    date the resident asks for (a delivery, a loan), a day before the filing day.

    :meth:`earliest` and :meth:`latest` are the range accepted today, which the JSON
    form description gives a front end.
    """

    def __init__(self, *, not_before_filing_day: bool = False):
        self.not_before_filing_day = not_before_filing_day

    def earliest(self) -> datetime.date:
        return timezone.localdate() if self.not_before_filing_day else EARLIEST_DATE

    def latest(self) -> datetime.date:
        return latest_date()

    def __call__(self, value):
        if not EARLIEST_DATE <= value <= self.latest():
            raise ValidationError(
                _("Check the year: this date is too far in the past or the future."),
                code="date_out_of_range",
            )
        if value < self.earliest():
            raise ValidationError(
                _("Choose today or a later day."), code="date_before_filing"
            )


class RowsWidget(forms.MultiWidget):
    """A table of text inputs, ``rows`` × the structure's columns."""

    template_name = "eservice_forms/widgets/rows.html"

    def __init__(self, structure: Structure, attrs=None):
        self.structure = structure
        #: The cells :class:`RowsField` refused: only they are marked invalid.
        self.invalid_cells: set[int] = set()
        widgets = [
            column_widget(column)
            for _row in range(structure.rows)
            for column in structure.columns
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        values = []
        for index in range(self.structure.rows):
            row = value[index] if value and index < len(value) else {}
            values.extend(row.get(column.key, "") for column in self.structure.columns)
        return values

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        width = len(self.structure.columns)
        subwidgets = context["widget"]["subwidgets"]
        for index, subwidget in enumerate(subwidgets):
            column = self.structure.columns[index % width]
            subwidget["attrs"]["aria-label"] = f"{column.label} {index // width + 1}"
            if self.invalid_cells and index not in self.invalid_cells:
                subwidget["attrs"].pop("aria-invalid", None)
        context["structure"] = self.structure
        context["rows"] = [
            subwidgets[start : start + width]
            for start in range(0, len(subwidgets), width)
        ]
        return context


class RowsField(forms.MultiValueField):
    """A repeated list of items (see :mod:`eservice_forms.structures`): the answer is a
    list of the filled rows; a required field needs at least one row. Each refusal
    names its row and column, and only the cells refused are marked invalid."""

    def __init__(self, structure: Structure, **kwargs):
        self.structure = structure
        fields = [
            column_field(column)
            for _row in range(structure.rows)
            for column in structure.columns
        ]
        kwargs.pop("initial", None)
        super().__init__(
            fields, require_all_fields=False, widget=RowsWidget(structure), **kwargs
        )

    def place(self, index: int) -> dict:
        """The row and column of cell ``index``, for a message about it; the cell
        is marked invalid."""
        self.widget.invalid_cells.add(index)
        row, column = divmod(index, len(self.structure.columns))
        return {"row": row + 1, "column": self.structure.columns[column].label}

    def is_valid_cell(self, index: int) -> bool:
        return index not in self.widget.invalid_cells

    def compress(self, data_list):
        width = len(self.structure.columns)
        rows, errors = [], []
        for start in range(0, len(data_list or []), width):
            cells = data_list[start : start + width]
            if all(cell in (None, "") for cell in cells):
                continue
            row = {}
            for offset, (column, cell) in enumerate(
                zip(self.structure.columns, cells, strict=True)
            ):
                index = start + offset
                if cell in (None, "") and column.required and self.is_valid_cell(index):
                    errors.append(
                        ValidationError(
                            _("Row %(row)d: fill in “%(column)s”."),
                            params=self.place(index),
                        )
                    )
                row[column.key] = (
                    format(cell.normalize(), "f")
                    if hasattr(cell, "normalize")
                    else str(cell)
                    if isinstance(cell, int)
                    else cell or ""
                )
            rows.append(row)
        if errors:
            raise ValidationError(errors)
        return rows

    def clean(self, value):
        """Clean each cell (a refused one named by row and column), then the rows;
        a required table needs one row filled."""
        self.widget.invalid_cells = set()
        if value and not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        value, cells, errors = value or [], [], []
        for index, field in enumerate(self.fields):
            try:
                cells.append(field.clean(value[index] if index < len(value) else None))
            except ValidationError as refused:
                cells.append(None)
                errors += [
                    ValidationError(
                        _("Row %(row)d, “%(column)s”: %(error)s"),
                        params={**self.place(index), "error": message},
                    )
                    for message in refused.messages
                ]
        try:
            rows = self.compress(cells)
        except ValidationError as missing:
            errors += missing.error_list
        if errors:
            raise ValidationError(errors)
        if self.required and not rows:
            raise ValidationError(self.error_messages["required"], code="required")
        return rows


# Bounds of what a resident may type: long answers, numbers and dates. The HTML form
# and the JSON API build the same form, so both refuse the same input.
LONG_ANSWER_MAX_LENGTH = 5000
SHORT_ANSWER_MAX_LENGTH = 255  # Wagtail's form builder's own
#: The most characters of each text field type (a fewest number applies to these).
TEXT_MAX_LENGTHS = {
    "singleline": SHORT_ANSWER_MAX_LENGTH,
    "multiline": LONG_ANSWER_MAX_LENGTH,
}
NUMBER_LIMIT = 10**9
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE_YEARS_AHEAD = 20


def latest_date() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + LATEST_DATE_YEARS_AHEAD)


#: The loan preset's first day and return date (``services`` reads the return date
#: as the request's return due).
LOAN_DATES = ("borrow_from", "borrow_until")
#: The building permit preset's kind of applicant, and the number each kind gives.
APPLICANT_TYPE = "applicant_type"
APPLICANT_NUMBERS = {
    "person": (
        "national_id",
        _("Type the national ID number: the applicant is a natural person."),
    ),
    "juristic": (
        "juristic_reg_no",
        _("Type the registration number: the applicant is a juristic person."),
    ),
}


class ServiceForm(BaseForm):
    """A service's public form (the form builder's fields), with the rules between
    answers of the presets' fields, by their keys."""

    def clean(self):
        cleaned_data = super().clean()
        self.check_loan_dates(cleaned_data)
        self.check_applicant_number(cleaned_data)
        return cleaned_data

    def check_loan_dates(self, cleaned_data) -> None:
        """A loan is returned no earlier than it starts."""
        start, end = (cleaned_data.get(key) for key in LOAN_DATES)
        if start and end and end < start:
            self.add_error(
                LOAN_DATES[1],
                _("The return date cannot be before the first day of the loan."),
            )

    def check_applicant_number(self, cleaned_data) -> None:
        """An applicant gives the number of their kind: a natural person their
        national ID, a juristic person its registration number."""
        rule = APPLICANT_NUMBERS.get(cleaned_data.get(APPLICANT_TYPE))
        if rule is None:
            return
        key, message = rule
        if key in self.fields and not cleaned_data.get(key) and key not in self.errors:
            self.add_error(key, message)


#: What a question may ask of the resident's own details: the HTML ``autocomplete``
#: purpose (WCAG 1.3.5), so that a browser offers what the resident saved.
OWN_DETAIL_CHOICES = [
    ("name", _("full name")),
    ("honorific-prefix", _("title (นาย, นาง, นางสาว)")),
    ("given-name", _("first name")),
    ("family-name", _("last name")),
    ("bday", _("date of birth")),
    ("email", _("e-mail")),
    ("tel", _("phone number")),
    ("address-line1", _("house number")),
    ("address-line2", _("village number (moo)")),
    ("address-line3", _("village name")),
    ("address-level3", _("sub-district")),
    ("address-level2", _("district")),
    ("address-level1", _("province")),
    ("postal-code", _("postcode")),
]


class EServiceFormBuilder(FormBuilder):
    """Wagtail's form builder plus whole numbers, Thai ID, Thai phone, files and
    row tables, with
    a length limit on long answers and ranges on numbers and dates.

    Choices are written ``key|label`` (see :func:`split_choices`).
    """

    @property
    def formfields(self):
        """Wagtail's fields, each asking for a detail of the resident's own marked
        with its purpose (``autocomplete``, from the question's ``own_detail``)."""
        formfields = super().formfields
        for question in self.fields:
            purpose = getattr(question, "own_detail", "")
            key = question.clean_name or question.get_field_clean_name()
            if purpose and key in formfields:
                formfields[key].widget.attrs["autocomplete"] = purpose
        return formfields

    def create_singleline_field(self, field, options):
        """Wagtail's one-line box of 255 characters at most, from the field's
        fewest, without unseen characters (:class:`~kcs_core.fields.PlainTextField`)."""
        return PlainTextField(
            min_length=field.min_length, max_length=SHORT_ANSWER_MAX_LENGTH, **options
        )

    def create_multiline_field(self, field, options):
        """Wagtail's ten-line box, its line breaks counted as the browser counts
        them (:class:`~kcs_core.fields.TextareaField`), from the field's fewest
        characters up to 5,000."""
        return TextareaField(
            rows=10,
            min_length=field.min_length,
            max_length=LONG_ANSWER_MAX_LENGTH,
            **options,
        )

    def create_number_field(self, field, options):
        options.update(min_value=-NUMBER_LIMIT, max_value=NUMBER_LIMIT)
        return super().create_number_field(field, options)

    def create_integer_field(self, field, options):
        """A whole number (household members, trips, copies, days, an age): a
        count, from the field's smallest number accepted (0 when it names none) to
        its largest (a billion when it names none)."""
        options.update(
            min_value=field.min_value or 0,
            max_value=NUMBER_LIMIT if field.max_value is None else field.max_value,
        )
        return WholeNumberField(**options)

    def get_form_class(self):
        return type("WagtailForm", (ServiceForm,), self.formfields)

    def get_formatted_field_choices(self, field):
        return split_choices(field.choices)

    def get_formatted_field_initial(self, field):
        return [key for key, _label in split_choices(field.default_value)]

    def create_thai_id_field(self, field, options):
        return ThaiNationalIdField(**options)

    def create_phone_field(self, field, options):
        return ThaiPhoneField(**options)

    def create_geo_field(self, field, options):
        return MapPositionField(**options)

    def create_files_field(self, field, options):
        options.pop("initial", None)
        return ServiceFilesField(**options)

    def create_date_field(self, field, options):
        """Day, month and year in the resident's calendar (Buddhist era in Thai),
        or an ISO date from the JSON API; years from 1900 to 20 years ahead."""
        # "today" as the default value means the day the form is filled in.
        if field.default_value.strip().lower() == "today":
            options["initial"] = timezone.localdate
        date_field = ThaiDateField(
            min_year=EARLIEST_DATE.year, max_year=latest_date().year, **options
        )
        date_field.validators.append(
            DateRangeValidator(not_before_filing_day=field.not_before_filing_day)
        )
        return date_field

    def create_loan_items_field(self, field, options):
        return RowsField(STRUCTURES["loan_items"], **options)

    def create_buildings_field(self, field, options):
        return RowsField(STRUCTURES["buildings"], **options)


class ServicePageForm(EditorChangesMixin, RouteSafeSlugMixin, WagtailAdminFormPageForm):
    """The admin form of a service: the form builder's checks, no slug the service
    index answers itself (``track``), and changes as the editor made them."""


class StatusChangeForm(SentOnceForm):
    """Staff move a request on; the message is shown to the resident. Sent twice,
    it moves the request once."""

    status = forms.ChoiceField(label=_("New status"))
    message = TextareaField(
        label=_("Message to the applicant"),
        help_text=_(
            "Needed to refuse (the reasons), to ask for documents (which ones) and "
            "to cancel (why)."
        ),
        required=False,
        max_length=LONG_ANSWER_MAX_LENGTH,
        rows=3,
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status, STATUS_LABELS[status]) for status in statuses
        ]


class AssignForm(SentOnceForm):
    """Staff hand the request to a division; sent twice, assigned once."""

    division = forms.CharField(label=_("Division"), max_length=255)


class NoteForm(SentOnceForm):
    """An internal note: never shown to the applicant; sent twice, kept once."""

    note = TextareaField(
        label=_("Internal note"), max_length=LONG_ANSWER_MAX_LENGTH, rows=3
    )


class ReturnForm(forms.Form):
    """The borrowed items came back."""

    returned_on = ThaiDateField(label=_("Returned on"))


class TrackingForm(forms.Form):
    """What a resident types to see where their request stands."""

    reference = forms.CharField(
        label=_("Reference number"),
        max_length=32,
    )
    secret = forms.CharField(
        label=_("Tracking code"),
        max_length=64,
        help_text=_("The code shown once when you filed the request"),
        # Not echoed back after a failed attempt, like a password.
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].help_text = _("For example %(reference)s") % {
            "reference": self.example_reference()
        }

    def example_reference(self) -> str:
        """A made-up reference number of the current fiscal year."""
        return format_reference(fiscal_year(timezone.localdate()), 123)

    def clean_reference(self):
        return typed_reference(self.cleaned_data["reference"])

    def clean_secret(self):
        return self.cleaned_data["secret"].strip()


class SatisfactionForm(forms.Form):
    """The short survey offered when a request is done or rejected."""

    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"),
        coerce=int,
        choices=[
            (5, _("5 – very satisfied")),
            (4, _("4 – satisfied")),
            (3, _("3 – neutral")),
            (2, _("2 – dissatisfied")),
            (1, _("1 – very dissatisfied")),
        ],
        widget=forms.RadioSelect,
    )
    comment = TextareaField(
        label=_("Suggestions (optional)"), required=False, max_length=1000, rows=3
    )
