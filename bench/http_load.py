"""Throughput and latency as visitors get them: Varnish (``deploy/varnish/``) in front
of gunicorn on PostgreSQL, load from wrk in its own process on loopback. Every figure
is set against the trivial Django view measured on gunicorn itself in the same run,
and a purge's delay is measured from the publish to the first fresh page."""

import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, bench_env, median
from tests.production_stack import free_port, varnish_command

HOST = "127.0.0.1"
RUNS, SECONDS, CONNECTIONS = 3, 5, 16
PURGES = 10
LUA = Path(__file__).with_name("percentiles.lua")
BENCH_LINE = re.compile(
    r"BENCH rps=(\S+) p50=(\S+) p95=(\S+) p99=(\S+) requests=(\d+) errors=(\d+)"
)
# How often the task worker looks for queued purges (as make prod and the docs).
WORKER_INTERVAL = ["--interval", "0.2"]
# What every current browser sends.
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


class Servers:
    """gunicorn and, for the page benchmarks, Varnish in front and the task worker
    (which sends purges), for the duration of a ``with`` block. Without the worker,
    queued tasks (e-mails) wait and take no CPU from the figures."""

    def __init__(self, workers: int, front_cache: bool = False):
        self.front_cache = front_cache
        self.app_port, self.cache_port = free_port(), free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="kcs-bench-"))
        self.env = bench_env(
            GUNICORN_BIND=f"{HOST}:{self.app_port}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_MAX_REQUESTS="0",
            GUNICORN_ACCESS_LOG="/dev/null",
        )
        if front_cache:
            self.env["KCS_FRONTEND_CACHE_URL"] = f"http://{HOST}:{self.cache_port}"
        self.processes: list[subprocess.Popen] = []

    def app_url(self, path: str) -> str:
        return f"http://{HOST}:{self.app_port}{path}"

    def cache_url(self, path: str) -> str:
        return f"http://{HOST}:{self.cache_port}{path}"

    def start(self, args: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(process)
        return process

    def __enter__(self):
        gunicorn = str(
            Path(shutil.which("gunicorn", path=str(ROOT / ".venv/bin")) or "gunicorn")
        )
        self.gunicorn = self.start(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "kcs_wagtail.wsgi"]
        )
        if self.front_cache:
            python = str(ROOT / ".venv/bin/python")
            self.start(
                [python, "manage.py", "db_worker", "--no-reload", *WORKER_INTERVAL]
            )
            self.start(varnish_command(self.folder, self.cache_port, self.app_port))
        ready = self.cache_url if self.front_cache else self.app_url
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                fetch(ready("/bench/trivial/"))
                return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn or varnishd did not start")

    def __exit__(self, *exc):
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)

    def worker_pids(self) -> list[int]:
        pid = self.gunicorn.pid
        children = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(child) for child in children.read_text().split()]


def fetch(url: str) -> bytes:
    return urllib.request.urlopen(url, timeout=10).read()  # noqa: S310


def wrk(url: str) -> dict[str, float]:
    """Median over RUNS wrk runs of requests/s and p50/p95/p99 latency (ms)."""
    for _warm in range(10):
        fetch(url)
    runs = []
    for _run in range(RUNS):
        output = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
            + ["-H", f"Accept-Encoding: {BROWSER_ACCEPT_ENCODING}"]
            + ["-s", str(LUA), url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        match = BENCH_LINE.search(output)
        rps, p50, p95, p99, requests, errors = (
            float(value) for value in match.groups()
        )
        if errors:
            raise SystemExit(f"{url}: {errors:.0f} errors out of {requests:.0f}")
        runs.append({"rps": rps, "p50": p50, "p95": p95, "p99": p99})
    return {key: median(run[key] for run in runs) for key in runs[0]}


def purge_delays(servers: Servers, page_id: int, path: str) -> list[float]:
    """Seconds from a publish (committed) to the first fresh page through the cache."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id).specific
    delays = []
    for number in range(PURGES):
        fetch(servers.cache_url(path))
        marker = f"ทดสอบการล้างแคช {number}-{time.time_ns()}"
        page.title = marker
        page.save_revision().publish()
        published = time.monotonic()
        while marker not in fetch(servers.cache_url(path)).decode():
            if time.monotonic() - published > 30:
                raise SystemExit(f"{path} was never purged")
            time.sleep(0.01)
        delays.append(time.monotonic() - published)
    return delays


def row(name: str, result: dict, trivial: dict) -> str:
    return (
        f"| {name} | {result['rps']:.0f} | {result['rps'] / trivial['rps']:.2f} | "
        f"{result['p50']:.2f} | {result['p95']:.2f} | {result['p99']:.2f} |"
    )


def run(pages) -> list[str]:
    with Servers(workers=2, front_cache=True) as servers:
        trivial = wrk(servers.app_url("/bench/trivial/"))
        cached = {
            "home page": wrk(servers.cache_url(pages.home)),
            "ITA index, 400 items": wrk(servers.cache_url(pages.ita_index[400])),
        }
        uncached = {
            "ITA index, 400 items": wrk(servers.app_url(pages.ita_index[400])),
            "ITA index, 43 items": wrk(servers.app_url(pages.ita_index[43])),
            "e-service form page (never cached)": wrk(
                servers.cache_url(pages.form_page)
            ),
        }
        delays = purge_delays(servers, pages.plain_id, pages.plain)
    lines = [
        "## Throughput through the HTTP cache (`bench/http_load.py`)",
        "",
        "Varnish 7 with `deploy/varnish/default.vcl` in front of gunicorn (2 sync "
        "workers), PostgreSQL, Redis; wrk, 2 threads, "
        f"{CONNECTIONS} connections, {SECONDS} s per run, median of {RUNS} runs, on "
        "loopback, each request saying `Accept-Encoding: gzip, deflate, br, zstd` as "
        "browsers do. The ratio is against the trivial Django view served by the same "
        "gunicorn in the same run.",
        "",
        "| URL | requests/s | × trivial | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
        row("trivial Django view, gunicorn", trivial, trivial),
        *(
            row(f"{name}, cached, through Varnish", r, trivial)
            for name, r in cached.items()
        ),
        *(
            row(f"{name}, rendered by gunicorn", r, trivial)
            for name, r in uncached.items()
        ),
    ]
    worst = min(result["rps"] / trivial["rps"] for result in cached.values())
    worst_p99 = max(result["p99"] for result in cached.values())
    lines += [
        "",
        "Target: cached public pages at least 5× the trivial view's throughput, p99 "
        f"under 5 ms: lowest {worst:.1f}×, highest p99 {worst_p99:.2f} ms "
        f"({'met' if worst >= 5 and worst_p99 < 5 else 'NOT met'}).",
        "",
        f"Purge: {PURGES} publishes of a page (saved in-process, the purge queued and "
        "sent by `db_worker --interval 0.2`), each followed by requests through "
        "Varnish until the new title shows: median "
        f"{median(delays) * 1000:.0f} ms, slowest {max(delays) * 1000:.0f} ms "
        f"(target within 1 s: {'met' if max(delays) < 1 else 'NOT met'}).",
    ]
    return lines
