"""Rate limits that keep no client identifier, shared by the apps and the admin login.

A client is known only as ``HMAC(HMAC(key, salt), address)``: the salt is random,
lives in the cache for two hours and changes every hour; the key is derived from
``SECRET_KEY`` and never enters the cache. Counters live in the cache and expire with
their window. So the cache never holds an address, someone who reads the cache
cannot try addresses against its pseudonyms (the salt beside them is not enough),
and yesterday's counters cannot be linked to anyone, not even by someone who holds
the secret key.
"""

import datetime
import hashlib
import hmac
import ipaddress
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from kcs_core.keyed_digests import derived_key, keyed_digest
from kcs_core.thai_dates import format_time

HOUR = 3600


def trusted_proxies() -> list:
    """The networks of the proxies in front of the app (``KCS_TRUSTED_PROXIES``:
    addresses or networks, e.g. ``["127.0.0.1", "::1", "10.0.0.0/8"]``; none by
    default). Only they may say, in ``X-Forwarded-For``, who the client is."""
    return [
        ipaddress.ip_network(proxy.strip(), strict=False)
        for proxy in getattr(settings, "KCS_TRUSTED_PROXIES", [])
        if proxy.strip()
    ]


def is_trusted(address: str, proxies: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(meta) -> str:
    """The client's address: the socket's, unless it is a trusted proxy; then the
    nearest ``X-Forwarded-For`` hop that is not itself a trusted proxy (hops further
    left were written by the client and prove nothing). Used only to derive a
    pseudonym."""
    remote = meta.get("REMOTE_ADDR", "")
    proxies = trusted_proxies()
    if not is_trusted(remote, proxies):
        return remote
    hops = [hop.strip() for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not is_trusted(hop, proxies):
            return hop
    return remote


def client_network(address: str) -> str:
    """What counts as one client: an IPv4 address, or an IPv6 address's /64 (one
    household or phone gets a whole /64, and can pick any address in it)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def salt_key(hour: int) -> str:
    """The cache key of the random salt of an hour (``time // HOUR``)."""
    return f"kcs:throttle:salt:{hour}"


def client_pseudonym(address: str) -> str:
    """A short-lived pseudonym of a client (changes every hour)."""
    address = client_network(address)
    hour = int(time.time() // HOUR)
    salt = cache.get_or_set(salt_key(hour), lambda: secrets.token_hex(32), 2 * HOUR)
    key = keyed_digest(derived_key("throttle", "client-pseudonym"), salt)
    return hmac.new(key.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def client_key(meta) -> str:
    """The hourly pseudonym of the client that sent a request (its ``META``)."""
    return client_pseudonym(client_address(meta))


def digest(value: str) -> str:
    """A cache-key-safe stand-in for a value typed by a user (a name, a number)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def window_of(moment: float, window: int) -> int:
    """The number of the ``window``-second window a moment (a timestamp) falls in."""
    return int(moment // window)


def seconds_left(window: int = HOUR) -> int:
    """Seconds until the current ``window`` ends. A throttled client's counters
    start again then (its hourly pseudonym changes on the hour, when every window
    ends too), so this is the ``Retry-After`` of a refusal."""
    return window - int(time.time() % window)


def retry_time(window: int = HOUR) -> str:
    """When a client throttled now may try again, as the reader's clock time
    (``15:00 น.``): the end of the current ``window``, said beside ``Retry-After``
    for people."""
    moment = timezone.now() + datetime.timedelta(seconds=seconds_left(window))
    return format_time(moment)


def say_when_to_retry(response, window: int = HOUR):
    """Give a 429 ``response`` the ``Retry-After`` of the current ``window``."""
    response["Retry-After"] = str(seconds_left(window))
    return response


def _key(name: str, window: int, moment: float | None = None) -> str:
    number = window_of(time.time() if moment is None else moment, window)
    return f"kcs:throttle:{name}:{window}:{number}"


def count(
    name: str, window: int = HOUR, amount: int = 1, *, at: float | None = None
) -> int:
    """Count ``amount`` (one event, or a number of bytes) of ``name`` in the current
    window, or in the window of the moment ``at`` (a timestamp); the total so far."""
    key = _key(name, window, at)
    try:
        return cache.incr(key, amount)  # one round trip once the window has begun
    except ValueError:  # the window's first event
        if cache.add(key, amount, window):
            return amount
        return cache.incr(key, amount)


def total(name: str, window: int = HOUR) -> int:
    """What has been counted of ``name`` in the current window."""
    return cache.get(_key(name, window), 0)


def hit(name: str, limit: int, window: int = HOUR) -> bool:
    """Count one event of ``name``; False once it exceeds ``limit`` in the window."""
    return count(name, window) <= limit


def exceeded(name: str, limit: int, window: int = HOUR) -> bool:
    """Whether ``name`` has already reached ``limit`` events in this window."""
    return total(name, window) >= limit


class TooManyAttempts(Exception):
    """The client was refused too often this hour (forms, codes)."""


class FormRefused(Exception):
    """The form has errors; they are on the form."""


def validate_counting_refusals(form, name: str, limit: int) -> None:
    """Validate ``form`` for a client whose refusals are counted under ``name``:
    :class:`TooManyAttempts` once ``limit`` refusals this hour are reached, else
    :class:`FormRefused` (and one more refusal counted) when the form has errors.
    The HTML pages and the JSON API of an action share it, so they share the count.
    """
    if exceeded(name, limit):
        raise TooManyAttempts
    if not form.is_valid():
        count(name)
        raise FormRefused
