"""The plugin installs into an existing Wagtail site without kcs_wagtail."""

from pathlib import Path

from tests.stock_site import readme_block

ROOT = Path(__file__).resolve().parents[1]


def test_apps_never_import_the_host_project():
    for app in ("kcs_core", "ita_pages", "eservice_forms", "tips"):
        for source in (ROOT / app).rglob("*.py"):
            assert "kcs_wagtail" not in source.read_text(encoding="utf-8"), source


def test_the_install_guide_gives_the_readme_host_blocks_word_for_word():
    guide = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    for block in ("settings", "urls"):
        assert readme_block(block) in guide, block
