"""The admin sign-in refuses password guessing: failures are limited per account and
client, with a message in Thai, and the limit lifts after 15 minutes."""

from django.core.cache import cache

import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

THROTTLED = "ลองเข้าสู่ระบบผิดหลายครั้งเกินไป"


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    settings.KCS_LOGIN_FAILURES = 3
    settings.KCS_LOGIN_FAILURES_PER_CLIENT = 6
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "", "right-password")


def sign_in(client, password, username="editor", address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_repeated_failures_lock_the_account_for_that_client(client, editor, settings):
    for _attempt in range(settings.KCS_LOGIN_FAILURES):
        assert sign_in(client, "guess").status_code == 200
    refused = sign_in(client, "right-password")
    assert refused.status_code == 200 and THROTTLED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # Another office computer can still sign in; the limit lifts after 15 minutes.
    assert sign_in(client, "right-password", address="198.51.100.9").status_code == 302
    client.logout()
    with freeze_time(
        "2026-01-05 10:00", tick=True
    ) as clock:  # a fresh window, wherever the test started
        for _attempt in range(settings.KCS_LOGIN_FAILURES):
            sign_in(client, "guess")
        assert THROTTLED in sign_in(client, "right-password").content.decode()
        clock.move_to("2026-01-05 10:16")
        assert sign_in(client, "right-password").status_code == 302


def test_one_client_guessing_many_accounts_is_stopped(client, editor, settings):
    for number in range(settings.KCS_LOGIN_FAILURES_PER_CLIENT):
        sign_in(client, "guess", username=f"user{number}")
    assert THROTTLED in sign_in(client, "right-password").content.decode()


def test_a_right_password_counts_nothing(client, editor, settings):
    for _attempt in range(settings.KCS_LOGIN_FAILURES + 2):
        assert sign_in(client, "right-password").status_code == 302
        client.logout()


def test_invented_forwarded_addresses_do_not_dodge_the_limit(client, editor):
    """No proxy is trusted by default: X-Forwarded-For from the client is ignored."""
    for number in range(8):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "guess"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
    assert THROTTLED in sign_in(client, "right-password").content.decode()


def test_a_trusted_proxy_names_the_client_and_only_its_own_hop_counts(
    client, editor, settings
):
    settings.KCS_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]

    def through_proxy(password, forwarded):
        return client.post(
            "/admin/login/",
            {"username": "editor", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    # The client writes whatever it likes on the left; the proxies append the
    # address they saw, which is what counts.
    for number in range(settings.KCS_LOGIN_FAILURES):
        through_proxy("guess", f"192.0.2.{number}, 203.0.113.7, 10.1.2.3")
    refused = through_proxy("right-password", "192.0.2.99, 203.0.113.7, 10.1.2.3")
    assert THROTTLED in refused.content.decode()
    # Another resident behind the same proxies is someone else.
    assert through_proxy("right-password", "198.51.100.9").status_code == 302


def test_an_ipv6_client_cannot_dodge_the_limit_by_walking_its_64(
    client, editor, settings
):
    """A phone or a household gets a whole /64 and can use any address in it."""
    for number in range(settings.KCS_LOGIN_FAILURES_PER_CLIENT):
        sign_in(
            client, "guess", username=f"user{number}", address=f"2001:db8:1:2::{number}"
        )
    page = sign_in(client, "right-password", address="2001:db8:1:2:ffff::1")
    assert THROTTLED in page.content.decode()
    other_household = sign_in(client, "right-password", address="2001:db8:1:3::1")
    assert other_household.status_code == 302
