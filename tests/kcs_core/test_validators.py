"""Thai national ID and phone validators, and the content-based file check."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest
from PIL import Image

from kcs_core.files import (
    IMAGE_AND_PDF_TYPES,
    FileContentValidator,
    detect_content_type,
)
from kcs_core.validators import (
    normalize_thai_national_id,
    normalize_thai_phone,
    validate_thai_national_id,
    validate_thai_phone,
    validate_thai_phone_or_email,
)


def test_a_national_id_with_a_correct_check_digit_passes():
    validate_thai_national_id("1-1017-00230-70-8")
    assert normalize_thai_national_id("1 1017 00230 70 8") == "1101700230708"


def test_thai_digits_are_read_as_the_digits_they_are():
    validate_thai_national_id("๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘")
    assert normalize_thai_national_id("๑๑๐๑๗๐๐๒๓๐๗๐๘") == "1101700230708"
    validate_thai_phone("๐๘๑-๒๓๔-๕๖๗๘")
    assert normalize_thai_phone("๐๘๑ ๒๓๔ ๕๖๗๘") == "0812345678"


@pytest.mark.parametrize("value", ["1101700230706", "1101700230705"])
def test_a_wrong_check_digit_fails_in_thai(value):
    with translation.override("th"), pytest.raises(ValidationError) as error:
        validate_thai_national_id(value)
    assert "ไม่ถูกต้อง" in error.value.messages[0]


def test_a_short_national_id_fails():
    with pytest.raises(ValidationError) as error:
        validate_thai_national_id("12345")
    assert error.value.code == "national_id_length"


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("081-234-5678", "0812345678"),
        ("+66 81 234 5678", "0812345678"),
        ("044 123 456", "044123456"),
        ("02-123-4567", "021234567"),
    ],
)
def test_thai_phone_numbers_pass_and_normalise(typed, digits):
    validate_thai_phone(typed)
    assert normalize_thai_phone(typed) == digits


@pytest.mark.parametrize("value", ["12345", "0112345678", "08123456789", "abc"])
def test_other_numbers_fail_in_thai(value):
    with translation.override("th"), pytest.raises(ValidationError) as error:
        validate_thai_phone(value)
    assert "หมายเลขโทรศัพท์" in error.value.messages[0]


def image_file(name="a.png", kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [("081-234-5678", True), ("somsri@example.com", True), ("0812", False),
     ("somsri@", False), ("ไลน์ somsri", False)],
)  # fmt: skip
def test_a_reply_goes_to_a_thai_phone_number_or_an_e_mail_address(typed, accepted):
    try:
        validate_thai_phone_or_email(typed)
    except ValidationError as error:
        assert not accepted and error.code == "phone_or_email"
    else:
        assert accepted


def test_file_type_comes_from_content_not_name():
    disguised = image_file(name="report.pdf")
    assert detect_content_type(disguised) == "image/png"
    assert disguised.tell() == 0
    program = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 64)
    with pytest.raises(ValidationError) as error:
        FileContentValidator(IMAGE_AND_PDF_TYPES, 1024)(program)
    assert error.value.code == "file_type"


def test_file_size_limit():
    validator = FileContentValidator(IMAGE_AND_PDF_TYPES, 10)
    with pytest.raises(ValidationError) as error:
        validator(image_file())
    assert error.value.code == "file_too_large"
    FileContentValidator(IMAGE_AND_PDF_TYPES, 10_000)(image_file())
