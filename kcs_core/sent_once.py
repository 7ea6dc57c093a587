"""A form sent twice (a double click, a browser's resend after a lost answer) is
acted on once: each form shown carries a new key (:class:`SentOnceForm`), and a
service acts only on the first sending of a key (:func:`act_once`)."""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.cache import cache

from kcs_core.pacing import LIFETIME

T = TypeVar("T")


class SentOnceForm(forms.Form):
    """A form with a key new each time it is shown, ``once``, that its service
    passes to :func:`act_once`."""

    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("once", secrets.token_urlsafe(16))


def sent_key(scope: str, once: str) -> str:
    return f"kcs:sent-once:{scope}:{once}"


def was_acted_on(scope: str, once: str) -> bool:
    """Whether :func:`act_once` acted on the form keyed ``once`` to ``scope``: a
    view can answer a second sending as the first was answered, before checking a
    form the first sending made out of date (a status the request has left)."""
    return bool(once) and cache.get(sent_key(scope, once)) is not None


def act_once(
    scope: str, once: str, action: Callable[[], T], *, lifetime: int = LIFETIME
) -> T | None:
    """``action()`` for the first sending of the form keyed ``once`` to ``scope``
    (the action and its object, e.g. ``tips:reply:12``), remembered for a form's
    life (``lifetime`` seconds, at least that); ``None`` for a later one. A
    sending without a key (a client that sends none) always acts. When
    ``action`` raises, nothing was kept: the key is forgotten, so that sending
    again works."""
    key = sent_key(scope, once)
    if once and not cache.add(key, 1, lifetime):
        return None
    try:
        return action()
    except BaseException:
        if once:
            cache.delete(key)
        raise
