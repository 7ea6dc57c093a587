"""Check uploaded files by their content, never by their name.

A file's name and the browser's ``Content-Type`` are chosen by the sender; the first
bytes are not. :class:`FileContentValidator` reads them (with ``puremagic``) and accepts
only the listed types, up to a size limit::

    FileContentValidator(allowed_types=IMAGE_AND_PDF_TYPES, max_size=10 * 1024 * 1024)

It is deconstructible, so it can sit on a model field, and it rewinds the file after
reading so the caller can still store it. Images are also opened (their header only)
and refused when they hold more pixels than ``KCS_MAX_IMAGE_PIXELS`` (50 million) or
cannot be read, before anything decodes them; :func:`rebuild_image` then makes, in
the task worker, the copy that is kept: the pixels alone, without EXIF, GPS, XMP or
comments.
"""

import io
import re
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

import puremagic
from PIL import Image, ImageOps, UnidentifiedImageError

from kcs_core.decoding import bounded

# MIME type → the extension files of that type are stored under.
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
# MIME type → Pillow's name of the format.
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
UNSAFE_IN_NAMES = r'[\\/:*?"<>|.\s\x00-\x1f]+'
DAMAGED_IMAGE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    UnidentifiedImageError,
    Image.DecompressionBombError,
)
PDF_TYPES = {"application/pdf": "pdf"}
IMAGE_AND_PDF_TYPES = {**IMAGE_TYPES, **PDF_TYPES}
# puremagic names some types differently from the IANA registry.
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg"}
_HEADER_BYTES = 8192


def detect_content_type(file) -> str | None:
    """The MIME type the file's first bytes show, or ``None`` when unknown."""
    position = file.tell()
    try:
        file.seek(0)
        header = file.read(_HEADER_BYTES)
    finally:
        file.seek(position)
    if not header:
        return None
    try:
        matches = puremagic.magic_string(header)
    except puremagic.PureError:
        return None
    for match in matches:
        if match.mime_type:
            return _ALIASES.get(match.mime_type, match.mime_type)
    return None


def max_image_pixels() -> int:
    """The most pixels an uploaded image may have (``KCS_MAX_IMAGE_PIXELS``)."""
    return getattr(settings, "KCS_MAX_IMAGE_PIXELS", 50_000_000)


class ImageTooLarge(ValueError):
    """An image with more pixels than :func:`max_image_pixels`."""


def open_bounded(data: bytes, content_type: str) -> Image.Image:
    """The image, its header read and checked (format, pixel count) but its pixels
    not yet decoded."""
    image = Image.open(io.BytesIO(data), formats=[IMAGE_FORMATS[content_type]])
    if image.width * image.height > max_image_pixels():
        raise ImageTooLarge(f"{image.width}x{image.height}")
    return image


def rebuild_image(data: bytes, content_type: str) -> bytes:
    """The image rebuilt from its pixels, upright, with no metadata at all."""
    with open_bounded(data, content_type) as image:
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "RGBA", "L"):
            upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
        clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    image_format = IMAGE_FORMATS[content_type]
    clean.save(out, image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    return out.getvalue()


def kept_copy(file) -> tuple[ContentFile, str]:
    """What is stored of an accepted upload, as it came, and the content type its
    bytes show. The upload has passed :class:`FileContentValidator`; an image is
    rebuilt from its pixels afterwards, by the task worker (:func:`rebuild_stored`),
    so no request decodes one."""
    file.seek(0)
    data = file.read()
    return ContentFile(data), detect_content_type(io.BytesIO(data)) or ""


def needs_rebuild(content_type: str) -> bool:
    return content_type in IMAGE_FORMATS


def rebuild_stored(field, content_type: str) -> int:
    """Replace the stored image in ``field`` with its rebuilt copy (no GPS, camera or
    other metadata), decoded in a bounded child process (:mod:`kcs_core.decoding`);
    the new size. :class:`kcs_core.decoding.DecodingFailed` leaves the file as it
    was."""
    with field.open("rb") as stored:
        data = stored.read()
    clean = bounded(rebuild_image, data, content_type)
    storage, name = field.storage, field.name
    with storage.open(name, "wb") as out:
        out.write(clean)
    return len(clean)


def download_name(original_name: str, content_type: str, types: dict) -> str:
    """A name to save the file under: the original's stem without separators, dots,
    quotes or control characters, and the extension of the type its content shows."""
    stem = re.sub(UNSAFE_IN_NAMES, "_", PurePath(original_name).stem).strip("_")
    return f"{stem[:80] or 'file'}.{types.get(content_type, 'bin')}"


@deconstructible
class FileContentValidator:
    """Accept a file only if its content is one of ``allowed_types`` and it is at most
    ``max_size`` bytes. ``allowed_types`` maps MIME types to extensions."""

    def __init__(self, allowed_types: dict[str, str], max_size: int):
        self.allowed_types = dict(allowed_types)
        self.max_size = max_size

    def __call__(self, file) -> None:
        if file.size > self.max_size:
            raise ValidationError(
                _("The file %(name)s is too large: the limit is %(limit)s."),
                code="file_too_large",
                params={"name": file.name, "limit": filesizeformat(self.max_size)},
            )
        content_type = detect_content_type(file)
        if content_type not in self.allowed_types:
            raise ValidationError(
                _("The file %(name)s is not one of the accepted types (%(types)s)."),
                code="file_type",
                params={
                    "name": file.name,
                    "types": ", ".join(sorted(set(self.allowed_types.values()))),
                },
            )
        if content_type in IMAGE_FORMATS:
            self.check_image(file, content_type)

    def check_image(self, file, content_type: str) -> None:
        """Refuse an image too large to decode safely, or one that is not whole."""
        file.seek(0)
        data = file.read()
        file.seek(0)
        try:
            with open_bounded(data, content_type) as image:
                image.verify()
        except ImageTooLarge as error:
            raise ValidationError(
                _("The image %(name)s has too many pixels: at most %(limit)s million."),
                code="image_too_large",
                params={"name": file.name, "limit": max_image_pixels() // 1_000_000},
            ) from error
        except DAMAGED_IMAGE_ERRORS as error:
            raise ValidationError(
                _("The file %(name)s is damaged and cannot be opened."),
                code="file_damaged",
                params={"name": file.name},
            ) from error

    def __eq__(self, other):
        return (
            isinstance(other, FileContentValidator)
            and self.allowed_types == other.allowed_types
            and self.max_size == other.max_size
        )
