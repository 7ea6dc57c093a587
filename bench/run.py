"""``make bench``: a fresh PostgreSQL database with the demo site and the benchmark's
pages, then each benchmark in turn, each rewriting its section of docs/benchmarks.md.

Run ``python -m bench.run`` for all, or name some: ``python -m bench.run render http``.
Needs this machine's PostgreSQL (127.0.0.1:5432) and Redis (db 9 is emptied), and wrk.
"""

import importlib
import os
import sys

from bench.common import machine_summary, manage, setup_django, write_section

# Measured on the demo alone, before the benchmark's pages are added.
ON_THE_DEMO = {"search": "bench.search"}
BENCHMARKS = {
    "render": "bench.render",
    "http": "bench.http_load",
    "submissions": "bench.submissions",
    "memory": "bench.memory",
}
DATABASE = "kcs_bench"


def fresh_database() -> None:
    import psycopg
    import redis

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as db:
        db.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {DATABASE}")
    # Cached pages of an earlier run would be served for the new database's pages.
    redis.Redis.from_url(
        os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9")
    ).flushdb()


def main(names: list[str]) -> int:
    names = names or [*ON_THE_DEMO, *BENCHMARKS]
    fresh_database()
    manage("migrate", "--noinput")
    manage("load_demo")
    setup_django()
    from bench import fixtures

    for name in names:
        if name in ON_THE_DEMO:
            report(name, importlib.import_module(ON_THE_DEMO[name]).run())
    pages = fixtures.build()
    write_section(
        "bench:machine",
        [
            "Figures from `make bench` (`python -m bench.run`); rerun it to refresh "
            "them.",
            "",
            *machine_summary(),
        ],
    )
    for name in names:
        if name in BENCHMARKS:
            report(name, importlib.import_module(BENCHMARKS[name]).run(pages))
    return 0


def report(name: str, lines: list[str]) -> None:
    write_section(f"bench:{name}", lines)
    print("\n".join(lines), end="\n\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
