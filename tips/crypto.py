"""Encryption at rest and the keyed hash of receipt codes.

Tip text, messages and files are encrypted with Fernet (``cryptography``) under keys
from the environment (``KCS_TIPS_ENCRYPTION_KEYS``, newest first), so a copied
database or media folder reveals no content. Receipt codes are stored as an HMAC
whose key (``KCS_TIPS_RECEIPT_KEY``) is not in the database either, so a copied
database allows no offline guessing. Without these settings both keys are derived
from ``SECRET_KEY``, which suits development only (a deploy check warns).
"""

import base64

from django.conf import settings

from cryptography.fernet import Fernet, MultiFernet

from kcs_core.keyed_digests import derived_key, digest_key, keyed_digest
from kcs_core.thai_dates import start_of_day


def encryption_keys() -> list[str]:
    """The configured Fernet keys, newest first, or one derived from SECRET_KEY."""
    keys = list(getattr(settings, "KCS_TIPS_ENCRYPTION_KEYS", None) or [])
    return keys or [
        base64.urlsafe_b64encode(derived_key("tips", "encryption")).decode()
    ]


def fernet() -> MultiFernet:
    """Encrypts with the newest key and decrypts with any configured key."""
    return MultiFernet([Fernet(key) for key in encryption_keys()])


def generate_key() -> str:
    """A new random Fernet key, for ``KCS_TIPS_ENCRYPTION_KEYS``."""
    return Fernet.generate_key().decode()


def encrypt_bytes(data: bytes) -> bytes:
    """``data`` encrypted under the newest key. A Fernet token carries its time in
    clear, so it is given the start of the local day, as the tip's own times are,
    not the second the tipster wrote."""
    return fernet().encrypt_at_time(data, int(start_of_day().timestamp()))


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(token)


def rotate_bytes(token: bytes) -> bytes:
    """The same content re-encrypted under the newest key, dated the day of the
    rotation (Fernet's own ``rotate`` would keep the time of the first encryption,
    to the second, for tokens made before times were kept as days)."""
    return encrypt_bytes(decrypt_bytes(token))


def encrypt_text(text: str) -> str:
    return encrypt_bytes(text.encode()).decode() if text else ""


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode()).decode() if token else ""


def receipt_digest(code: str) -> str:
    """The stored form of a normalised receipt code: HMAC-SHA256 under a key that
    lives outside the database."""
    configured = getattr(settings, "KCS_TIPS_RECEIPT_KEY", "")
    return keyed_digest(digest_key("tips", "receipt", configured), code)
