"""Pace tickets (kcs_core.pacing): what a program filing at scale runs into."""

import datetime
import re

from django.test import Client

import altcha
import pytest
from freezegun import freeze_time

from kcs_core import pacing
from tests.conftest import solve_pace
from tests.tips.conftest import (  # noqa: F401 - fixtures
    form_data,
    tip_form_data,
    tip_page,
    tips_settings,
)
from tips.models import Tip

SCOPE = "tips:1"


def solved(ticket: pacing.Ticket) -> str:
    return solve_pace(ticket)[pacing.SOLUTION_FIELD]


def redeem(ticket, *, solution=None, client="client-a", site=1, scope=SCOPE):
    pacing.redeem(
        ticket.ticket,
        solved(ticket) if solution is None else solution,
        scope=scope,
        site_id=site,
        client_key=client,
    )


def test_a_replayed_ticket_is_refused(db):
    ticket = pacing.issue(SCOPE, 1, "client-a")
    solution = solved(ticket)
    redeem(ticket, solution=solution)
    with pytest.raises(pacing.PaceRefused) as refused:
        redeem(ticket, solution=solution)
    assert refused.value.code == "replayed"


def test_the_answer_to_a_filing_is_given_to_that_same_sending_only(db):
    """Kept for a reload of the answer page; another ticket, the same ticket with
    another solution, or with other answers, reads nothing; an hour on, nothing is
    kept."""
    ticket = pacing.issue(SCOPE, 1, "client-a")
    sent = {pacing.TICKET_FIELD: ticket.ticket, pacing.SOLUTION_FIELD: solved(ticket)}
    answers = '{"description": "เรียกรับเงิน"}'

    def resent(data, answers=answers):
        return pacing.answer_to_resent(data, answers=answers)

    assert resent(sent) is None
    pacing.remember_answer(sent, {"tip": 7, "code": "K7QM-3XZP"}, answers=answers)
    assert resent(dict(sent)) == {"tip": 7, "code": "K7QM-3XZP"}
    assert resent(sent, answers='{"description": "other"}') is None
    other = pacing.issue(SCOPE, 1, "client-a")
    assert resent({pacing.TICKET_FIELD: other.ticket}) is None
    matured = {pacing.TICKET_FIELD: ticket.ticket}  # the same nonce, no solution
    assert resent(matured) is None
    with freeze_time(datetime.datetime.now() + datetime.timedelta(hours=2)):
        assert resent(sent) is None


def test_a_ticket_is_bound_to_its_site_and_form(db):
    with pytest.raises(pacing.PaceRefused):
        redeem(pacing.issue(SCOPE, 1, "client-a"), site=2)
    with pytest.raises(pacing.PaceRefused):
        redeem(pacing.issue(SCOPE, 1, "client-a"), scope="eservice:1")


def test_a_forged_or_expired_ticket_is_refused(db):
    ticket = pacing.issue(SCOPE, 1, "client-a")
    forged = dict(ticket.challenge, parameters={**ticket.challenge["parameters"]})
    forged["parameters"]["data"] = {**forged["parameters"]["data"], "level": 9}
    with pytest.raises(pacing.PaceRefused):
        pacing.redeem(
            pacing.Ticket(forged, 0, 0, 0, 0, 0).ticket,
            "",
            scope=SCOPE,
            site_id=1,
            client_key="client-a",
        )
    with freeze_time("2099-01-01"), pytest.raises(pacing.PaceRefused):
        redeem(ticket)


def test_each_filing_beyond_the_free_ones_doubles_the_cost(db, settings):
    settings.KCS_PACE_FREE_FILINGS = 3
    works = []
    for _ in range(6):
        ticket = pacing.issue(SCOPE, 1, "client-a")
        works.append((ticket.level, ticket.work, ticket.wait_seconds))
        redeem(ticket)
    base, wait = pacing.base_work(), pacing.base_wait()
    assert works == [
        (0, base, wait),
        (0, base, wait),
        (0, base, wait),
        (1, 2 * base, 2 * wait),
        (2, 4 * base, 4 * wait),
        (3, 8 * base, 8 * wait),
    ]


def test_the_counter_to_find_is_half_to_one_and_a_half_times_the_work(db, monkeypatch):
    """The solver tries counters from zero up: the answer is drawn from half the
    ticket's work up to one and a half times it, never less."""
    work = pacing.base_work()
    reached = []
    for draw in (lambda _bound: 0, lambda bound: bound - 1):  # the least, the most
        monkeypatch.setattr(pacing.secrets, "randbelow", draw)
        ticket = pacing.issue(SCOPE, 1, "client-a")
        challenge = altcha.Challenge.from_dict(ticket.challenge)
        reached.append(altcha.solve_challenge(challenge).counter)
    assert reached == [work // 2, work // 2 + work - 1]


def test_tickets_fetched_in_bulk_at_the_base_cost_buy_only_the_free_filings(
    db, settings
):
    settings.KCS_PACE_FREE_FILINGS = 2
    tickets = [pacing.issue(SCOPE, 1, "client-a") for _ in range(5)]
    redeem(tickets[0])
    redeem(tickets[1])
    with pytest.raises(pacing.PaceRefused) as refused:
        redeem(tickets[2])
    assert refused.value.code == "busy"
    assert pacing.issue(SCOPE, 1, "client-a").level == 1  # the refusal not counted


def test_residents_behind_one_address_at_normal_volume_pay_the_base_cost(db, settings):
    """Twenty filings an hour from one carrier address: every one at level 0."""
    levels = []
    for _ in range(20):
        ticket = pacing.issue(SCOPE, 1, "carrier-address")
        levels.append(ticket.level)
        redeem(ticket, client="carrier-address")
    assert set(levels) == {0}
    assert pacing.issue(SCOPE, 1, "another-address").level == 0


def test_rotating_forwarded_for_from_an_untrusted_address_changes_nothing(
    client,
    tip_page,  # noqa: F811
    settings,
):
    settings.KCS_PACE_FREE_FILINGS = 1
    settings.KCS_TRUSTED_PROXIES = []
    assert client.post(tip_page.url, tip_form_data(client, tip_page)).status_code == 200
    levels = []
    for hop in ("203.0.113.1", "203.0.113.2", "198.51.100.7"):
        page = client.get(tip_page.url, HTTP_X_FORWARDED_FOR=hop)
        levels.append(page.context["pace"].level)
    assert levels == [1, 1, 1]


def with_pace(client, page, **overrides):
    return {
        **form_data(**overrides),
        **solve_pace(client.get(page.url).context["pace"]),
    }


def test_without_javascript_the_form_is_refused_before_the_wait_and_kept(
    client,
    tip_page,  # noqa: F811
):
    with freeze_time("2026-03-01 10:00:00"):
        ticket = client.get(tip_page.url).context["pace"]
        assert ticket.wait_seconds == pacing.base_wait()
        data = {**form_data(), pacing.TICKET_FIELD: ticket.ticket}
        early = client.post(tip_page.url, data)
    html = early.content.decode()
    assert early.status_code == 400 and Tip.objects.count() == 0
    assert "เรียกรับเงินค่าอนุมัติใบอนุญาตก่อสร้าง" in html  # what was typed is kept
    assert "วินาที" in html  # the wait, said in Thai next to the form
    fresh = re.search(r'name="pace_ticket" value="([^"]+)"', html).group(1)
    assert fresh != ticket.ticket  # a new ticket to wait for
    with freeze_time("2026-03-01 10:00:06"):
        sent = client.post(tip_page.url, data)
    assert sent.status_code == 200 and Tip.objects.count() == 1


def test_the_tip_page_shows_the_widget_and_says_how_long_without_javascript(
    tip_page,  # noqa: F811
):
    html = Client().get(tip_page.url).content.decode()
    assert "<altcha-widget" in html and 'name="pace_solution"' in html
    assert "<noscript>" in html
    assert "/static/kcs_core/altcha/altcha.min.js" in html
