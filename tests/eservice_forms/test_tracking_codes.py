"""Tracking codes: keyed for their use, and a request stored before keeps the code
its applicant was given (scheme 1)."""

import importlib
import uuid

from django.apps import apps
from django.core import mail
from django.http import QueryDict

from eservice_forms import services, tasks
from eservice_forms.models import ServiceRequest
from eservice_forms.tracking_codes import (
    CURRENT_SCHEME,
    FIRST_SCHEME,
    code_digest,
    code_matches,
    code_of,
    tracking_code,
)

from .conftest import WATER_ANSWERS
from .test_tracking import track

rekey = importlib.import_module(
    "eservice_forms.migrations.0007_tracking_codes_keyed_per_use"
)
VECTOR_KEY = uuid.UUID("12345678-1234-5678-1234-567812345678")


def answers():
    data = QueryDict(mutable=True)
    data.update(WATER_ANSWERS)
    return data


def stored_before_the_upgrade(page, key) -> ServiceRequest:
    """A request as the earlier code stored it: its code and digest keyed with
    SECRET_KEY itself."""
    service_request = services.submit_request(
        page, answers(), {}, idempotency_key=key
    ).request
    code = rekey._first_code(service_request.site_id, key)
    service_request.tracking_code_scheme = FIRST_SCHEME
    service_request.secret_hash = rekey._first_digest(code)
    service_request.save(update_fields=["tracking_code_scheme", "secret_hash"])
    return service_request


def test_the_first_scheme_is_the_code_applicants_were_given(settings):
    """Values from the earlier ``eservice_forms.tracking_codes``."""
    settings.SECRET_KEY = "a-fixed-key-for-test-vectors"
    assert tracking_code(7, VECTOR_KEY, FIRST_SCHEME) == "ODV6-JR4U-PN44"
    assert rekey._first_digest("ODV6JR4UPN44") == (
        "b35fa6ab5156fefe2dc8353c06eeb00d6f776b065449f61eaeaf0660ed849912"
    )
    assert tracking_code(7, VECTOR_KEY) != "ODV6-JR4U-PN44"


def test_the_current_scheme_is_the_code_applicants_hold(settings):
    """Values of scheme 2 as released: a changed derivation (its namespace or
    purpose) would turn every code given since into one that no longer tracks."""
    settings.SECRET_KEY = "a-fixed-key-for-test-vectors"
    code = tracking_code(7, VECTOR_KEY)
    assert code == "6UV4-JHPH-O25Q"
    assert code_digest(code) == (
        "11f806350fef007cfb4c6f3b968e16e2daa1077f18879c069a330d76a052e0ba"
    )


def test_a_new_request_is_keyed_with_derived_keys_only(water, settings):
    submission = services.submit_request(
        water, answers(), {}, idempotency_key=uuid.uuid4()
    )
    stored = submission.request
    assert stored.tracking_code_scheme == CURRENT_SCHEME
    assert code_of(stored) == submission.secret
    assert code_matches(stored, submission.secret.replace("-", " ").lower())
    assert stored.secret_hash != rekey._first_digest(submission.secret.replace("-", ""))


def test_a_request_stored_before_keeps_its_code_on_every_path(client, water):
    key = uuid.uuid4()
    service_request = stored_before_the_upgrade(water, key)
    held = tracking_code(service_request.site_id, key, FIRST_SCHEME)
    assert not code_matches(service_request, held)  # not re-keyed yet
    rekey.rekey_digests(apps, None)
    service_request.refresh_from_db()
    assert code_matches(service_request, held)
    assert track(client, service_request.reference, held).status_code == 200
    assert "ไม่พบคำร้อง" not in track(client, service_request.reference, held).text
    retry = services.submit_request(water, answers(), {}, idempotency_key=key)
    assert not retry.created and retry.secret == held
    mail.outbox.clear()
    tasks.notify_new_request.enqueue(service_request.pk)  # an e-mail sent late
    assert any(held in message.body for message in mail.outbox)


def test_rekeying_leaves_digests_of_a_changed_secret_key_and_can_be_undone(
    water, settings
):
    kept = stored_before_the_upgrade(water, uuid.uuid4())
    stale = stored_before_the_upgrade(water, uuid.uuid4())
    ServiceRequest.objects.filter(pk=stale.pk).update(secret_hash="0" * 64)
    first_digest = kept.secret_hash
    rekey.rekey_digests(apps, None)
    assert ServiceRequest.objects.get(pk=stale.pk).secret_hash == "0" * 64
    assert ServiceRequest.objects.get(pk=kept.pk).secret_hash != first_digest
    rekey.restore_digests(apps, None)
    assert ServiceRequest.objects.get(pk=kept.pk).secret_hash == first_digest
