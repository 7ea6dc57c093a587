"""Rate limits that keep no client identifier, shared by the apps and the admin login.

A client is known only as ``HMAC(salt, address)``, where the salt is random, lives in
the cache for two hours and changes every hour; counters live in the cache and expire
with their window. So the cache never holds an address, and yesterday's counters
cannot be linked to anyone, not even by someone who holds the secret key.
"""

import hashlib
import hmac
import secrets
import time

from django.core.cache import cache

HOUR = 3600


def client_address(meta) -> str:
    """The client's address as the nearest proxy saw it (last X-Forwarded-For hop),
    or the socket's address. Used only to derive a pseudonym."""
    forwarded = [
        hop.strip()
        for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    return forwarded[-1] if forwarded else meta.get("REMOTE_ADDR", "")


def client_pseudonym(address: str) -> str:
    """A short-lived pseudonym of a client address (changes every hour)."""
    bucket = int(time.time() // HOUR)
    salt = cache.get_or_set(
        f"kcs:throttle:salt:{bucket}", lambda: secrets.token_hex(32), 2 * HOUR
    )
    return hmac.new(salt.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def digest(value: str) -> str:
    """A cache-key-safe stand-in for a value typed by a user (a name, a number)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _key(name: str, window: int) -> str:
    return f"kcs:throttle:{name}:{window}:{int(time.time() // window)}"


def count(name: str, window: int = HOUR) -> int:
    """Count one event of ``name`` in the current window; the count so far."""
    key = _key(name, window)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def hit(name: str, limit: int, window: int = HOUR) -> bool:
    """Count one event of ``name``; False once it exceeds ``limit`` in the window."""
    return count(name, window) <= limit


def exceeded(name: str, limit: int, window: int = HOUR) -> bool:
    """Whether ``name`` has already reached ``limit`` events in this window."""
    return cache.get(_key(name, window), 0) >= limit
