"""The shipped gunicorn settings (``deploy/gunicorn.conf.py``), in a real gunicorn."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.production_stack import wait_for

ROOT = Path(__file__).resolve().parents[2]
HELLO_APP = """
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def start_gunicorn(tmp_path):
    """Starts gunicorn with the shipped settings (its control socket, if any, would
    go under ``tmp_path``'s home); stops it after the test."""
    (tmp_path / "hello.py").write_text(HELLO_APP)
    started = []

    def start(**environ) -> subprocess.Popen:
        port = free_port()
        env = {
            **os.environ,
            "HOME": str(tmp_path / "home"),
            "XDG_RUNTIME_DIR": str(tmp_path / "run"),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "1",
            **environ,
        }
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            ROOT / "deploy/gunicorn.conf.py",
        ]
        process = subprocess.Popen(
            [*map(str, command), "--chdir", str(tmp_path), "hello:application"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        process.url = f"http://127.0.0.1:{port}"
        wait_for(process.url + "/", process, "gunicorn")
        return process

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=30)


def sockets_within(folder: Path, seconds: float) -> list[Path]:
    """The sockets under ``folder`` once one appears, or after ``seconds`` (gunicorn
    opens its control socket in a thread of its own, after it serves)."""
    deadline = time.monotonic() + seconds
    while True:
        found = [path for path in folder.rglob("*") if path.is_socket()]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_instances_on_one_host_open_no_shared_control_socket(start_gunicorn, tmp_path):
    """gunicorn's default control socket is one per user account: a second instance
    took it from the first, and ``gunicornc`` reached whichever started last."""
    start_gunicorn()
    start_gunicorn()
    assert sockets_within(tmp_path, seconds=5) == []


def test_an_instance_opens_the_control_socket_it_is_given(start_gunicorn, tmp_path):
    own = tmp_path / "site-a.ctl"
    start_gunicorn(GUNICORN_CONTROL_SOCKET=str(own))
    assert sockets_within(tmp_path, seconds=30) == [own]


def test_the_access_log_leaves_out_the_files_a_tip_page_loads(start_gunicorn, tmp_path):
    """The first fetch of ``tips.css`` (before the HTTP cache has it) would time a
    visit to the tip page: static files stay out of the log, as in nginx's."""
    log = tmp_path / "access.log"
    process = start_gunicorn(GUNICORN_ACCESS_LOG=str(log))
    for path in ("/static/tips/tips.css", "/favicon.ico", "/e-service/"):
        urllib.request.urlopen(process.url + path, timeout=10).close()  # noqa: S310
    process.terminate()
    process.wait(timeout=30)
    lines = log.read_text()
    assert '"GET /e-service/ HTTP/1.1" 200' in lines
    assert "/static/" not in lines and "favicon" not in lines
