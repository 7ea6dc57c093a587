"""PostgreSQL restarts under a burst of page views and submissions: the site answers
errors (never hangs) while the database is away, and recovers by itself."""

import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import requests

from tests.conftest import pace_of
from tests.eservice_forms.conftest import WATER_ANSWERS
from tests.faults.servers import ROOT, Gunicorn, Postgres, site_env
from tests.tips.conftest import TEST_KEY

MIGRATE_AND_LOAD_DEMO = (
    "from django.core.management import call_command; "
    "call_command('migrate', interactive=False); call_command('load_demo')"
)
CLIENTS = 4
TIMEOUT = 10  # seconds: a request that takes longer hangs


@pytest.fixture(scope="module")
def postgres():
    # Not in tmp_path: the postgres OS user cannot enter root's pytest folders.
    directory = Path(tempfile.mkdtemp(prefix="kcs-faults-pg-"))
    try:
        with Postgres(directory) as server:
            yield server
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def server(postgres, tmp_path_factory):
    """gunicorn on the test's own server, migrated and with the demo loaded (once
    for the module: migrating takes most of the time)."""
    env = site_env(
        postgres.url("postgres"),
        tmp_path_factory.mktemp("private"),
        KCS_TIPS_ENCRYPTION_KEYS=TEST_KEY,
        KCS_TIPS_RECEIPT_KEY="receipt-key-for-tests",
    )
    # migrate and load_demo in one process: each start of Django takes seconds.
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MIGRATE_AND_LOAD_DEMO],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    with Gunicorn(env, workers=2) as gunicorn:
        yield gunicorn


@dataclass
class Answer:
    started: float
    ended: float
    status: int | None  # None: no HTTP answer at all (a reset, a timeout)
    reference: str = ""


def visit(server, service_id: int, turn: int) -> Answer:
    """One page view or one e-service request, by turns."""
    started = time.monotonic()
    reference = ""
    try:
        if turn % 3 == 2:
            form = requests.get(
                server.url(f"/api/eservice/services/{service_id}/form/"),
                timeout=TIMEOUT,
            )
            if form.status_code != 200:
                return Answer(started, time.monotonic(), form.status_code)
            response = requests.post(
                server.url(f"/api/eservice/services/{service_id}/requests/"),
                json={
                    "idempotency_key": str(uuid.uuid4()),
                    "answers": WATER_ANSWERS,
                    "pace": pace_of(form.json()),
                },
                timeout=TIMEOUT,
            )
            if response.status_code == 201:
                reference = response.json()["reference"]
        else:
            path = ("/", "/e-service/")[turn % 3]
            response = requests.get(server.url(path), timeout=TIMEOUT)
        status = response.status_code
    except requests.RequestException:
        status = None
    return Answer(started, time.monotonic(), status, reference)


def clients(server, service_id: int, answers: list[Answer], stop: threading.Event):
    def client():
        turn = 0
        while not stop.is_set():
            answers.append(visit(server, service_id, turn))
            turn += 1

    threads = [threading.Thread(target=client) for _n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    return threads


def ok(answer: Answer) -> bool:
    return answer.status in (200, 201)


def test_the_site_answers_errors_while_the_database_is_down_then_recovers(
    server, postgres
):
    services = requests.get(server.url("/api/eservice/services/?locale=th"), timeout=30)
    water = next(s["id"] for s in services.json() if "น้ำ" in s["title"])
    answers, stop = [], threading.Event()
    threads = clients(server, water, answers, stop)
    try:
        time.sleep(1.5)
        going_down = time.monotonic()
        postgres.stop()
        down = time.monotonic()
        time.sleep(2)
        coming_up = time.monotonic()
        postgres.start()
        up = time.monotonic()
        time.sleep(2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()

    # Every request got an HTTP answer in time: nothing hung, nothing was cut.
    assert all(answer.status is not None for answer in answers)
    assert max(answer.ended - answer.started for answer in answers) < TIMEOUT
    before = [a for a in answers if a.ended < going_down]
    outage = [a for a in answers if a.started > down and a.ended < coming_up]
    after = [a for a in answers if a.started > up]
    assert before and all(ok(answer) for answer in before)
    assert outage and all(500 <= answer.status < 600 for answer in outage)
    # Back without restarting gunicorn: stale connections are checked and replaced.
    assert after and all(ok(answer) for answer in after)
    # Nothing acknowledged was lost, and nothing acknowledged twice. A request whose
    # commit reached the database just as it went down may be stored while its
    # client got an error (the acknowledgement was lost, not the request; a retry
    # with the same form key gets it back), so stored may hold more.
    references = [answer.reference for answer in answers if answer.reference]
    with psycopg.connect(postgres.url("postgres")) as connection:
        stored = connection.execute(
            "SELECT reference FROM eservice_forms_servicerequest"
        ).fetchall()
    assert len(references) == len(set(references))
    assert set(references) <= {row[0] for row in stored}


def test_idle_workers_answer_the_first_request_after_a_restart(server, postgres):
    for _worker in range(4):  # every worker now holds a persistent connection
        assert requests.get(server.url("/"), timeout=TIMEOUT).status_code == 200
    postgres.stop()
    postgres.start()
    # A night-time restart: no request saw the outage, every connection is stale.
    for _visit in range(6):
        assert requests.get(server.url("/"), timeout=TIMEOUT).status_code == 200
