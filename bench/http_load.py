"""Throughput and latency through gunicorn on PostgreSQL, load from wrk in its own
process on loopback; every figure is set against the trivial Django view measured by
the same server in the same run."""

import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, bench_env, median

HOST, PORT = "127.0.0.1", 8765
RUNS, SECONDS, CONNECTIONS = 3, 5, 16
LUA = Path(__file__).with_name("percentiles.lua")
BENCH_LINE = re.compile(
    r"BENCH rps=(\S+) p50=(\S+) p95=(\S+) p99=(\S+) requests=(\d+) errors=(\d+)"
)


class Gunicorn:
    """gunicorn serving the bench settings for the duration of a ``with`` block."""

    def __init__(self, workers: int, page_cache_seconds: int):
        self.workers = workers
        self.env = bench_env(
            KCS_PAGE_CACHE_SECONDS=str(page_cache_seconds),
            GUNICORN_BIND=f"{HOST}:{PORT}",
            GUNICORN_WORKERS=str(workers),
            GUNICORN_MAX_REQUESTS="0",
            GUNICORN_ACCESS_LOG="/dev/null",
        )
        self.process = None

    def __enter__(self):
        gunicorn = str(
            Path(shutil.which("gunicorn", path=str(ROOT / ".venv/bin")) or "gunicorn")
        )
        self.process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "kcs_wagtail.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url("/bench/trivial/"), timeout=2).read()  # noqa: S310
                return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


# What every current browser sends; the page cache answers it with stored gzip.
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"


def url(path: str) -> str:
    return f"http://{HOST}:{PORT}{path}"


def wrk(path: str) -> dict[str, float]:
    """Median over RUNS wrk runs of requests/s and p50/p95/p99 latency (ms)."""
    for _warm in range(10):
        urllib.request.urlopen(url(path), timeout=10).read()  # noqa: S310
    runs = []
    for _run in range(RUNS):
        output = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
            + ["-H", f"Accept-Encoding: {BROWSER_ACCEPT_ENCODING}"]
            + ["-s", str(LUA), url(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        match = BENCH_LINE.search(output)
        rps, p50, p95, p99, requests, errors = (
            float(value) for value in match.groups()
        )
        if errors:
            raise SystemExit(
                f"{path}: {errors:.0f} errors out of {requests:.0f} requests"
            )
        runs.append({"rps": rps, "p50": p50, "p95": p95, "p99": p99})
    return {key: median(run[key] for run in runs) for key in runs[0]}


def run(pages) -> list[str]:
    rows = []
    for cache_seconds, label in ((600, "cached"), (0, "uncached")):
        with Gunicorn(workers=2, page_cache_seconds=cache_seconds):
            trivial = wrk("/bench/trivial/")
            rows.append((f"trivial Django view ({label} run)", trivial, trivial))
            targets = [(f"ITA index, 400 items, {label}", pages.ita_index[400])]
            if cache_seconds:
                targets.append(("home page, cached", pages.home))
            else:
                targets.append(("ITA index, 43 items, uncached", pages.ita_index[43]))
                targets.append(("e-service form page (never cached)", pages.form_page))
            rows += [(name, wrk(path), trivial) for name, path in targets]
    lines = [
        "## Throughput through gunicorn (`bench/http_load.py`)",
        "",
        "gunicorn, 2 sync workers, PostgreSQL, Redis cache; wrk, 2 threads, "
        f"{CONNECTIONS} connections, {SECONDS} s per run, median of {RUNS} runs, on "
        "loopback, each request saying `Accept-Encoding: gzip, deflate, br, zstd` as "
        "browsers do. The ratio is against the trivial view measured by the same "
        "server in the same run.",
        "",
        "| URL | requests/s | × trivial | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for name, result, trivial in rows:
        lines.append(
            f"| {name} | {result['rps']:.0f} | {result['rps'] / trivial['rps']:.2f} | "
            f"{result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} |"
        )
    cached = [(name, r, t) for name, r, t in rows if name.endswith(", cached")]
    worst = min(r["rps"] / t["rps"] for _name, r, t in cached)
    verdict = "met" if worst >= 0.5 else "NOT met"
    lines += [
        "",
        f"Target: cached public pages at least half the trivial view's throughput: "
        f"lowest {worst:.2f}× ({verdict}).",
    ]
    return lines
