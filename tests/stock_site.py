"""A stock Wagtail site with the plugin installed from its wheel, as the README says.

What :class:`StockSite` does is what a Wagtail developer does with an existing site:

1. build the wheel with ``python -m build`` from a copy of the plugin's sources;
2. make a virtual environment and ``pip install`` that wheel (the versions of
   ``requirements.txt`` as constraints, so the run is repeatable) and gunicorn;
3. ``wagtail start`` a new project, give it a ``base.html`` that has nothing but
   ``{% block content %}``, and add to its settings and urls only the blocks the README
   marks for a host (``<!-- host: settings -->``, ``<!-- host: urls -->``): no
   ``KCS_*`` setting at all;
4. its production settings (``DEBUG=False``, ``ManifestStaticFilesStorage``),
   ``migrate``, ``collectstatic``, a superuser, and gunicorn on a free port. Static
   files are served from ``STATIC_ROOT`` as the host's web server would.

Nothing of this checkout is importable there: the apps come from the wheel.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.pins import pinned_versions
from tests.production_stack import SetUpOnEnter, free_port, run_manage, wait_for

ROOT = Path(__file__).resolve().parents[1]
ADMIN_PASSWORD = "stock-admin-password"
PACKAGES = ("kcs_core", "ita_pages", "eservice_forms", "tips")

BASE_HTML = """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }}</title></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
"""

# The host's own production details, as on any real site (not the plugin's).
LOCAL_SETTINGS = """
SECRET_KEY = "stock-site-secret-key-for-the-test-only"
ALLOWED_HOSTS = ["127.0.0.1"]
LANGUAGE_CODE = "th"
TIME_ZONE = "Asia/Bangkok"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
"""

# Stands in for the host's web server in front (nginx serves STATIC_ROOT).
STATIC_SERVING = """
from django.urls import re_path
from django.views.static import serve

urlpatterns.insert(
    0,
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
)
"""


def readme_block(name: str) -> str:
    """The fenced code block the README marks with ``<!-- host: name -->``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(
        rf"<!-- host: {name} -->\s*```python\n(.*?)```", readme, flags=re.DOTALL
    )
    if found is None:
        raise LookupError(f"README.md has no block marked <!-- host: {name} -->")
    return found.group(1)


def constraints(folder: Path) -> Path:
    """requirements.txt as pip constraints (which take no extras)."""
    pinned = [f"{name}=={version}" for name, version in pinned_versions().items()]
    path = folder / "constraints.txt"
    path.write_text("\n".join(pinned) + "\n", encoding="utf-8")
    return path


class StockSite(SetUpOnEnter):
    """``with StockSite() as site:`` a running stock Wagtail site at ``site.url``."""

    project = "stocksite"

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="kcs-stock-"))
        self.venv = self.folder / "venv"
        self.site = self.folder / "site"
        self.port = free_port()
        self.server = None
        self.wheel = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def run(self, *args, cwd=None, env=None) -> str:
        result = subprocess.run(
            [str(arg) for arg in args],
            cwd=cwd or self.folder,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(
                f"{' '.join(map(str, args[:4]))} failed:\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def env(self) -> dict[str, str]:
        """A clean environment: nothing of this checkout on the path."""
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_CACHE_DIR")
        return {
            **{name: os.environ[name] for name in keep if name in os.environ},
            "DJANGO_SETTINGS_MODULE": f"{self.project}.settings.production",
        }

    def manage(self, *args: str) -> str:
        return run_manage(self.python, self.site, self.env(), *args)

    def build_wheel(self) -> Path:
        """``python -m build --wheel`` on a copy of the sources (no stale build/)."""
        sources = self.folder / "src"
        sources.mkdir()
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            if (ROOT / name).exists():
                shutil.copy2(ROOT / name, sources / name)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for package in PACKAGES:
            shutil.copytree(ROOT / package, sources / package, ignore=ignore)
        self.run(sys.executable, "-m", "build", "--wheel", "--outdir", "dist", sources)
        (wheel,) = (self.folder / "dist").glob("kcs_wagtail-*.whl")
        return wheel

    def install(self, wheel: Path) -> None:
        self.run(sys.executable, "-m", "venv", self.venv)
        self.run(
            self.python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
            "-c", constraints(self.folder), wheel, "gunicorn",
        )  # fmt: skip

    def start_project(self) -> None:
        self.site.mkdir()
        self.run(self.venv / "bin" / "wagtail", "start", self.project, self.site)
        project = self.site / self.project
        (project / "templates" / "base.html").write_text(BASE_HTML, encoding="utf-8")
        with (project / "settings" / "base.py").open("a", encoding="utf-8") as base:
            base.write("\n# kcs-wagtail, from its README\n" + readme_block("settings"))
        (project / "settings" / "local.py").write_text(LOCAL_SETTINGS, encoding="utf-8")
        with (project / "urls.py").open("a", encoding="utf-8") as urls:
            urls.write("\n# kcs-wagtail, from its README\n" + readme_block("urls"))
            urls.write(STATIC_SERVING)

    def set_up(self) -> None:
        self.wheel = self.build_wheel()
        self.install(self.wheel)
        self.start_project()
        self.manage("migrate", "--noinput")  # runs the system checks, fails on errors
        self.manage("collectstatic", "--noinput", "-v0")
        self.run(
            self.python, "manage.py", "createsuperuser", "--noinput",
            "--username", "admin", "--email", "admin@example.go.th",
            cwd=self.site,
            env={**self.env(), "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
        )  # fmt: skip
        self.server = subprocess.Popen(
            [str(self.venv / "bin" / "gunicorn"), "--workers", "2"]
            + ["--bind", f"127.0.0.1:{self.port}", f"{self.project}.wsgi"],
            cwd=self.site,
            env=self.env(),
            stdout=(self.folder / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self.url + "/admin/login/", self.server, "gunicorn")

    def plugin_location(self) -> str:
        """Where the stock site imports the plugin from (its site-packages)."""
        return self.manage("shell", "-v0", "-c", "import tips; print(tips.__file__)")

    def query(self, sql: str, *params):
        import sqlite3

        with sqlite3.connect(self.site / "db.sqlite3") as connection:
            return connection.execute(sql, params).fetchall()

    def captcha_answer(self, hashkey: str) -> str:
        return self.query(
            "SELECT response FROM captcha_captchastore WHERE hashkey = ?", hashkey
        )[0][0]

    def log(self) -> str:
        return (self.folder / "gunicorn.log").read_text(errors="replace")

    def __exit__(self, *exc):
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=20)
        shutil.rmtree(self.folder, ignore_errors=True)
