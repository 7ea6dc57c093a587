"""The reconcile commands on their own: what they report, and ``--dry-run``."""

import os
import time
from io import StringIO

from django.core.management import call_command

import pytest

from tests.faults.conftest import files_under

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("command", "folder"),
    [("eservice_reconcile_files", "eservice"), ("tips_reconcile_files", "tips")],
)
def test_dry_run_reports_the_orphans_and_deletes_nothing(command, folder, settings):
    orphan = settings.KCS_PRIVATE_MEDIA_ROOT / folder / "lost" / "left.bin"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left by a killed worker")
    an_hour_ago = time.time() - 61 * 60
    os.utime(orphan, (an_hour_ago, an_hour_ago))

    out = StringIO()
    call_command(command, "--dry-run", verbosity=2, stdout=out)
    assert "orphan: lost/left.bin" in out.getvalue()
    assert "1 orphan files would be deleted" in out.getvalue()
    assert files_under(settings.KCS_PRIVATE_MEDIA_ROOT) == [orphan]

    call_command(command, stdout=out)
    assert files_under(settings.KCS_PRIVATE_MEDIA_ROOT) == []


def test_a_missing_storage_folder_is_no_error(settings):
    out = StringIO()
    call_command("tips_reconcile_files", stdout=out)
    assert "0 files, 0 referenced; 0 orphan files deleted" in out.getvalue()
