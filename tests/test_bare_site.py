"""The plugin installs into an existing Wagtail site without kcs_wagtail."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stock_site import readme_block

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.own_sqlite
def test_plugin_migrates_and_serves_a_page_of_each_app_on_a_bare_site(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "tests.bare_site.settings"
    env["BARE_SITE_DB"] = str(tmp_path / "bare.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "tests.bare_site.smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split("\n")[:3] == [
        "/ita/ 200",
        "/services/ 200",
        "/report/ 200",
    ]


def test_apps_never_import_the_host_project():
    for app in ("kcs_core", "ita_pages", "eservice_forms", "tips"):
        for source in (ROOT / app).rglob("*.py"):
            assert "kcs_wagtail" not in source.read_text(encoding="utf-8"), source


def test_the_install_guide_gives_the_readme_host_blocks_word_for_word():
    guide = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    for block in ("settings", "urls"):
        assert readme_block(block) in guide, block
