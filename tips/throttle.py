"""Rate limits that keep no client identifier.

A client is known only as ``HMAC(salt, address)``, where the salt is random, lives in
the cache for two hours and changes every hour; counters expire with their window. So
the cache never holds an address, and yesterday's counters cannot be linked to anyone.
"""

import hashlib
import hmac
import secrets
import time

from django.core.cache import cache

WINDOW_SECONDS = 3600


def _hour_salt() -> str:
    bucket = int(time.time() // WINDOW_SECONDS)
    return cache.get_or_set(
        f"tips:salt:{bucket}", lambda: secrets.token_hex(32), 2 * WINDOW_SECONDS
    )


def client_key(address: str) -> str:
    """A short-lived pseudonym of a client address (changes every hour)."""
    return hmac.new(
        _hour_salt().encode(), address.encode(), hashlib.sha256
    ).hexdigest()[:32]


def _key(name: str) -> str:
    return f"tips:throttle:{name}:{int(time.time() // WINDOW_SECONDS)}"


def hit(name: str, limit: int) -> bool:
    """Count one event of ``name`` in this hour; False once it exceeds ``limit``."""
    key = _key(name)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit


def exceeded(name: str, limit: int) -> bool:
    """Whether ``name`` has already reached ``limit`` events this hour."""
    return cache.get(_key(name), 0) >= limit
