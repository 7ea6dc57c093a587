"""Tracking codes of e-service requests: derived from the submission's one-time key
(a retry shows the same code) and stored only as a keyed digest. Both keys are
derived for their use by :mod:`kcs_core.keyed_digests`.

Requests stored before codes had keys of their own (``tracking_code_scheme`` 1)
keep the code their applicant was shown: a retry of such a submission, or its
e-mail sent late, shows that code, and migration 0007 re-keyed its digest."""

import base64

from django.conf import settings

from kcs_core.keyed_digests import derived_key, digest_matches, keyed_digest
from kcs_core.thai_dates import arabic_digits

FIRST_SCHEME = 1
CURRENT_SCHEME = 2


def tracking_code(site_id: int, idempotency_key, scheme: int = CURRENT_SCHEME) -> str:
    """The tracking code of a submission (``XXXX-XXXX-XXXX``), from its site and
    one-time key, so a retry with the same key shows the same code."""
    if scheme == FIRST_SCHEME:
        key, value = (
            settings.SECRET_KEY.encode(),
            f"eservice:{site_id}:{idempotency_key}",
        )
    else:
        key, value = (
            derived_key("eservice", "tracking-code"),
            f"{site_id}:{idempotency_key}",
        )
    code = base64.b32encode(bytes.fromhex(keyed_digest(key, value))).decode()[:12]
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


def code_of(service_request) -> str:
    """The tracking code its applicant was given for ``service_request``."""
    return tracking_code(
        service_request.site_id,
        service_request.idempotency_key,
        service_request.tracking_code_scheme,
    )


def normalize(code: str) -> str:
    """A code as typed, without dashes or spaces, in capitals and Arabic digits."""
    return arabic_digits(code).replace("-", "").replace(" ", "").upper()


def code_digest(code: str) -> str:
    """The stored form of a tracking code."""
    return keyed_digest(
        derived_key("eservice", "tracking-code-digest"), normalize(code)
    )


def code_matches(service_request, code: str) -> bool:
    """Whether ``code`` is the tracking code of ``service_request``."""
    return digest_matches(
        service_request.secret_hash,
        derived_key("eservice", "tracking-code-digest"),
        normalize(code),
    )
