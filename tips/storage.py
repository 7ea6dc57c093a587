"""Private storage of tip evidence, outside the public media root."""

from kcs_core.storage import PrivateFileStorage


class PrivateTipStorage(PrivateFileStorage):
    """Files under ``KCS_PRIVATE_MEDIA_ROOT/tips``: never served by the web server,
    only through the handlers' permission-checked, logged views (no ``url``)."""

    folder = "tips"


def private_storage() -> PrivateTipStorage:
    """The storage of tip attachments (a callable, so migrations hold no path)."""
    return PrivateTipStorage()
