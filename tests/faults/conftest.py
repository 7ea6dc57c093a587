"""Fault tests: what the site does when a worker dies, the database restarts or the
disk fills up. Heavy (gunicorn, a PostgreSQL server of their own), so they are marked
``faults`` and run by ``make test-faults`` only."""

import errno
import io
import os
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tests.eservice_forms.conftest import (  # noqa: F401 - fixtures
    private_media,
    service_index,
    water,
)
from tests.json_api import JSONClient
from tests.tips.conftest import (  # noqa: F401 - fixtures
    make_tip,
    tip_page,
    tips_settings,
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)


class Disk:
    """A disk with room for ``room`` more files; then every write fails with
    ENOSPC, as a full disk does."""

    def __init__(self, room: int):
        self.room = room

    def write(self, name: str) -> None:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        self.room -= 1


def on_disk(storage_class: type, disk: Disk):
    """An instance of a subclass of ``storage_class`` that writes to ``disk``."""

    class FillingStorage(storage_class):
        def _save(self, name, content):
            disk.write(name)
            return super()._save(name, content)

    return FillingStorage()


@pytest.fixture
def full_disk(monkeypatch):
    """``full_disk(room)``: from now on the apps' private storages write to a disk
    with room for ``room`` more files."""
    from eservice_forms.models import Attachment, PendingUpload
    from eservice_forms.storage import PrivateStorage
    from tips.models import TipAttachment
    from tips.storage import PrivateTipStorage

    def fill(room: int) -> Disk:
        disk = Disk(room)
        fields = [
            (Attachment._meta.get_field("file"), PrivateStorage),
            (PendingUpload._meta.get_field("file"), PrivateStorage),
            (TipAttachment._meta.get_field("original"), PrivateTipStorage),
            (TipAttachment._meta.get_field("sanitized"), PrivateTipStorage),
        ]
        for field, storage_class in fields:
            monkeypatch.setattr(field, "storage", on_disk(storage_class, disk))
        return disk

    return fill


def jpeg_bytes(colour: str = "red") -> bytes:
    """A small real JPEG photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    """A small real one-page PDF."""
    buffer = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(buffer)
    return buffer.getvalue()


def files_under(root) -> list[Path]:
    """Every file below ``root`` (none when it does not exist)."""
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


@pytest.fixture
def api(client):
    return JSONClient(client)
