"""The tip endpoints keep the tip page's anonymity: after a tip is sent, read and
followed up through the API with marker addresses and a marker user agent, neither
appears in any table or any captured log line; no session; error e-mails reveal
nothing; the middleware covers the API paths wherever the host mounts them."""

import json
import logging

from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

import pytest

from tests.api.conftest import pace_of
from tests.tips.conftest import jpeg_with_gps, upload
from tests.tips.test_anonymity import (
    IDENTIFYING,
    SECRET_TEXT,
    assert_no_marker,
    database_text,
    logged_text,
    only_error_report,
)
from tips.anonymity import PLACEHOLDER_ADDRESS, is_anonymous_path
from tips.models import Tip

from .test_tips import TIP, form_url, submit_url

pytestmark = pytest.mark.django_db


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


def test_no_address_or_agent_in_database_or_logs_and_no_session(
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
    assert refused.status_code == 400  # logged by django.request with the request

    assert Tip.objects.count() == 1
    stored = database_text()
    assert_no_marker(stored)
    assert SECRET_TEXT not in stored  # encrypted at rest
    assert code not in stored and code.replace("-", "") not in stored
    assert any(r.name == "django.request" for r in caplog.records)
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
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records and records[0].request.META["REMOTE_ADDR"] == PLACEHOLDER_ADDRESS
    assert_no_marker(logged_text(caplog.records))


def test_tip_api_responses_are_not_cached(client, tip_page):
    response = client.get(form_url(tip_page), **IDENTIFYING)
    assert response["Cache-Control"] == "private, no-store"


def test_error_emails_for_the_tip_api_reveal_nothing(tip_page, settings):
    settings.ADMINS = [("Admin", "admin@example.go.th")]
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
    assert response.status_code == 400  # logged by django.request with the request
    assert any(r.name == "django.request" for r in caplog.records)
    assert_no_marker(logged_text(caplog.records))
