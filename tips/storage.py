"""Private storage of tip evidence, outside the public media root."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateTipStorage(FileSystemStorage):
    """Files under ``KCS_PRIVATE_MEDIA_ROOT/tips``: never served by the web server,
    only through the handlers' permission-checked, logged views (no ``url``).

    The location is read from settings on every access, so a host (or a test) can
    change ``KCS_PRIVATE_MEDIA_ROOT`` at any time.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        root = getattr(settings, "KCS_PRIVATE_MEDIA_ROOT", None)
        if root is None:
            root = Path(settings.MEDIA_ROOT).resolve().parent / "private-media"
        return str(Path(root) / "tips")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Tip evidence has no public URL.")


def private_storage() -> PrivateTipStorage:
    """The storage of tip attachments (a callable, so migrations hold no path)."""
    return PrivateTipStorage()
