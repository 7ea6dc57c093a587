"""The public forms of the participation pages: a question for the Q&A board, an
opinion for the opinion channel. Each carries the captcha, the honeypot and the fill
time of :class:`~kcs_core.captcha.HumanCheckForm`; the pages and the JSON API
validate with these same forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ita_pages.models.participation import (
    OPINION_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    OpinionTopic,
)
from kcs_core.captcha import HumanCheckForm
from kcs_core.fields import PlainTextField, TextareaField
from kcs_core.validators import validate_thai_phone_or_email


class QuestionForm(HumanCheckForm):
    """A resident's question to the office: the question, an optional e-mail."""

    text = TextareaField(
        label=_("Your question"), max_length=QUESTION_MAX_LENGTH, rows=6
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        help_text=_(
            "Only to tell you when the answer is published. Staff see it; it is "
            "never published."
        ),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class OpinionForm(HumanCheckForm):
    """A resident's opinion of the office's work or its staff, with who they are."""

    topic = forms.ChoiceField(
        label=_("What is your opinion about?"),
        choices=OpinionTopic.choices,
        widget=forms.RadioSelect,
    )
    subject = PlainTextField(
        label=_("Which work, service or member of staff? (optional)"),
        required=False,
        max_length=300,
    )
    text = TextareaField(
        label=_("Your opinion or suggestion"), max_length=OPINION_MAX_LENGTH, rows=8
    )
    name = PlainTextField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = PlainTextField(
        label=_("Your telephone number or e-mail"),
        help_text=_("So that staff can reply to you. Only staff see it."),
        max_length=200,
        validators=[validate_thai_phone_or_email],
    )
