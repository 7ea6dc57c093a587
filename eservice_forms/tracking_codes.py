"""Tracking codes of e-service requests: derived from the submission's one-time key
(a retry shows the same code) and stored only as a keyed hash."""

import base64
import hashlib
import hmac
import uuid

from django.conf import settings


def tracking_secret(site_id: int, idempotency_key: uuid.UUID) -> str:
    """The tracking code of a submission: derived from its one-time key, so a retry
    with the same key shows the same code, and only its hash is stored."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"eservice:{site_id}:{idempotency_key}".encode(),
        hashlib.sha256,
    ).digest()
    code = base64.b32encode(digest).decode()[:12]
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


def hash_secret(secret: str) -> str:
    normalised = secret.replace("-", "").replace(" ", "").upper()
    return hmac.new(
        settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256
    ).hexdigest()


def secret_matches(service_request, secret: str) -> bool:
    return bool(service_request.secret_hash) and hmac.compare_digest(
        service_request.secret_hash, hash_secret(secret)
    )
