"""What ``make run`` does, on a real SQLite file with the dev settings: migrate, load
the demo, and let the task worker drain the queue Wagtail filled. (Loading the demo
again is tested in ``tests/kcs_wagtail/home/management/commands/test_load_demo.py``.)"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite, pytest.mark.pinned_demo]


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ready_tasks(database: Path) -> int:
    """Tasks waiting in django-tasks-db's queue table."""
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status = 'READY'"
        ).fetchone()[0]


def test_migrate_demo_and_worker(tmp_path):
    database = tmp_path / "demo.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="kcs_wagtail.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        KCS_ADMIN_PASSWORD="flow-test-password",
    )
    for args in (
        ["migrate", "--noinput"],
        ["load_demo", "--address", "127.0.0.1:8000"],
    ):
        result = manage(*args, env=env)
        assert result.returncode == 0, result.stderr
    assert "password: flow-test-password" in result.stdout

    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ready_tasks(database) > 0  # Wagtail's own work went to the database queue

    worker = manage(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", env=env
    )
    assert worker.returncode == 0, worker.stderr
    assert ready_tasks(database) == 0
