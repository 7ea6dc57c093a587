"""Validators for Thai personal data, with Thai error messages.

Use them on model fields, Django form fields or plain values::

    national_id = forms.CharField(validators=[validate_thai_national_id])

Each validator accepts what people type (spaces and dashes between digit groups,
Thai digits, ``+66`` for phone numbers); :func:`normalize_thai_national_id` and
:func:`normalize_thai_phone` return the canonical digits to store.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from stdnum.th import pin

from kcs_core.thai_dates import arabic_digits

_SEPARATORS = re.compile(r"[\s\-.()]")
# Mobile numbers: 10 digits starting 06, 08 or 09; fixed lines: 9 digits, 02–07.
_MOBILE = re.compile(r"0[689]\d{8}")
_FIXED_LINE = re.compile(r"0[2-7]\d{7}")


def normalize_thai_national_id(value: str) -> str:
    """The 13 digits of a national ID typed with or without separators."""
    return _SEPARATORS.sub("", arabic_digits(value or ""))


def validate_thai_national_id(value: str) -> None:
    """A 13-digit Thai national ID (เลขประจำตัวประชาชน) with a correct check digit."""
    digits = normalize_thai_national_id(value)
    if not re.fullmatch(r"\d{13}", digits):
        raise ValidationError(
            _("A national ID number has 13 digits."), code="national_id_length"
        )
    if not pin.is_valid(digits):
        raise ValidationError(
            _("This national ID number is not valid: please check every digit."),
            code="national_id_checksum",
        )


def normalize_thai_phone(value: str) -> str:
    """A Thai phone number as national digits: ``+66 81-234-5678`` → ``0812345678``."""
    digits = _SEPARATORS.sub("", arabic_digits(value or ""))
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) in (10, 11):
        digits = "0" + digits[2:]
    return digits


def validate_thai_phone(value: str) -> None:
    """A Thai mobile (10 digits, 06/08/09…) or fixed-line (9 digits, 02–07…) number."""
    digits = normalize_thai_phone(value)
    if not (_MOBILE.fullmatch(digits) or _FIXED_LINE.fullmatch(digits)):
        raise ValidationError(
            _("Enter a Thai phone number, for example 081 234 5678 or 044 123 456."),
            code="thai_phone",
        )


def validate_thai_phone_or_email(value: str) -> None:
    """A way to reply to someone: an e-mail address (it has ``@``) or a Thai phone
    number, so that a reply is not lost to a typing slip."""
    try:
        if "@" in value:
            validate_email(value.strip())
        else:
            validate_thai_phone(value)
    except ValidationError:
        raise ValidationError(
            _(
                "Enter a Thai phone number, such as 081 234 5678, or an e-mail "
                "address, such as name@example.com."
            ),
            code="phone_or_email",
        ) from None
