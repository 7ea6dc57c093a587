"""Evidence files: type checked by content, metadata removed from a copy.

Accepted: JPEG and PNG photos, PDF documents. The type comes from the file's bytes,
never from its name or the browser's claim. While the tipster waits, only what is
cheap is checked (:func:`inspect`: size, type, an image's pixel count from its
header, a PDF's page count). The copy handlers open is made afterwards by the
background worker, with bounded memory and time (:func:`clean_copy` through
:mod:`kcs_core.decoding`): images rebuilt from their pixels only (no EXIF, GPS, XMP
or comments), PDFs from pictures of their pages (nothing of the file but what shows).
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kcs_core.files import (
    DAMAGED_IMAGE_ERRORS,
    IMAGE_FORMATS,
    ImageTooLarge,
    detect_content_type,
    max_image_pixels,
    open_bounded,
    rebuild_image,
)
from tips.uploads import max_file_size

# Pages of a PDF are pictured at this resolution for the handler's copy.
PAGE_DPI = 150


class PdfTooLong(ValueError):
    """A PDF with more pages than :func:`max_pdf_pages`."""


# Accepted content type → Pillow format (or "PDF"), read from the bytes by kcs_core.
FORMATS = {
    **{kind: IMAGE_FORMATS[kind] for kind in ("image/jpeg", "image/png")},
    "application/pdf": "PDF",
}
ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"


@dataclass
class CheckedUpload:
    """A checked upload: its name, type and bytes (the clean copy comes later)."""

    name: str
    content_type: str
    original: bytes


def detect(data: bytes) -> tuple[str, str] | None:
    """``(content type, format)`` from the file's first bytes, or None."""
    content_type = detect_content_type(io.BytesIO(data))
    if content_type not in FORMATS:
        return None
    return content_type, FORMATS[content_type]


def max_pdf_pages() -> int:
    """The most pages a PDF of evidence may have (``KCS_TIPS_MAX_PDF_PAGES``)."""
    return getattr(settings, "KCS_TIPS_MAX_PDF_PAGES", 50)


def count_pages(data: bytes) -> int:
    """A PDF's number of pages, read from its structure without drawing any."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ValueError("damaged PDF") from error
    try:
        return len(document)
    finally:
        document.close()


def clean_copy(content_type: str, data: bytes) -> bytes:
    """The copy handlers open: decodes the whole file, so the background worker
    calls it in a bounded child process."""
    if FORMATS[content_type] == "PDF":
        return rebuild_pdf(data)
    return rebuild_image(data, content_type)


def rebuild_pdf(data: bytes) -> bytes:
    """The PDF rebuilt from pictures of its pages, as Dangerzone does: nothing of the
    original remains but what a person sees (no document info, XMP, page metadata,
    annotation authors, embedded files, fonts, scripts or the original ``/ID``;
    embedded photos survive only as pixels)."""
    import img2pdf
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ValueError("damaged PDF") from error
    try:
        if len(document) > max_pdf_pages():
            raise PdfTooLong(len(document))
        pages = [render_page(page) for page in document]
    finally:
        document.close()
    return img2pdf.convert(pages, nodate=True, producer="", creator="")


def render_page(page) -> bytes:
    """One page as a JPEG at PAGE_DPI (less for a page so large its picture would pass
    the pixel limit)."""
    width, height = page.get_size()  # in points, 72 a inch
    scale = PAGE_DPI / 72
    largest = max_image_pixels()
    if width * height * scale * scale > largest:
        scale = (largest / (width * height)) ** 0.5
    picture = page.render(scale=scale).to_pil().convert("RGB")
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def inspect(upload) -> CheckedUpload:
    """Check one uploaded file without decoding it; ValidationError in Thai (through
    gettext) when it is too big, of another type, too long or damaged."""
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
        if file_format != "PDF":
            open_bounded(data, content_type).close()
        elif count_pages(data) > max_pdf_pages():
            raise PdfTooLong
    except PdfTooLong as error:
        raise ValidationError(
            _("“%(name)s” has more than %(limit)s pages.")
            % {"name": name, "limit": max_pdf_pages()}
        ) from error
    except ImageTooLarge as error:
        raise ValidationError(
            _("“%(name)s” has too many pixels: at most %(limit)s million.")
            % {"name": name, "limit": max_image_pixels() // 1_000_000}
        ) from error
    except DAMAGED_IMAGE_ERRORS as error:
        raise ValidationError(
            _("“%(name)s” is damaged and cannot be opened.") % {"name": name}
        ) from error
    return CheckedUpload(name, content_type, data)
