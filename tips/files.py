"""Evidence files: type checked by content, metadata removed from a copy.

Accepted: JPEG and PNG photos, PDF documents. The type comes from the file's bytes
(its signature, then a full parse), never from its name or the browser's claim. The
copy handlers open is rebuilt without metadata: images from their pixels only (no
EXIF, GPS, XMP or comments), PDFs without document info or XMP.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kcs_core.files import (
    DAMAGED_IMAGE_ERRORS,
    ImageTooLarge,
    detect_content_type,
    max_image_pixels,
    rebuild_image,
)
from tips.uploads import max_file_size

# Accepted content type → Pillow format (or "PDF"), read from the bytes by kcs_core.
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "application/pdf": "PDF"}
ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"


@dataclass
class Evidence:
    """A checked upload: its name, type and both versions of its bytes."""

    name: str
    content_type: str
    original: bytes
    sanitized: bytes


def detect(data: bytes) -> tuple[str, str] | None:
    """``(content type, format)`` from the file's first bytes, or None."""
    content_type = detect_content_type(io.BytesIO(data))
    if content_type not in FORMATS:
        return None
    return content_type, FORMATS[content_type]


def strip_pdf(data: bytes) -> bytes:
    """The PDF without its document information dictionary and XMP metadata."""
    import pikepdf  # on first use only: importing it writes a log line

    out = io.BytesIO()
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer.Info
            if "/Metadata" in pdf.Root:
                del pdf.Root.Metadata
            pdf.save(out, fix_metadata_version=False)
    except pikepdf.PdfError as error:
        raise ValueError("damaged PDF") from error
    return out.getvalue()


def inspect(upload) -> Evidence:
    """Check one uploaded file and make its clean copy; ValidationError in Thai
    (through gettext) when it is too big, of another type, or damaged."""
    name = upload.name or "file"
    if upload.size > max_file_size():
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(max_file_size())}
        )
    data = upload.read()
    kind = detect(data)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a JPEG or PNG photo or a PDF document.")
            % {"name": name}
        )
    content_type, file_format = kind
    try:
        if file_format == "PDF":
            sanitized = strip_pdf(data)
        else:
            sanitized = rebuild_image(data, content_type)
    except ImageTooLarge as error:
        raise ValidationError(
            _("“%(name)s” has too many pixels: at most %(limit)s million.")
            % {"name": name, "limit": max_image_pixels() // 1_000_000}
        ) from error
    except DAMAGED_IMAGE_ERRORS as error:
        raise ValidationError(
            _("“%(name)s” is damaged and cannot be opened.") % {"name": name}
        ) from error
    return Evidence(name, content_type, data, sanitized)
