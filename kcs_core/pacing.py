"""Pace tickets: what keeps a program from filing tips or e-service requests at scale.

Every form render (and every JSON form description) carries a *pace ticket*: an
ALTCHA proof-of-work challenge (v2, PBKDF2/SHA-256), signed, bound to one site and
one form, single-use, and valid for two days. A browser with JavaScript solves it
in the background (the ``altcha`` widget, shipped in ``kcs_core/static``); without
JavaScript the ticket *matures* instead after a wait, so the form still works
(progressive enhancement, as GlobaLeaks does; nothing to see or hear, WCAG 1.1.1).

What a ticket costs grows per client and site: the first
``KCS_PACE_FREE_FILINGS`` filings an hour from one client (its hourly pseudonym,
:func:`kcs_core.throttle.client_key`) cost a phone about a second of work or a few
seconds of waiting; each filing beyond that doubles both. A filing is counted when
its ticket is redeemed, and a ticket issued before the count rose is refused, so
tickets fetched in bulk at the base cost are worth one filing each until the free
ones are used. One machine thus files at most the free filings plus a dozen or so
an hour, while residents behind one carrier address pay nothing at normal volume.

Nothing here stores or logs a client identifier: the count lives in the cache
under the hourly pseudonym, the used tickets under their random nonce.

A form sent again with its spent ticket (a double click, or a reload of the answer
page, which makes the browser send the same form again) is refused before anything
is filed. A service may keep its answer to the first sending
(:func:`remember_answer`), encrypted with a key derived from what that sending
carried (its ticket, solution and answers), so that the same sending gets the same
answer (:func:`answer_to_resent`) and nothing is filed twice, while the same ticket
with other answers is refused as spent, not answered with the first filing.
"""

import base64
import binascii
import datetime
import json
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

import altcha
from cryptography.fernet import Fernet, InvalidToken

from kcs_core import throttle
from kcs_core.keyed_digests import derived_key, keyed_digest

ALGORITHM = "PBKDF2/SHA-256"
#: The field the widget fills with its solution, and the ticket's hidden field.
SOLUTION_FIELD = "pace_solution"
TICKET_FIELD = "pace_ticket"
MAX_LEVEL = 20
#: A public form's life in seconds (two days): its ticket, its signed start time
#: and a one-time key expire with it.
LIFETIME = 2 * 24 * 3600
#: How long the answer to a filing is kept for the same form sent again (an hour:
#: a reload of the answer page comes within minutes).
RESENT_ANSWER_SECONDS = 3600


def free_filings() -> int:
    """Filings an hour per client and site at the base cost
    (``KCS_PACE_FREE_FILINGS``, 20)."""
    return getattr(settings, "KCS_PACE_FREE_FILINGS", 20)


def base_work() -> int:
    """Key derivations a base ticket takes on average (``KCS_PACE_BASE_WORK``,
    1000: about a second on a phone)."""
    return getattr(settings, "KCS_PACE_BASE_WORK", 1000)


def iterations() -> int:
    """PBKDF2 iterations of one key derivation (``KCS_PACE_ITERATIONS``, 1000)."""
    return getattr(settings, "KCS_PACE_ITERATIONS", 1000)


def base_wait() -> int:
    """Seconds a base ticket takes to mature without JavaScript
    (``KCS_PACE_BASE_WAIT``, 5: less than anyone takes to fill in a form)."""
    return getattr(settings, "KCS_PACE_BASE_WAIT", 5)


def work(level: int) -> int:
    return base_work() * 2**level


def wait(level: int) -> int:
    return base_wait() * 2**level


def _secret(purpose: str) -> str:
    return derived_key("pacing", purpose).hex()


def _counter(site_id: int, client_key: str) -> str:
    return f"pace:{site_id}:{client_key}"


def level_for(position: int) -> int:
    """The level the ``position``-th filing of the hour (1-based) must pay."""
    return min(max(0, position - free_filings()), MAX_LEVEL)


class PaceRefused(Exception):
    """The ticket does not admit this filing; ``message`` tells the resident why
    (the form comes back with a fresh ticket and their answers)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code

    @property
    def status_code(self) -> int:
        """429 when the client filed many this hour, else 400."""
        return 429 if self.code == "busy" else 400


@dataclass
class Ticket:
    """A pace ticket as a form shows it: the ALTCHA challenge, and the same as an
    opaque string for the hidden field and the JSON APIs."""

    challenge: dict
    level: int
    work: int
    issued_at: int
    matures_at: int
    expires_at: int

    @property
    def ticket(self) -> str:
        return base64.b64encode(json.dumps(self.challenge).encode()).decode()

    @property
    def challenge_json(self) -> str:
        return json.dumps(self.challenge)

    @property
    def wait_seconds(self) -> int:
        return self.matures_at - self.issued_at

    def as_json(self) -> dict:
        def moment(timestamp):
            return datetime.datetime.fromtimestamp(timestamp, datetime.UTC)

        return {
            "ticket": self.ticket,
            "challenge": self.challenge,
            "level": self.level,
            "work": self.work,
            "matures_at": moment(self.matures_at),
            "expires_at": moment(self.expires_at),
        }


def solve(challenge: dict) -> str:
    """The solution a program sends for a ticket's ``challenge``: the ALTCHA payload
    the widget would send, found the same way (for Python clients, the plugin's
    tests and benchmarks)."""
    parsed = altcha.Challenge.from_dict(challenge)
    return altcha.Payload(parsed, altcha.solve_challenge(parsed)).to_base64()


def issue(scope: str, site_id: int, client_key: str) -> Ticket:
    """A ticket for form ``scope`` (e.g. ``"tips:12"``) of site ``site_id``, as
    costly as the client's next filing on that site this hour must be."""
    level = level_for(throttle.total(_counter(site_id, client_key)) + 1)
    now = int(time.time())
    amount = work(level)
    challenge = altcha.create_challenge(
        ALGORITHM,
        iterations(),
        # Deterministic mode: the answer is a counter near ``amount`` on average,
        # and a signed key lets the server check a solution without re-deriving.
        counter=amount // 2 + secrets.randbelow(amount),
        expires_at=now + LIFETIME,
        data={"scope": scope, "site": site_id, "level": level, "issued": now},
        hmac_secret=_secret("challenge"),
        hmac_key_secret=_secret("key"),
    )
    return Ticket(
        challenge=challenge.to_dict(),
        level=level,
        work=amount,
        issued_at=now,
        matures_at=now + wait(level),
        expires_at=now + LIFETIME,
    )


def _decode_ticket(ticket: str) -> altcha.Challenge:
    try:
        return altcha.Challenge.from_dict(json.loads(base64.b64decode(ticket)))
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise _expired() from error


def _expired() -> PaceRefused:
    return PaceRefused(
        _("This form is too old or was changed. Check your answers and send it again."),
        "invalid",
    )


def _replayed() -> PaceRefused:
    return PaceRefused(
        _("This form was already sent once. Check your answers and send it again."),
        "replayed",
    )


def _spent_key(challenge: altcha.Challenge) -> str:
    return f"kcs:pace:used:{challenge.parameters.nonce}"


def _checked_challenge(ticket: str, solution: str) -> tuple[altcha.Challenge, bool]:
    """The ticket's challenge, signature and expiry checked, and whether it was
    solved. A solution carries its own copy of the challenge."""
    if solution:
        try:
            payload = altcha.Payload.from_base64(solution)
        except (ValueError, KeyError, TypeError, binascii.Error) as error:
            raise _expired() from error
    else:
        # No work done: check the signature alone (a solution that cannot be right).
        challenge = _decode_ticket(ticket)
        payload = altcha.Payload(challenge, altcha.Solution(0, ""))
    result = altcha.verify_solution(
        payload, _secret("challenge"), hmac_key_secret=_secret("key")
    )
    if result.expired or result.invalid_signature is not False:
        raise _expired()
    return payload.challenge, result.verified


def redeem(
    ticket: str, solution: str, *, scope: str, site_id: int, client_key: str
) -> None:
    """Admit one filing of form ``scope`` on site ``site_id`` with a ticket that was
    solved (``solution``, the widget's payload) or has matured (``ticket`` alone).
    Raises :class:`PaceRefused`; once it returns, the ticket is spent and the
    filing counted."""
    challenge, solved = _checked_challenge(ticket, solution)
    data = challenge.parameters.data or {}
    if data.get("scope") != scope or data.get("site") != site_id:
        raise _expired()
    level = int(data.get("level", 0))
    if not solved:
        remaining = int(data.get("issued", 0)) + wait(level) - int(time.time())
        if remaining > 0:
            raise PaceRefused(
                _(
                    "The form was sent too soon after it was shown. Please wait "
                    "%(seconds)d seconds, then send it again: your answers are kept."
                )
                % {"seconds": remaining},
                "early",
            )
    expires = int(challenge.parameters.expires_at or 0)
    if not cache.add(_spent_key(challenge), 1, max(expires - int(time.time()), 1)):
        raise _replayed()
    counter = _counter(site_id, client_key)
    position = throttle.count(counter)
    if level < level_for(position):
        throttle.count(counter, amount=-1)  # not a filing: do not count it
        raise PaceRefused(
            _(
                "Many forms were sent from your internet connection in the last hour, "
                "so this one needs a little longer. Send it again: your answers are "
                "kept."
            ),
            "busy",
        )


def refuse_spent_posted(data) -> None:
    """Refuse at once a form sent again with a ticket already spent (a resend after
    the answer was lost on the way), before the form's own checks: its single-use
    captcha is spent too, and would be blamed instead. Anything else wrong with the
    ticket is for :func:`redeem` to say."""
    challenge = _posted_challenge(data)
    if challenge is not None and cache.get(_spent_key(challenge)):
        raise _replayed()


def _posted_challenge(data) -> altcha.Challenge | None:
    """The challenge of the ticket a form came back with (read, not checked); None
    when there is none to read."""
    solution = data.get(SOLUTION_FIELD, "")
    try:
        if solution:
            return altcha.Payload.from_base64(solution).challenge
        return _decode_ticket(data.get(TICKET_FIELD, ""))
    except (PaceRefused, ValueError, KeyError, TypeError, binascii.Error):
        return None


def _answer_key(challenge: altcha.Challenge) -> str:
    return f"kcs:pace:answer:{challenge.parameters.nonce}"


def _answer_cipher(data, answers: str) -> Fernet:
    """The cipher of the answer to one sending: its key derives from the ticket, the
    solution and the ``answers`` that sending carried, which the server does not
    keep, so the kept answer is readable only by the same sending."""
    sent = f"{data.get(TICKET_FIELD, '')}\n{data.get(SOLUTION_FIELD, '')}\n{answers}"
    key = bytes.fromhex(keyed_digest(derived_key("pacing", "answer"), sent))
    return Fernet(base64.urlsafe_b64encode(key))


def remember_answer(data, answer: dict, *, answers: str) -> None:
    """Keep ``answer`` (JSON), the service's answer to the filing ``data`` posted
    with ``answers`` (the form and what it was sent with, as text), for
    :data:`RESENT_ANSWER_SECONDS`, encrypted for that sending alone."""
    challenge = _posted_challenge(data)
    if challenge is not None:
        token = _answer_cipher(data, answers).encrypt(json.dumps(answer).encode())
        cache.set(_answer_key(challenge), token, RESENT_ANSWER_SECONDS)


def answer_to_resent(data, *, answers: str) -> dict | None:
    """The answer kept by :func:`remember_answer` when ``data`` and ``answers`` are
    the same sending again; None otherwise (a first sending, another sending of the
    same ticket, other answers, or an answer no longer kept)."""
    challenge = _posted_challenge(data)
    token = cache.get(_answer_key(challenge)) if challenge is not None else None
    if token is None:
        return None
    try:
        return json.loads(_answer_cipher(data, answers).decrypt(token))
    except InvalidToken:
        return None


def page_scope(page) -> str:
    """What the tickets of a page's form are bound to: the page (ids are unique
    across the page tree, whatever the app)."""
    return f"page:{page.pk}"


def issue_for_page(page, site_id: int, client_key: str) -> Ticket:
    """A ticket for ``page``'s form (see :func:`issue`)."""
    return issue(page_scope(page), site_id, client_key)


def redeem_posted(data, *, page, site_id: int, client_key: str) -> None:
    """Spend the ticket an HTML form of ``page`` came back with (``data`` is the
    POST: the hidden ticket and the widget's solution); see :func:`redeem`."""
    redeem(
        data.get(TICKET_FIELD, ""),
        data.get(SOLUTION_FIELD, ""),
        scope=page_scope(page),
        site_id=site_id,
        client_key=client_key,
    )
