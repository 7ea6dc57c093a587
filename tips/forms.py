"""The public forms of the tip channel and the handlers' forms.

Every check (captcha, honeypot, minimum fill time, evidence types and sizes) lives
here, so any front end that validates with these forms behaves alike.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kcs_core.captcha import HumanCheckForm
from kcs_core.fields import MultipleFileField, PlainTextField, TextareaField
from kcs_core.sent_once import SentOnceForm
from tips import receipt_codes
from tips.files import ACCEPT, inspect
from tips.models.tips import Category, Status
from tips.uploads import max_file_size, max_files


class EvidenceField(MultipleFileField):
    """Several evidence files, each checked by content and cleaned of metadata;
    cleans to a list of :class:`tips.files.CheckedUpload`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def get_max_files(self) -> int:
        return max_files()

    def check_file(self, upload):
        return inspect(upload)


class EvidenceMixin:
    """Reports uploads the server dropped for being too large."""

    def __init__(self, *args, oversized_upload=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized_upload = oversized_upload

    def clean_evidence(self):
        if self.oversized_upload:
            raise ValidationError(
                gettext(
                    "“%(name)s” was not received: each file may be at most "
                    "%(limit)s, and all the files together %(total)s."
                )
                % {
                    "name": self.oversized_upload,
                    "limit": filesizeformat(max_file_size()),
                    "total": filesizeformat(max_file_size() * max_files()),
                }
            )
        return self.cleaned_data["evidence"]


class TipForm(EvidenceMixin, HumanCheckForm):
    """What happened, who, when, where and evidence; an optional identity section;
    a captcha, a honeypot and a signed start time."""

    category = forms.ChoiceField(
        label=_("What kind of wrongdoing is it?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
    )
    accused = TextareaField(
        label=_("Who is involved? (optional)"),
        help_text=_("Names, positions or units, as far as you know them."),
        required=False,
        max_length=1000,
        rows=3,
    )
    description = TextareaField(
        label=_("What happened?"),
        help_text=_("Describe the events in your own words."),
        max_length=20000,
        rows=8,
    )
    occurred = PlainTextField(
        label=_("When did it happen? (optional)"),
        help_text=_("A date or an approximate time, for example March 2025."),
        required=False,
        max_length=200,
    )
    location = PlainTextField(
        label=_("Where did it happen? (optional)"),
        required=False,
        max_length=500,
    )
    evidence = EvidenceField(
        label=_("Evidence files (optional)"),
        help_text=_(
            "Photos (JPEG, PNG) or PDF documents. Handlers see a copy with the "
            "hidden data removed (camera details, location, author); the original "
            "is opened only when needed, and every opening is recorded."
        ),
    )
    reporter_name = PlainTextField(
        label=_("Your name (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reporter_contact = PlainTextField(
        label=_("Telephone or e-mail (optional)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    started_salt = "tips.form-started"
    min_fill_setting = "KCS_TIPS_MIN_FILL_SECONDS"

    identity_fields = ("reporter_name", "reporter_contact")

    def report_fields(self):
        return [self[name] for name in self.fields if self.is_report_field(name)]

    def identity_section(self):
        return [self[name] for name in self.identity_fields]

    def is_report_field(self, name: str) -> bool:
        return name not in (*self.identity_fields, *self.check_fields)

    def tip_data(self) -> dict:
        """The cleaned answers to store (no captcha, honeypot, timing or files)."""
        return self.answers(leave_out=("evidence",))


class ReceiptForm(forms.Form):
    """The receipt code, typed as the tipster wrote it down."""

    code = forms.CharField(
        label=_("Receipt code"),
        help_text=_("20 letters and digits, for example K7QM-3XZP-9D2A-W4HT-E8RN."),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not receipt_codes.is_well_formed(code):
            raise ValidationError(
                gettext(
                    "A receipt code has 20 letters and digits. Check what you typed."
                )
            )
        return code


class TipsterMessageForm(EvidenceMixin, SentOnceForm):
    """More information or files from the tipster, sent with their receipt code;
    the same form sent twice (a resend after a lost answer) is one message
    (:func:`tips.services.add_tipster_message`)."""

    code = forms.CharField(widget=forms.HiddenInput)
    body = TextareaField(
        label=_("Add information"), required=False, max_length=20000, rows=5
    )
    evidence = EvidenceField(label=_("Add files (optional)"))

    def message(self) -> dict:
        """The valid message as :func:`tips.services.add_tipster_message` takes it."""
        return {name: self.cleaned_data[name] for name in ("body", "evidence", "once")}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("body") and not cleaned.get("evidence") and not self.errors:
            # On the message box, where the tipster looks and a screen reader is led.
            self.add_error("body", gettext("Write a message or attach a file."))
        return cleaned


class HandlerMessageForm(SentOnceForm):
    """A reply to the tipster or an internal note (sent twice, kept once)."""

    body = TextareaField(label=_("Message"), max_length=20000, rows=4)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)


class TipFilterForm(forms.Form):
    """The handlers' list filters."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Status.choices],
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
