"""The demo site as users get it, for browser tests and benchmarks: the production
settings (``DEBUG=False``, real CSRF, the real captcha) on PostgreSQL and Redis,
gunicorn with two workers, the task worker, and Varnish in front with the VCL of
``deploy/varnish/``. Everything listens on free ports of 127.0.0.1 and lives in a
temporary folder and a database of its own, dropped afterwards. The stacks of one
test run start from one :class:`DemoTemplate`, built by the first of them.

Two sites: the demo (Wagtail's default site) at ``127.0.0.1:PORT`` and a second local
government at ``localhost:PORT``. Behind a proxy the app sees its own port, not the
visitor's, so Wagtail tells sites apart by host name here, as in production.
"""

import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
POSTGRES = os.environ.get("KCS_STACK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("KCS_STACK_REDIS", "redis://127.0.0.1:6379/0")
ADMIN_PASSWORD = "stack-admin-password"
HANDLER_PASSWORD = "stack-handler-password"

# The demo as ``make prod`` sets it up (migrate, load_demo), the second site, and the
# tasks that queued done (search index, purges of a cache not yet running), so that
# they are not behind the first purges the tests wait for. In one process: each
# start of Django takes seconds.
BUILD_DEMO = """
from django.core.management import call_command
from wagtail.models import Locale, Page, Site
from kcs_core.models import GovernmentSettings
from kcs_wagtail.home.models import HomePage
call_command("migrate", interactive=False)
call_command("load_demo")
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
call_command("db_worker", "--batch", "--no-reload")
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
        "-p",
        f"vsl_mask={varnish_log_mask()}",
    ]


def varnish_log_mask() -> str:
    """What Varnish's request log leaves out, as production sets it
    (``deploy/varnish/kcs.env``)."""
    settings = (ROOT / "deploy/varnish/kcs.env").read_text()
    return re.search(r"^KCS_VARNISH_VSL_MASK=(\S+)$", settings, re.M).group(1)


def on_server(statement: str) -> None:
    """A statement outside any transaction, on the server's ``postgres`` database
    (creating and dropping databases)."""
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def create_database(name: str, template: str = "template1") -> None:
    """A new database on the server, a copy of ``template`` (nobody may be connected
    to it meanwhile)."""
    on_server(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def drop_database(name: str) -> None:
    on_server(f'DROP DATABASE IF EXISTS "{name}" (FORCE)')


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

    def __init__(
        self, workers: int = 2, template: "DemoTemplate | None" = None, **extra_env: str
    ):
        self.workers = workers
        self.template = template
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
        self.static_root = (template.folder if template else self.folder) / "static"
        self.holds_template = False  # counted among the template's users

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
            STATIC_ROOT=str(self.static_root),
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

    def build_demo(self) -> None:
        """A new database migrated, with the demo and the second site loaded and the
        tasks that queued done; the static files collected meanwhile."""
        create_database(self.database)
        collect = self.start(
            [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
            "collectstatic.log",
        )
        self.manage("shell", "-c", BUILD_DEMO.format(port=self.cache_port))
        if collect.wait():
            log = self.log("collectstatic.log")
            raise RuntimeError(f"collectstatic failed:\n{log[-4000:]}")
        self.processes.remove(collect)

    def set_up(self) -> None:
        if self.template is None:
            self.build_demo()
        else:
            self.template.copy_to(self)
            self.holds_template = True
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
        drop_database(self.database)
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.holds_template:
            self.template.release()

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


def copy_folders(source: Path, target: Path, names: tuple[str, ...]) -> None:
    for name in names:
        if (source / name).exists():
            shutil.copytree(source / name, target / name)


class DemoTemplate:
    """The demo as every stack of a test run starts, built once by the first stack
    whichever process it runs in (each pytest-xdist worker has its own stack): a
    PostgreSQL template of its database, a copy of its media, and the static files
    it collected. The other stacks copy the template (seconds, where building takes
    minutes) and point its sites at their own port. The last stack to end drops it.

    ``folder`` must be shared by the run's processes and by no other run."""

    FOLDERS = ("media", "private")

    def __init__(self, folder: Path):
        self.folder = folder
        self.state = folder / "demo-template.json"

    @contextmanager
    def locked(self):
        """One process at a time, across the processes of the run."""
        with (self.folder / "demo-template.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def copy_to(self, stack: ProductionStack) -> None:
        """Build the demo in ``stack`` and keep it as the template if there is none
        yet; else give ``stack`` a copy of the template."""
        with self.locked():
            if self.state.exists():
                state = json.loads(self.state.read_text())
                stack.secret_key = state["secret_key"]
                create_database(stack.database, template=state["database"])
                copy_folders(self.folder, stack.folder, self.FOLDERS)
                with psycopg.connect(stack.database_url) as connection:
                    connection.execute(
                        "UPDATE wagtailcore_site SET port = %s", (stack.cache_port,)
                    )
            else:
                stack.build_demo()
                state = {"database": f"{stack.database}_template", "users": 0}
                state["secret_key"] = stack.secret_key
                create_database(state["database"], template=stack.database)
                copy_folders(stack.folder, self.folder, self.FOLDERS)
            state["users"] += 1
            self.state.write_text(json.dumps(state))

    def release(self) -> None:
        """One stack fewer; the last one drops the template."""
        with self.locked():
            if not self.state.exists():
                return
            state = json.loads(self.state.read_text())
            state["users"] -= 1
            if state["users"] > 0:
                self.state.write_text(json.dumps(state))
                return
            drop_database(state["database"])
            self.state.unlink()
            for name in (*self.FOLDERS, "static"):
                shutil.rmtree(self.folder / name, ignore_errors=True)
