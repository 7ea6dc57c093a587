"""A bare Wagtail site, as ``wagtail start`` makes it, plus only the kcs-wagtail apps.

Proves the plugin installs into an existing site: nothing from ``kcs_wagtail`` is used.
"""

import ast
import os
from pathlib import Path

import wagtail

from tests.stock_site import readme_block

HERE = Path(__file__).resolve().parent

SECRET_KEY = "bare-site-test-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]

# The settings of the project ``wagtail start`` makes, as the installed Wagtail writes
# them, and the apps of that project's own (not this site's).
STOCK_SETTINGS = Path(wagtail.__file__).parent.joinpath(
    "project_template", "project_name", "settings", "base.py"
)
STOCK_PROJECT_APPS = ("home", "search")


def stock_setting(name: str):
    """The value ``wagtail start`` gives the setting ``name`` in a project made in
    this folder (its ``PROJECT_DIR``)."""
    tree = ast.parse(STOCK_SETTINGS.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == name:
            value = compile(ast.Expression(node.value), STOCK_SETTINGS, "eval")
            return eval(value, {"PROJECT_DIR": HERE})  # noqa: S307
    raise LookupError(name)


INSTALLED_APPS = [
    # A stock Wagtail site (``wagtail start``), with one app of its own choosing
    # that the plugin also needs: listed once all the same.
    "wagtail.contrib.settings",
    *(app for app in stock_setting("INSTALLED_APPS") if app not in STOCK_PROJECT_APPS),
]

MIDDLEWARE = stock_setting("MIDDLEWARE")

ROOT_URLCONF = "tests.bare_site.urls"

TEMPLATES = stock_setting("TEMPLATES")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BARE_SITE_DB", ":memory:"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What the README tells a host to add, word for word (its "host: settings" block).
exec(readme_block("settings"))  # noqa: S102
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
MEDIA_ROOT = HERE / "media"
MEDIA_URL = "/media/"
WAGTAIL_SITE_NAME = "bare"
WAGTAILADMIN_BASE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
