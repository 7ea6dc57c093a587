"""Resident memory of one gunicorn worker before and after 10,000 requests."""

from pathlib import Path

from bench.http_load import Servers, fetch

REQUESTS = 10_000


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmRSS for {pid}")


def run(pages) -> list[str]:
    paths = [pages.home, pages.ita_index[43], pages.service_index, pages.form_page]
    with Servers(workers=1) as servers:
        for path in paths:
            fetch(servers.app_url(path))
        (worker,) = servers.worker_pids()
        before = rss_mib(worker)
        for number in range(REQUESTS):
            fetch(servers.app_url(paths[number % len(paths)]))
        after = rss_mib(worker)
    return [
        "## Memory of a worker (`bench/memory.py`)",
        "",
        f"One gunicorn worker, asked directly (not through the cache), {REQUESTS:,} "
        "requests spread over the home page, the 43-item ITA index, the service "
        "index and a form page.",
        "",
        "| after warm-up | after 10,000 requests | growth |",
        "|---|---|---|",
        f"| {before:.1f} MiB | {after:.1f} MiB | {after - before:+.1f} MiB |",
    ]
