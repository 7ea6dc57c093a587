"""Private file storage shared by the apps: files that must never be public (tip
evidence, residents' attachments), under ``KCS_PRIVATE_MEDIA_ROOT``.

The default is ``private-media`` inside the host's ``BASE_DIR`` (or beside
``MEDIA_ROOT`` where the host has no ``BASE_DIR``), never inside what the web server
serves; a system check refuses a root inside ``MEDIA_ROOT`` or ``STATIC_ROOT``.
Files have no URL: staff open them through permission-checked views.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext


class StorageFailed(OSError):
    """Files could not be written (a full disk, a storage outage): nothing was
    stored. Raised by the e-service and tip services; ``str()`` of it is what to tell
    the resident or tipster, in their language."""

    def __str__(self) -> str:
        return gettext(
            "Your files could not be saved because of a problem on our side, so "
            "nothing was sent. Please try again later."
        )


def private_media_root() -> Path:
    """``KCS_PRIVATE_MEDIA_ROOT``, or its default, read at each use (so a test or a
    host can move it)."""
    configured = getattr(settings, "KCS_PRIVATE_MEDIA_ROOT", None)
    if configured:
        return Path(configured)
    base = getattr(settings, "BASE_DIR", None)
    if base:
        return Path(base) / "private-media"
    return Path(settings.MEDIA_ROOT).resolve().parent / "private-media"


class PrivateFileStorage(FileSystemStorage):
    """``FileSystemStorage`` rooted at ``private_media_root() / folder``."""

    folder = "files"

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(private_media_root() / self.folder)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public URL.")


def web_served_roots() -> list[Path]:
    return [
        Path(root).resolve()
        for root in (settings.MEDIA_ROOT, getattr(settings, "STATIC_ROOT", None))
        if root
    ]


@register(Tags.security)
def check_private_media_is_not_served(app_configs, **kwargs):
    root = private_media_root().resolve()
    served = [path for path in web_served_roots() if root.is_relative_to(path)]
    if not served:
        return []
    return [
        Error(
            f"KCS_PRIVATE_MEDIA_ROOT ({root}) is inside {served[0]}, which the web "
            "server serves: tip evidence and residents' files would be public.",
            hint="Point KCS_PRIVATE_MEDIA_ROOT outside MEDIA_ROOT and STATIC_ROOT.",
            id="kcs_core.E003",
        )
    ]
