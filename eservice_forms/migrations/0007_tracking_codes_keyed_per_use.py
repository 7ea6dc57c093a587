"""Tracking codes get keys of their own, derived from ``SECRET_KEY`` for their use
(``kcs_core.keyed_digests``) instead of ``SECRET_KEY`` itself.

Requests stored before keep the code their applicant holds: they are marked scheme 1
(their code is still derived the first way) and their digest is re-keyed. A digest
that does not match the code ``SECRET_KEY`` gives (the key was changed since) stays
as it was: that code no longer worked before this migration either.
The derivations are written out here so this migration means the same whatever
the app's code becomes."""

import base64
import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _first_code(site_id, idempotency_key) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"eservice:{site_id}:{idempotency_key}".encode(),
        hashlib.sha256,
    ).digest()
    return base64.b32encode(digest).decode()[:12]


def _first_digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def _keyed_digest(code: str) -> str:
    key = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"kcs-eservice:tracking-code-digest",
    ).derive(settings.SECRET_KEY.encode())
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def rekey_digests(apps, schema_editor):
    ServiceRequest = apps.get_model("eservice_forms", "ServiceRequest")
    changed = []
    for service_request in ServiceRequest.objects.exclude(secret_hash="").iterator():
        code = _first_code(service_request.site_id, service_request.idempotency_key)
        if hmac.compare_digest(service_request.secret_hash, _first_digest(code)):
            service_request.secret_hash = _keyed_digest(code)
            changed.append(service_request)
    ServiceRequest.objects.bulk_update(changed, ["secret_hash"], batch_size=500)


def restore_digests(apps, schema_editor):
    ServiceRequest = apps.get_model("eservice_forms", "ServiceRequest")
    changed = []
    for service_request in ServiceRequest.objects.filter(
        tracking_code_scheme=1
    ).exclude(secret_hash="").iterator():
        code = _first_code(service_request.site_id, service_request.idempotency_key)
        if hmac.compare_digest(service_request.secret_hash, _keyed_digest(code)):
            service_request.secret_hash = _first_digest(code)
            changed.append(service_request)
    ServiceRequest.objects.bulk_update(changed, ["secret_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("eservice_forms", "0006_number_preset_questions")]

    operations = [
        migrations.AddField(
            model_name="servicerequest",
            name="tracking_code_scheme",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name="servicerequest",
            name="tracking_code_scheme",
            field=models.PositiveSmallIntegerField(default=2, editable=False),
        ),
        migrations.RunPython(rekey_digests, restore_digests),
    ]
