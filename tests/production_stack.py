"""The demo site as users get it, for browser tests and benchmarks: the production
settings (``DEBUG=False``, real CSRF, the real captcha) on PostgreSQL and Redis,
gunicorn with two workers, the task worker, and Varnish in front with the VCL of
``deploy/varnish/``. Everything listens on free ports of 127.0.0.1 and lives in a
temporary folder and a database of its own, dropped afterwards.

Two sites: the demo (Wagtail's default site) at ``127.0.0.1:PORT`` and a second local
government at ``localhost:PORT``. Behind a proxy the app sees its own port, not the
visitor's, so Wagtail tells sites apart by host name here, as in production.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
POSTGRES = os.environ.get("KCS_STACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("KCS_STACK_REDIS", "redis://127.0.0.1:6379/0")
ADMIN_PASSWORD = "stack-admin-password"
HANDLER_PASSWORD = "stack-handler-password"

SECOND_SITE = """
from wagtail.models import Locale, Page, Site
from kcs_core.models import GovernmentSettings
from kcs_wagtail.home.models import HomePage
port = {port}
demo = Site.objects.get(is_default_site=True)
demo.hostname, demo.port = "127.0.0.1", port
demo.save()
if not Site.objects.filter(hostname="localhost", port=port).exists():
    home = Page.get_first_root_node().add_child(instance=HomePage(
        title="เทศบาลตำบลตัวอย่าง", slug="second-home",
        locale=Locale.objects.get(language_code="th"),
        intro="<p>เว็บไซต์ของเทศบาลตำบลตัวอย่าง</p>"))
    home.save_revision().publish()
    site = Site.objects.create(hostname="localhost", port=port, root_page=home,
                               site_name="ทต.ตัวอย่าง")
    settings = GovernmentSettings.for_site(site)
    settings.name = "เทศบาลตำบลตัวอย่าง"
    settings.save()
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_manage(python: Path, folder: Path, env: dict[str, str], *args: str) -> str:
    """``manage.py args`` of the project in ``folder``; its output, or RuntimeError
    with the end of its errors."""
    result = subprocess.run(
        [str(python), "manage.py", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-4000:]}")
    return result.stdout


def wait_for(url: str, process: subprocess.Popen, what: str, timeout=90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url}")


def varnish_command(folder: Path, listen_port: int, backend_port: int) -> list[str]:
    """varnishd in the foreground with the VCL of ``deploy/varnish/`` in front of
    ``backend_port``, its state in ``folder``."""
    vcl = (ROOT / "deploy/varnish/default.vcl").read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{backend_port}";')
    (folder / "default.vcl").write_text(vcl)
    return [
        shutil.which("varnishd") or "/usr/sbin/varnishd",
        "-F",
        "-j",
        "none",
        "-n",
        str(folder / "varnish"),
        "-a",
        f"127.0.0.1:{listen_port}",
        "-T",
        "none",
        "-f",
        str(folder / "default.vcl"),
        "-s",
        "malloc,128m",
    ]


class SetUpOnEnter:
    """A context manager that runs ``set_up`` on entry and, if that fails, tears
    down with ``__exit__`` whatever it had already started."""

    def __enter__(self):
        try:
            self.set_up()
        except BaseException:
            self.__exit__()
            raise
        return self


class ProductionStack(SetUpOnEnter):
    """The running stack for the duration of a ``with``; ``url`` is Varnish's."""

    def __init__(self, workers: int = 2, **extra_env: str):
        self.workers = workers
        self.extra_env = extra_env
        self.folder = Path(tempfile.mkdtemp(prefix="kcs-stack-"))
        self.database = f"kcs_stack_{os.getpid()}_{secrets.token_hex(3)}"
        self.app_port = free_port()
        self.cache_port = free_port()
        # One secret for every process of the stack: what the worker signs (a
        # link in an e-mail), the web server must verify.
        self.secret_key = secrets.token_urlsafe(40)
        self.processes: list[subprocess.Popen] = []
        # The demo site and the second site, through the HTTP cache; gunicorn
        # itself, behind the cache; the stack's own database.
        self.url = f"http://127.0.0.1:{self.cache_port}"
        self.second_url = f"http://localhost:{self.cache_port}"
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.database_url = f"{POSTGRES}/{self.database}"

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL", "KCS_", "PYTEST"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="kcs_wagtail.settings.production",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="false",
            DJANGO_SECURE_COOKIES="false",
            DJANGO_SECURE_HSTS_SECONDS="0",
            DATABASE_URL=self.database_url,
            REDIS_URL=REDIS,
            CACHE_KEY_PREFIX=self.database,
            KCS_FRONTEND_CACHE_URL=f"http://127.0.0.1:{self.cache_port}",
            KCS_TRUSTED_PROXIES="127.0.0.1",
            # Every browser of the run comes from 127.0.0.1, as if a whole town
            # sat behind one carrier address: the allowance says so.
            KCS_PACE_FREE_FILINGS="500",
            STATIC_ROOT=str(self.folder / "static"),
            MEDIA_ROOT=str(self.folder / "media"),
            KCS_PRIVATE_MEDIA_ROOT=str(self.folder / "private"),
            KCS_ADMIN_PASSWORD=ADMIN_PASSWORD,
            KCS_HANDLER_PASSWORD=HANDLER_PASSWORD,
            WAGTAILADMIN_BASE_URL=self.url,
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
            PYTHONPATH=str(ROOT),
            PYTHONUNBUFFERED="1",
            LOG_LEVEL=os.environ.get("KCS_STACK_LOG_LEVEL", "WARNING"),
            **self.extra_env,
        )
        return env

    def manage(self, *args: str) -> str:
        return run_manage(PYTHON, ROOT, self.env(), *args)

    def start(self, args: list[str], log: str, **env: str) -> subprocess.Popen:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**self.env(), **env},
            stdout=(self.folder / log).open("w"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def set_up(self) -> None:
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo")
        self.manage("shell", "-c", SECOND_SITE.format(port=self.cache_port))
        # The tasks the set-up queued (search index, purges of a cache not yet
        # running) are done now, not behind the first purges the tests wait for.
        self.manage("db_worker", "--batch", "--no-reload")
        gunicorn = self.start(
            [str(PYTHON), "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
            + ["kcs_wagtail.wsgi"],
            "gunicorn.log",
            GUNICORN_BIND=f"127.0.0.1:{self.app_port}",
            GUNICORN_WORKERS=str(self.workers),
        )
        self.start(
            [str(PYTHON), "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
            "worker.log",
        )
        varnish = self.start(
            varnish_command(self.folder, self.cache_port, self.app_port),
            "varnish.log",
        )
        wait_for(self.app_url + "/", gunicorn, "gunicorn")
        wait_for(self.url + "/", varnish, "varnishd")

    def __exit__(self, *exc):
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" (FORCE)')
        shutil.rmtree(self.folder, ignore_errors=True)

    def query(self, sql: str, *params):
        """Rows of a query on the stack's database (what the tests may read there:
        captcha answers, stored rows)."""
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()

    def captcha_answer(self, hashkey: str) -> str:
        """The answer of a captcha challenge, as only the server knows it."""
        return self.query(
            "SELECT response FROM captcha_captchastore WHERE hashkey = %s", hashkey
        )[0][0]

    def log(self, name: str) -> str:
        return (self.folder / name).read_text(errors="replace")
