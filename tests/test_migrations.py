"""The plugin's migrations run on both supported Wagtail releases (7.4 LTS and 8.x).

Wagtail 8's makemigrations writes ``settings.WAGTAIL_PAGE_MODEL`` (a setting 7.4 lacks)
and depends on Wagtail 8's newest migration; both break a 7.4 site.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("kcs_core", "ita_pages", "eservice_forms", "tips", "kcs_wagtail/home")
# The newest wagtailcore migration that Wagtail 7.4 ships.
NEWEST_LTS_WAGTAILCORE_MIGRATION = 97
WAGTAILCORE_DEPENDENCY = re.compile(r"""["']wagtailcore["'],\s*["'](\d{4})_""")

MIGRATIONS = sorted(
    path for app in APPS for path in (ROOT / app / "migrations").glob("0*.py")
)


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: str(p.relative_to(ROOT)))
def test_migration_runs_on_the_wagtail_lts(path):
    source = path.read_text(encoding="utf-8")
    assert "WAGTAIL_PAGE_MODEL" not in source, "use to='wagtailcore.page'"
    for number in WAGTAILCORE_DEPENDENCY.findall(source):
        assert int(number) <= NEWEST_LTS_WAGTAILCORE_MIGRATION, number
