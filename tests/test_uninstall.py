"""The plugin uninstalls from a bare Wagtail site and leaves it as it was
(``kcs_uninstall``, ``migrate <app> zero``, ``remove_stale_contenttypes``)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_phase(phase: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["BARE_SITE_DB"] = str(tmp_path / "bare.sqlite3")
    env["SNAPSHOT_DIR"] = str(tmp_path)
    env["KCS_PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private-media")
    return subprocess.run(
        [sys.executable, "-m", "tests.bare_site.uninstall_check", phase],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_uninstall_leaves_the_host_as_it_was(tmp_path):
    for phase in ("host", "plugin", "after"):
        result = run_phase(phase, tmp_path)
        assert result.returncode == 0, f"{phase}:\n{result.stdout}{result.stderr}"
        if phase == "plugin":
            plan = result.stdout
    # What the dry run and the real run said they delete, by name.
    assert "Dry run: nothing is deleted." in plan
    assert "ITA (ita_pages.DisclosureSectionPage" in plan
    assert "wagtailcore.Page: 1 (another app's pages, below ours)" in plan
    assert "- Tip handlers" in plan
    assert "localhost: ปลัด" in plan
    assert "eservice_forms: e-service requests" in plan
    assert "wagtailcore.WorkflowState: 1" in plan
    assert "django_tasks_database.DBTaskResult:" in plan
    assert "Deleted the folder" in plan
    assert result.stdout.endswith("0 differences\n")
