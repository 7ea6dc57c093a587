"""What the benchmark scripts share: Django set-up on the bench database, the report
file, and a description of the machine the figures were taken on."""

import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "benchmarks.md"
SETTINGS = "bench.settings"


def bench_env(**extra: str) -> dict[str, str]:
    """The environment of every process the benchmark starts."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS, PYTHONPATH=str(ROOT), LOG_LEVEL="WARNING"
    )
    env.update(extra)
    return env


def setup_django(**extra: str) -> None:
    os.environ.update(bench_env(**extra))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(*args: str, **extra: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=bench_env(**extra),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def median(values) -> float:
    return statistics.median(values)


def machine_summary() -> list[str]:
    """Lines describing the machine and the versions measured."""
    import django

    import wagtail

    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB RAM"
    postgres = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "show server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores{memory}; {platform.platform()}",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, PostgreSQL {postgres or '?'}",
    ]


def write_section(name: str, lines: list[str]) -> None:
    """Write (or replace) one named section of docs/benchmarks.md."""
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = "\n".join([start, *lines, end])
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    if start in text:
        text = text.split(start)[0] + block + text.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    REPORT.write_text(text, encoding="utf-8")
