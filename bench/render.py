"""Render time and query count of the main public pages, in-process (Django's test
client): rendering itself, as gunicorn does it behind the HTTP cache."""

import time

from bench.common import median

RUNS = 40


def measure(client, url: str) -> tuple[float, int]:
    """Median milliseconds and query count of GET ``url`` after one warm-up request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, queries = [], 0
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as context:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        queries = len(context)
    return median(times) * 1000, queries


def run(pages) -> list[str]:
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    targets = [
        ("trivial Django view", "/bench/trivial/"),
        ("plain Wagtail page, no children", pages.plain),
        ("home page", pages.home),
        ("ITA index, 43 items", pages.ita_index[43]),
        ("ITA index, 400 items", pages.ita_index[400]),
        ("service index", pages.service_index),
        ("e-service form page", pages.form_page),
    ]
    results = {name: measure(client, url) for name, url in targets}
    plain_ms = results["plain Wagtail page, no children"][0]
    lines = [
        "## Render time and queries (`bench/render.py`)",
        "",
        f"Median of {RUNS} renders in-process on PostgreSQL, without the HTTP cache "
        "(menus and breadcrumbs are cached fragments, warm after the first request).",
        "",
        "| page | median ms | × plain page | queries |",
        "|---|---|---|---|",
    ]
    for name, (ms, queries) in results.items():
        lines.append(f"| {name} | {ms:.1f} | {ms / plain_ms:.2f} | {queries} |")
    ratio = results["ITA index, 400 items"][0] / plain_ms
    form_ratio = results["e-service form page"][0] / plain_ms
    lines += [
        "",
        "Targets: the ITA index at 400 items within 3× a plain page: "
        f"{ratio:.2f}× ({'met' if ratio <= 3 else 'NOT met'}); a form page, which "
        f"is never cached, within 1.5×: {form_ratio:.2f}× "
        f"({'met' if form_ratio <= 1.5 else 'NOT met'}).",
    ]
    return lines
