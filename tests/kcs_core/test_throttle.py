"""When a throttled client may try again (``Retry-After``)."""

from django.utils import translation

from freezegun import freeze_time

from kcs_core import throttle
from kcs_core.api import Throttled, pace_error
from kcs_core.pacing import PaceRefused


@freeze_time("2026-11-20 03:40:00")
def test_a_refusal_lasts_until_its_window_ends():
    """The counters and the client's pseudonym start again on the hour (and at
    each quarter for the tracking window), not an hour after the last refusal."""
    assert throttle.seconds_left() == 20 * 60
    assert throttle.seconds_left(15 * 60) == 5 * 60
    assert Throttled("busy").headers() == {"Retry-After": "1200"}


@freeze_time("2026-11-20 03:40:00")  # 10:40 in Bangkok
def test_people_are_told_the_clock_time_they_may_try_again():
    with translation.override("th"):
        assert throttle.retry_time() == "11:00 น."
        assert throttle.retry_time(15 * 60) == "10:45 น."
    with translation.override("en"):
        assert throttle.retry_time() == "11:00"


def test_a_client_asked_for_a_harder_pace_ticket_may_send_again_at_once():
    refusal = PaceRefused("Many forms were sent", "busy")
    assert pace_error(refusal).status == 429
    assert pace_error(refusal).headers() == {}
