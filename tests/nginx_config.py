"""The shipped nginx configuration (``deploy/nginx/kcs.conf``), read for the rules
that keep tipsters out of its logs."""

import contextlib
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

NGINX = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "kcs.conf"


def anonymised_paths() -> list[re.Pattern]:
    """The regular expressions of ``map $uri $kcs_tip_path`` that map to 1: paths
    left out of the access log."""
    block = NGINX.read_text().split("map $uri $kcs_tip_path {")[1].split("}")[0]
    return [
        re.compile(match)
        for match in re.findall(r"^\s*~(\S+)\s+1;", block, flags=re.MULTILINE)
    ]


def quiet_error_log_path() -> re.Pattern:
    """The ``location`` whose error log keeps only critical errors (which name no
    client)."""
    config = NGINX.read_text()
    match = re.search(r"location ~ (\S+) \{\s*error_log \S+ crit;", config)
    return re.compile(match.group(1))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def nginx_logging_as_shipped(folder: Path):
    """A real nginx (Debian's) with the shipped maps and log format, answering 200
    on every path: yields its URL and the access log's path."""
    shipped = NGINX.read_text()
    (folder / "kcs.conf").write_text(shipped[: shipped.index("upstream kcs")])
    port = free_port()
    log = folder / "access.log"
    (folder / "nginx.conf").write_text(
        f"""pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/kcs.conf;
    server {{
        listen 127.0.0.1:{port};
        access_log {log} kcs if=$kcs_logged;
        location / {{ return 200; }}
    }}
}}
"""
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    server = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        for _ in range(100):
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=0.1),
            ):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=10)
