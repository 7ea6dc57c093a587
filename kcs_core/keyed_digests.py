"""Keys derived from ``SECRET_KEY`` and the keyed digests made with them: the one
place the apps turn a secret into a key.

Each use gets a key of its own (HKDF-SHA256, ``info`` names the use), so a digest made
for one purpose never matches another's and ``SECRET_KEY`` itself never keys a hash.
A setting can supply the key instead (``configured``), so a copied database plus
``SECRET_KEY`` still allows no offline guessing where that matters.
"""

import hashlib
import hmac

from django.conf import settings

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def derived_key(namespace: str, purpose: str) -> bytes:
    """32 bytes derived from ``SECRET_KEY`` for ``purpose`` within ``namespace``
    (``kcs-<namespace>:<purpose>``): changing either gives an unrelated key."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=f"kcs-{namespace}:{purpose}".encode(),
    ).derive(settings.SECRET_KEY.encode())


def digest_key(namespace: str, purpose: str, configured: str) -> bytes:
    """The key of a digest: ``configured`` when a setting gives one (not empty),
    else derived."""
    return configured.encode() if configured else derived_key(namespace, purpose)


def keyed_digest(key: bytes, value: str) -> str:
    """HMAC-SHA256 of ``value`` under ``key``, as 64 hex digits."""
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def digest_matches(stored: str, key: bytes, value: str) -> bool:
    """Whether ``stored`` is the digest of ``value``, compared in constant time; an
    empty ``stored`` never matches."""
    return bool(stored) and hmac.compare_digest(stored, keyed_digest(key, value))
