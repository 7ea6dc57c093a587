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
