"""``kill -9`` of gunicorn workers in the middle of a burst of e-service requests and
tips with attachments: what was acknowledged is stored once with its files, no row
lacks a file, numbers stay unique, and the reconcile commands leave no orphan file."""

import hashlib
import json
import os
import signal
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import connection

import pytest
import requests

from eservice_forms.models import Attachment, PendingUpload, ServiceRequest
from tests.conftest import pace_of
from tests.eservice_forms.conftest import WATER_ANSWERS
from tests.faults.conftest import files_under, jpeg_bytes, pdf_bytes
from tests.faults.servers import Gunicorn, database_url, site_env
from tests.tips.conftest import TEST_KEY
from tips.models import Tip, TipAttachment

EACH = 40  # e-service requests, and as many tips
CLIENTS = 8
KILLS = 3


@pytest.fixture
def demo(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn shares the test database on PostgreSQL only")
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def server(demo, settings):
    env = site_env(
        database_url(connection.settings_dict),
        settings.KCS_PRIVATE_MEDIA_ROOT,
        KCS_TIPS_ENCRYPTION_KEYS=TEST_KEY,
        KCS_TIPS_RECEIPT_KEY=settings.KCS_TIPS_RECEIPT_KEY,
    )
    with Gunicorn(env, workers=3) as gunicorn:
        yield gunicorn


def attachments() -> list[tuple[str, bytes, str]]:
    """A real JPEG photo and a real PDF, as ``requests`` sends files."""
    return [
        ("road.jpg", jpeg_bytes(), "image/jpeg"),
        ("form.pdf", pdf_bytes(), "application/pdf"),
    ]


def post_multipart(url: str, body: dict, key: str) -> requests.Response:
    files = [(key, item) for item in attachments()]
    return requests.post(url, data={"data": json.dumps(body)}, files=files, timeout=30)


def file_request(server, service_id: int) -> str | None:
    """File one request with two attachments; its reference, or None on failure."""
    url = server.url(f"/api/eservice/services/{service_id}/requests/")
    try:
        form = requests.get(
            server.url(f"/api/eservice/services/{service_id}/form/"), timeout=30
        ).json()
        body = {
            "idempotency_key": str(uuid.uuid4()),
            "answers": WATER_ANSWERS,
            "pace": pace_of(form),
        }
        response = post_multipart(url, body, "attachments")
    except (requests.RequestException, ValueError):
        return None
    return response.json()["reference"] if response.status_code == 201 else None


def file_tip(server, page_id: int) -> str | None:
    """Send one tip with two evidence files; its case number, or None on failure."""
    try:
        form = requests.get(server.url(f"/api/tips/pages/{page_id}/form/"), timeout=30)
        form = form.json()
        answers = {
            f["key"]: f["initial"] for f in form["fields"] if f["type"] == "hidden"
        }
        answers.update(
            category="bribery",
            description="เรียกรับเงินค่าอนุมัติใบอนุญาต",
            captcha={"key": form["captcha"]["key"], "answer": "PASSED"},
        )
        url = server.url(f"/api/tips/pages/{page_id}/tips/")
        body = {"answers": answers, "pace": pace_of(form)}
        response = post_multipart(url, body, "evidence")
    except (requests.RequestException, ValueError):
        return None
    return response.json()["case_number"] if response.status_code == 201 else None


def burst_with_kills(server, submissions) -> list[str | None]:
    """Run the submissions from CLIENTS threads, killing a worker (SIGKILL) each time
    another quarter of them has been answered."""
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(submit) for submit in submissions]
        for kill in range(1, KILLS + 1):
            while sum(f.done() for f in futures) < len(futures) * kill // (KILLS + 1):
                time.sleep(0.05)
            os.kill(server.worker_pids()[0], signal.SIGKILL)
        return [future.result() for future in futures]


def digests(root: Path) -> dict[Path, str]:
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in files_under(root)
    }


def test_a_killed_worker_loses_nothing_acknowledged_and_leaves_no_orphan(
    server, settings
):
    services = requests.get(server.url("/api/eservice/services/?locale=th"), timeout=30)
    water = next(s["id"] for s in services.json() if "น้ำ" in s["title"])
    tip_pages = requests.get(server.url("/api/tips/"), timeout=30).json()
    tip_page = next(page["id"] for page in tip_pages if page["locale"] == "th")
    workers_before = set(server.worker_pids())

    requests_and_tips = zip(
        [lambda: file_request(server, water)] * EACH,
        [lambda: file_tip(server, tip_page)] * EACH,
        strict=True,
    )
    results = burst_with_kills(
        server, [job for pair in requests_and_tips for job in pair]
    )
    references = [r for r in results if r and r.startswith("ESV")]
    case_numbers = [r for r in results if r and r.startswith("TIP")]

    # gunicorn replaced the killed workers and still serves.
    server.wait_until_serving()
    assert len(workers_before - set(server.worker_pids())) >= 1
    assert references and case_numbers
    assert None in results  # a kill landed in the middle of a request

    # Acknowledged = stored exactly once, with its two files; numbers unique.
    stored = Counter(ServiceRequest.objects.values_list("site_id", "reference"))
    assert all(count == 1 for count in stored.values())
    stored_references = Counter(reference for _site, reference in stored)
    assert all(stored_references[reference] == 1 for reference in references)
    tips = Counter(Tip.objects.values_list("site_id", "case_number"))
    assert all(count == 1 for count in tips.values())
    stored_cases = Counter(case for _site, case in tips)
    assert all(stored_cases[case] == 1 for case in case_numbers)

    # Every row, acknowledged or not, has all its files on disk.
    private = Path(settings.KCS_PRIVATE_MEDIA_ROOT)
    for request in ServiceRequest.objects.prefetch_related("attachments"):
        names = sorted(a.original_name for a in request.attachments.all())
        assert names == ["form.pdf", "road.jpg"], request.reference
        for attachment in request.attachments.all():
            path = private / "eservice" / attachment.file.name
            assert path.stat().st_size == attachment.size
    for tip in Tip.objects.prefetch_related("attachments"):
        assert tip.attachments.count() == 2, tip.case_number
        for attachment in tip.attachments.all():
            assert (private / "tips" / attachment.original.name).is_file()
            if attachment.sanitized:  # made later by the task worker
                assert (private / "tips" / attachment.sanitized.name).is_file()

    # Orphans: files no row references. One planted two hours ago, one just now,
    # plus whatever the killed workers left.
    old_orphans = [
        private / "eservice/requests/planted.jpg",
        private / "tips/originals/planted.bin",
    ]
    new_orphans = [
        private / "eservice/requests/fresh.jpg",
        private / "tips/originals/fresh.bin",
    ]
    for path in old_orphans + new_orphans:
        path.write_bytes(b"orphan")
    two_hours_ago = time.time() - 2 * 60 * 60
    for path in old_orphans:
        os.utime(path, (two_hours_ago, two_hours_ago))
    referenced = {
        private / "eservice" / name
        for name in Attachment.objects.values_list("file", flat=True)
    } | {
        private / "eservice" / name
        for name in PendingUpload.objects.values_list("file", flat=True)
    }
    for original, sanitized in TipAttachment.objects.values_list(
        "original", "sanitized"
    ):
        referenced |= {
            private / "tips" / name for name in (original, sanitized) if name
        }
    before = {
        path: digest for path, digest in digests(private).items() if path in referenced
    }
    assert set(before) == referenced

    for command in ("eservice_reconcile_files", "tips_reconcile_files"):
        out = StringIO()
        call_command(command, stdout=out)  # default grace: an hour
        assert "orphan files deleted" in out.getvalue()
    left = set(files_under(private))
    assert not set(old_orphans) & left
    assert set(new_orphans) <= left  # within the grace period: may be in flight

    for command in ("eservice_reconcile_files", "tips_reconcile_files"):
        call_command(command, "--grace-minutes=0", stdout=StringIO())
    assert digests(private) == before  # referenced files untouched, orphans gone
