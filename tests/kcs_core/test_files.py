"""Checking uploaded files by their content (kcs_core.files)."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest

from kcs_core.files import (
    IMAGE_AND_PDF_TYPES,
    FileContentValidator,
    detect_content_type,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_the_type_is_read_from_the_start_and_the_file_left_where_it_was():
    file = io.BytesIO(PNG_SIGNATURE + b"\0" * 64)
    file.seek(10)
    assert detect_content_type(file) == "image/png"
    assert file.tell() == 10


def test_a_damaged_image_is_refused_with_its_name_in_thai():
    broken = SimpleUploadedFile("broken.png", PNG_SIGNATURE + b"xx", "image/png")
    validate = FileContentValidator(IMAGE_AND_PDF_TYPES, max_size=1024)
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        validate(broken)
    assert refused.value.code == "file_damaged"
    assert refused.value.messages == ["ไฟล์ broken.png เสียหาย เปิดไม่ได้"]
