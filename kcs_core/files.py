"""Check uploaded files by their content, never by their name.

A file's name and the browser's ``Content-Type`` are chosen by the sender; the first
bytes are not. :class:`FileContentValidator` reads them (with ``puremagic``) and accepts
only the listed types, up to a size limit::

    FileContentValidator(allowed_types=IMAGE_AND_PDF_TYPES, max_size=10 * 1024 * 1024)

It is deconstructible, so it can sit on a model field, and it rewinds the file after
reading so the caller can still store it.
"""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

import puremagic

# MIME type → the extension files of that type are stored under.
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
PDF_TYPES = {"application/pdf": "pdf"}
IMAGE_AND_PDF_TYPES = {**IMAGE_TYPES, **PDF_TYPES}
# puremagic names some types differently from the IANA registry.
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg"}
_HEADER_BYTES = 8192


def detect_content_type(file) -> str | None:
    """The MIME type the file's first bytes show, or ``None`` when unknown."""
    position = file.tell() if hasattr(file, "tell") else 0
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
        if detect_content_type(file) not in self.allowed_types:
            raise ValidationError(
                _("The file %(name)s is not one of the accepted types (%(types)s)."),
                code="file_type",
                params={
                    "name": file.name,
                    "types": ", ".join(sorted(set(self.allowed_types.values()))),
                },
            )

    def __eq__(self, other):
        return (
            isinstance(other, FileContentValidator)
            and self.allowed_types == other.allowed_types
            and self.max_size == other.max_size
        )
