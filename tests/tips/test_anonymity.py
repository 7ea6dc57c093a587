"""Anonymity: after tips are sent and followed up with marker addresses and a marker
user agent, neither appears in any table or any captured log line; tip pages create
no session, load nothing from other hosts, and error e-mails reveal nothing. The tip
endpoints of the JSON API keep the same anonymity, wherever the host mounts them."""

import base64
import datetime
import hashlib
import hmac
import importlib
import json
import logging
import re
import time
from pathlib import Path

import django
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest
import requests
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from kcs_core import pacing, throttle
from kcs_core.thai_dates import start_of_day
from tests.conftest import pace_of
from tests.nginx_config import (
    anonymised_paths,
    nginx_logging_as_shipped,
    quiet_error_log_path,
)
from tests.tips.conftest import jpeg_with_gps, tip_form_data, upload
from tests.tips.test_api import TIP, form_url, submit_url
from tips import crypto, services
from tips.anonymity import (
    PLACEHOLDER_ADDRESS,
    anonymous_paths,
    is_anonymous_path,
    remember_anonymous_paths,
)
from tips.models import Tip, TipAttachment, TipEvent

pytestmark = pytest.mark.django_db

#: Who gets error e-mails: addresses from Django 6.0, (name, address) pairs before.
ADMINS = (
    ["admin@example.go.th"]
    if django.VERSION >= (6, 0)
    else [("Admin", "admin@example.go.th")]
)

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"
AGENT = "MarkerAgent/9.9 (tipster-device-xyz)"
MARKERS = (ADDRESS, FORWARDED, "MarkerAgent", "tipster-device-xyz")
IDENTIFYING = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_X_FORWARDED_FOR": f"{FORWARDED}, {ADDRESS}",
    "HTTP_X_REAL_IP": FORWARDED,
    "HTTP_USER_AGENT": AGENT,
}
SECRET_TEXT = "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง"


def database_text() -> str:
    """Every cell of every table, as text."""
    cells = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                cells.extend(
                    bytes(cell).decode("latin-1")
                    if isinstance(cell, bytes | memoryview)
                    else str(cell)
                    for cell in row
                )
    return "\n".join(cells)


def logged_text(records) -> str:
    """Everything the captured records carry, requests' headers included."""
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.append(repr(record.__dict__))
        request = getattr(record, "request", None)
        if request is not None:
            parts.append(repr(request.META))
    return "\n".join(parts)


def only_error_report() -> tuple[str, str]:
    """The one error e-mail sent to the admins: its subject, and all its text."""
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    alternatives = "".join(str(content) for content, _ in report.alternatives)
    return report.subject, report.subject + report.body + alternatives


def assert_no_marker(text: str) -> None:
    for marker in MARKERS:
        assert marker not in text, marker


def test_no_address_or_agent_in_database_or_logs_and_no_session(
    client, tip_page, caplog
):
    caplog.set_level(logging.DEBUG)
    page = client.get(tip_page.url, **IDENTIFYING).content.decode()
    image_url = re.search(r'src="([^"]+/image/)"', page).group(1)
    assert client.get(image_url, **IDENTIFYING).status_code == 200
    data = tip_form_data(
        client, tip_page, reporter_name="", evidence=upload("a.jpg", jpeg_with_gps())
    )
    receipt = client.post(tip_page.url, data, **IDENTIFYING).content.decode()
    code = re.search(r'id="receipt-code">([0-9A-Z-]+)<', receipt).group(1)
    client.post(tip_page.url + "case/", {"code": code}, **IDENTIFYING)
    client.post(tip_page.url + "case/", {"code": code, "body": "เพิ่มเติม"}, **IDENTIFYING)
    client.post(
        tip_page.url, tip_form_data(client, tip_page, captcha_1="WRONG"), **IDENTIFYING
    )

    assert Tip.objects.count() == 1
    stored = database_text()
    assert_no_marker(stored)
    assert SECRET_TEXT not in stored  # encrypted at rest
    assert code not in stored and code.replace("-", "") not in stored
    assert_no_marker(logged_text(caplog.records))
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


def fernet_time(token: str | bytes) -> int:
    """The time a Fernet token carries in clear (bytes 1 to 8, big-endian)."""
    if isinstance(token, str):
        token = token.encode()
    raw = base64.urlsafe_b64decode(token)
    return int.from_bytes(raw[1:9], "big")


def test_what_a_tipster_writes_is_dated_to_the_day_not_the_second(
    client, tip_page, admin_user
):
    """Times stored to the microsecond matched the access log's lines; Fernet
    tokens carried the second in clear. A handler's own actions keep their time."""
    data = tip_form_data(client, tip_page, evidence=upload("a.jpg", jpeg_with_gps()))
    receipt = client.post(tip_page.url, data).content.decode()
    code = re.search(r'id="receipt-code">([0-9A-Z-]+)<', receipt).group(1)
    client.post(tip_page.url + "case/", {"code": code, "body": "เพิ่มเติม"})
    tip = Tip.objects.get()
    handler_reply = services.reply(tip, admin_user, "ได้รับแล้ว")

    tipster_times = [
        tip.created_at,
        *[
            event.created_at
            for event in tip.events.filter(kind__in=TipEvent.TIPSTER_KINDS)
        ],
        *[attachment.created_at for attachment in tip.attachments.all()],
    ]
    assert len(tipster_times) == 4  # the tip, its filing, the message, the file
    assert {timezone.localtime(moment).time() for moment in tipster_times} == {
        datetime.time()
    }
    with connection.cursor() as cursor:  # the stored tokens, not the decrypted text
        cursor.execute("SELECT description FROM tips_tip")
        tokens = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT body FROM tips_tipevent WHERE body <> ''")
        tokens += [row[0] for row in cursor.fetchall()]
    tokens.append(tip.attachments.get().original.read())
    assert len(tokens) == 4  # the tip, the message, the reply, the file
    today = int(start_of_day().timestamp())  # the local day, as the rows say
    assert {fernet_time(token) for token in tokens} == {today}
    assert list(tip.events.all())[-1] == handler_reply
    assert handler_reply.created_at.time() != datetime.time()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # not the module's
def test_the_task_queue_and_the_worker_keep_no_time_of_a_filing(
    transactional_db, client, tip_page, settings, caplog
):
    """The handlers' copy of each file is made in the background: its queue entry
    kept the second of the filing and the file's id (which leads to the tip) until
    someone pruned it, and the worker logged each one with its time."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    caplog.set_level(logging.DEBUG)
    evidence = [upload("a.jpg", jpeg_with_gps()), upload("b.jpg", jpeg_with_gps())]
    data = tip_form_data(client, tip_page, evidence=evidence)
    assert client.post(tip_page.url, data).status_code == 200

    queued = DBTaskResult.objects.filter(task_path="tips.tasks.clean_evidence")
    assert queued.count() == 2
    assert set(queued.values_list("enqueued_at", flat=True)) == {start_of_day()}
    # One stored file cannot be read back (a damaged disk, a lost key): its task
    # failed, its entry went and nothing was logged, and handlers waited forever.
    damaged = TipAttachment.objects.order_by("pk").last()
    Path(damaged.original.path).write_bytes(b"not a token")
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay")

    copies = TipAttachment.objects.order_by("pk")
    assert [(bool(a.sanitized), a.cleaning_failed) for a in copies] == [
        (True, False),
        (False, True),
    ]
    assert not DBTaskResult.objects.filter(task_path__startswith="tips.").exists()
    assert "clean_evidence" not in logged_text(caplog.records)
    assert "Starting worker" in logged_text(caplog.records)  # its lines are caught


@pytest.mark.parametrize("logger", ["django_tasks", "django.tasks"])
def test_the_task_frameworks_lines_about_a_tipsters_task_are_dropped(logger, caplog):
    """django-tasks logs to its own logger; Django 6's tasks (which django-tasks-db
    0.13's worker runs there) to ``django.tasks``, in the same words."""
    caplog.set_level(logging.DEBUG)
    line = "Task id=%s path=%s state=%s"
    logging.getLogger(logger).info(line, "x1", "tips.tasks.clean_evidence", "RUNNING")
    logging.getLogger(logger).info(
        line, "x2", "tips.tasks.announce_handler_change", "RUNNING"
    )
    assert "clean_evidence" not in logged_text(caplog.records)
    assert "announce_handler_change" in logged_text(caplog.records)


@pytest.mark.parametrize("cache_state", ["warm", "flushed"])
def test_the_middleware_scrubs_before_csrf_and_other_middleware(
    tip_page, caplog, cache_state
):
    caplog.set_level(logging.DEBUG)
    strict = Client(enforce_csrf_checks=True)
    data = tip_form_data(strict, tip_page)
    if cache_state == "flushed":
        cache.clear()  # the middleware looks the tip pages up again, first
    response = strict.post(tip_page.url, data, **IDENTIFYING)
    assert response.status_code == 403
    # Scrubbed before the CSRF check, which logs nothing about a tip request.
    assert response.wsgi_request.META["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
    assert not any(r.name == "django.security.csrf" for r in caplog.records)
    assert_no_marker(logged_text(caplog.records))


def test_pages_scrub_requests_the_middleware_did_not_know(client, tip_page, caplog):
    remember_anonymous_paths(())  # out of date: the middleware knows no tip page
    caplog.set_level(logging.DEBUG)
    response = client.post(
        tip_page.url, tip_form_data(client, tip_page, description=""), **IDENTIFYING
    )
    assert response.status_code == 400
    assert response.wsgi_request.META["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
    # django.request's warning, timed where the log is kept, is not written.
    assert not any(r.name == "django.request" for r in caplog.records)
    assert_no_marker(logged_text(caplog.records))
    assert tip_page.url in anonymous_paths()  # and the middleware knows it again


def test_a_tip_request_with_too_many_fields_is_not_logged(client, tip_page, caplog):
    """Django logs (and mails) it as an error of django.security, with its time."""
    caplog.set_level(logging.DEBUG)
    fields = {f"f{number}": "x" for number in range(10_001)}
    assert client.post(tip_page.url, fields, **IDENTIFYING).status_code == 400
    assert not [r.name for r in caplog.records if r.name.startswith("django.")]


def test_other_pages_warnings_are_still_logged(client, tip_page, caplog):
    """Only tip requests are kept out of Django's warnings."""
    caplog.set_level(logging.DEBUG)
    assert client.get("/no-such-page/").status_code == 404
    assert [r.name for r in caplog.records if r.name == "django.request"]


def test_translated_tip_pages_are_anonymised_too(tip_page, english_home):
    english = tip_page.copy_for_translation(english_home.locale)
    english.save_revision().publish()
    assert set(anonymous_paths()) >= {"/tip-off/", "/en/tip-off/"}


def test_the_shipped_nginx_logs_no_tip_endpoint_of_the_api_by_address(client):
    """Every tip endpoint the API describes falls under the nginx rules that blank
    the address and user agent in the access log and keep only critical errors (which
    name no client) in the error log; the other endpoints are logged as usual."""
    paths = client.get("/api/openapi.json").json()["paths"]
    tip_paths = [re.sub(r"\{[^}]+\}", "1", path) for path in paths if "/tips/" in path]
    assert len(tip_paths) >= 5
    access_rules, error_rule = anonymised_paths(), quiet_error_log_path()
    for path in tip_paths:
        assert any(rule.search(path) for rule in access_rules), path
        assert error_rule.search(path), path
    assert not any(rule.search("/api/eservice/tracking/") for rule in access_rules)


@pytest.mark.parametrize("now", ["2026-12-05 00:00:01", "2026-12-05 13:21:13"])
def test_a_tipsters_resend_key_tells_the_day_not_the_second(now):
    """The key that makes a follow-up sent twice stored once lived a form's life
    from the second it was sent: its time left gave that second."""
    with freeze_time(now, tz_offset=0):
        lifetime = services.lifetime_to_a_midnight()
        ends = timezone.localtime() + datetime.timedelta(seconds=lifetime)
    assert ends.time() == datetime.time()
    assert lifetime >= pacing.LIFETIME


def test_the_shipped_nginx_leaves_tip_requests_out_of_its_access_log(tmp_path):
    """A line "POST /tip-off/ 200" is a filed tip (and case numbers count up): its
    own time, or the lines around it, would time it."""
    with nginx_logging_as_shipped(tmp_path) as (url, log):
        requests.get(f"{url}/news/", timeout=5)
        requests.post(f"{url}/tip-off/", data=b"x", timeout=5)
        requests.get(f"{url}/static/kcs.css", timeout=5)
        requests.get(f"{url}/e-service/", timeout=5)
    lines = log.read_text().splitlines()
    assert [line.split('"')[1].split()[1] for line in lines] == [
        "/news/",
        "/e-service/",
    ]
    assert re.match(r"127.0.0.1 - \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", lines[0])


def test_tip_responses_are_not_cached_or_referred(client, tip_page):
    response = client.get(tip_page.url, **IDENTIFYING)
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"


def test_what_tipsters_wrote_before_is_dated_to_the_day_by_the_migration(
    make_tip, admin_user
):
    """Times stored before they were kept as days lose their hour; a handler's
    reply keeps its own. Rotation re-dates the content's tokens."""
    tip, _code = make_tip(files=[upload("a.jpg", jpeg_with_gps())])
    reply = services.reply(tip, admin_user, "ได้รับแล้ว")
    exact = timezone.now().replace(hour=9, minute=41, second=7)
    Tip.objects.update(created_at=exact)
    tip.events.update(created_at=exact)
    tip.attachments.update(created_at=exact)
    migration = importlib.import_module("tips.migrations.0007_tipster_times_made_days")
    migration.date_tipster_times_to_the_day(apps, None)
    tip.refresh_from_db()
    reply.refresh_from_db()
    day = start_of_day(timezone.localdate(exact))
    assert tip.created_at == day == tip.attachments.get().created_at
    assert tip.events.get(kind="submitted").created_at == day
    assert reply.created_at == exact
    old_token = crypto.fernet().encrypt_at_time(b"x", int(exact.timestamp()))
    rotated = crypto.rotate_bytes(old_token)
    assert fernet_time(rotated) == int(start_of_day().timestamp())


def test_the_form_cookie_of_a_tip_page_ends_with_the_browser(
    client, tip_page, settings
):
    """Django's CSRF cookie lasts a year: on a shared phone it outlived the visit."""
    response = client.get(tip_page.url)
    token = response.cookies[settings.CSRF_COOKIE_NAME]
    assert token.value and token["max-age"] == "" and token["expires"] == ""
    assert "Max-Age" not in token.OutputString()
    receipt = client.post(tip_page.url, tip_form_data(client, tip_page))
    assert receipt.status_code == 200 and Tip.objects.count() == 1  # CSRF holds


def test_tip_pages_load_nothing_from_other_hosts(client, tip_page):
    html = client.get(tip_page.url).content.decode()
    loaded = re.findall(r'<(?:script|img|link|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded)


def test_error_emails_for_tip_pages_reveal_nothing(tip_page, settings):
    settings.ADMINS = ADMINS
    settings.KCS_TIPS_ENCRYPTION_KEYS = ["not-a-valid-key"]  # storing fails: 500
    client = Client(raise_request_exception=False)
    response = client.post(tip_page.url, tip_form_data(client, tip_page), **IDENTIFYING)
    assert response.status_code == 500
    subject, text = only_error_report()
    assert tip_page.url in subject
    assert_no_marker(text)
    assert SECRET_TEXT not in text
    assert "Traceback" in text  # still useful to the developer


def test_error_emails_reveal_nothing_where_the_cache_keeps_no_tip_page(
    tip_page, settings
):
    """With a cache that keeps nothing (a dummy cache, Redis away), the middleware
    looks the tip pages up for each request; the error report must hide it all."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    settings.ADMINS = ADMINS
    settings.KCS_TIPS_ENCRYPTION_KEYS = ["not-a-valid-key"]  # storing fails: 500
    client = Client(raise_request_exception=False)
    response = client.post(tip_page.url, tip_form_data(client, tip_page), **IDENTIFYING)
    assert response.status_code == 500
    assert anonymous_paths() is None
    _subject, text = only_error_report()
    assert_no_marker(text)
    assert SECRET_TEXT not in text


def test_throttle_keys_are_salted_hourly_pseudonyms():
    with freeze_time("2026-01-05 10:00"):
        first = throttle.client_pseudonym(ADDRESS)
        assert throttle.client_pseudonym(ADDRESS) == first
    with freeze_time("2026-01-05 11:00"):
        assert throttle.client_pseudonym(ADDRESS) != first
    assert ADDRESS not in repr(cache._cache)  # noqa: SLF001 - locmem internals


def test_the_cache_alone_cannot_tell_whose_pseudonym_it_is(settings):
    """The hour's salt sits in the cache beside the counters: were it the whole
    key, anyone reading the cache could try every address against them."""
    pseudonym = throttle.client_pseudonym(ADDRESS)
    salt = cache.get(throttle.salt_key(int(time.time() // throttle.HOUR)))
    guess = hmac.new(salt.encode(), ADDRESS.encode(), hashlib.sha256).hexdigest()
    assert salt and not guess.startswith(pseudonym)
    settings.SECRET_KEY = "another installation's key"
    assert throttle.client_pseudonym(ADDRESS) != pseudonym


def test_the_paths_follow_tip_pages_published_unpublished_and_deleted(tip_page):
    assert "/tip-off/" in anonymous_paths()
    tip_page.unpublish()
    assert "/tip-off/" not in anonymous_paths()
    tip_page.save_revision().publish()
    assert "/tip-off/" in anonymous_paths()
    tip_page.delete()
    assert "/tip-off/" not in anonymous_paths()


# --- The JSON API: the same anonymity as the tip page ----------------------------


def post_json(client, url, body):
    return client.post(
        url, json.dumps(body), content_type="application/json", **IDENTIFYING
    )


def fill(client, page) -> dict:
    form = client.get(form_url(page), **IDENTIFYING).json()
    started = next(f["initial"] for f in form["fields"] if f["key"] == "started")
    captcha = {"key": form["captcha"]["key"], "answer": "PASSED"}
    answers = {"started": started, "captcha": captcha, **TIP}
    return answers, form["captcha"], pace_of(form)


def test_the_api_stores_and_logs_no_address_or_agent_and_opens_no_session(
    client, tip_page, caplog
):
    caplog.set_level(logging.DEBUG)
    assert client.get("/api/tips/", **IDENTIFYING).status_code == 200
    answers, captcha, pace = fill(client, tip_page)
    image = captcha["image_url"].removeprefix("http://testserver")
    assert client.get(image, **IDENTIFYING).status_code == 200
    client.post(f"/api/tips/pages/{tip_page.pk}/captcha/", **IDENTIFYING)
    sent = client.post(
        submit_url(tip_page),
        {
            "data": json.dumps({"answers": answers, "pace": pace}),
            "evidence": upload("a.jpg", jpeg_with_gps()),
        },
        **IDENTIFYING,
    )
    assert sent.status_code == 201, sent.content
    code = sent.json()["receipt_code"]
    assert post_json(client, "/api/tips/case/", {"code": code}).status_code == 200
    message = {"code": code, "body": "เพิ่มเติม"}
    assert post_json(client, "/api/tips/case/messages/", message).status_code == 201
    wrong, _captcha, pace = fill(client, tip_page)
    wrong["captcha"]["answer"] = "WRONG"
    refused = post_json(client, submit_url(tip_page), {"pace": pace, "answers": wrong})
    assert refused.status_code == 400  # django.request's warning is not written

    assert Tip.objects.count() == 1
    stored = database_text()
    assert_no_marker(stored)
    assert SECRET_TEXT not in stored  # encrypted at rest
    assert code not in stored and code.replace("-", "") not in stored
    assert not any(r.name == "django.request" for r in caplog.records)
    assert_no_marker(logged_text(caplog.records))
    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies


def test_the_middleware_covers_the_api_without_any_tip_page(caplog):
    cache.clear()  # no tip page known: only the API's URL names say where it is
    assert is_anonymous_path("/api/tips/case/")
    assert not is_anonymous_path("/api/eservice/tracking/")
    caplog.set_level(logging.DEBUG)
    # No view runs for an unknown path: only the middleware can have scrubbed it.
    response = Client().get("/api/tips/no-such-endpoint/", **IDENTIFYING)
    assert response.status_code == 404
    assert response.wsgi_request.META["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
    assert not any(r.name == "django.request" for r in caplog.records)
    assert_no_marker(logged_text(caplog.records))


def test_tip_api_responses_are_not_cached(client, tip_page):
    response = client.get(form_url(tip_page), **IDENTIFYING)
    assert response["Cache-Control"] == "private, no-store"


def test_error_emails_for_the_tip_api_reveal_nothing(tip_page, settings):
    settings.ADMINS = ADMINS
    client = Client(raise_request_exception=False)
    answers, _captcha, pace = fill(client, tip_page)
    settings.KCS_TIPS_ENCRYPTION_KEYS = ["not-a-valid-key"]  # storing fails: 500
    response = post_json(
        client, submit_url(tip_page), {"pace": pace, "answers": answers}
    )
    assert response.status_code == 500
    subject, text = only_error_report()
    assert submit_url(tip_page) in subject
    assert_no_marker(text)
    assert SECRET_TEXT not in text


def test_endpoints_scrub_even_where_the_host_lacks_the_middleware(
    tip_page, settings, caplog
):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.startswith("tips.")
    ]
    caplog.set_level(logging.DEBUG)
    response = post_json(Client(), "/api/tips/case/", {"code": "AAAA"})
    assert response.status_code == 400
    assert response.wsgi_request.META["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
    assert not any(r.name == "django.request" for r in caplog.records)
    assert_no_marker(logged_text(caplog.records))
