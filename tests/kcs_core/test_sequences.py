"""Gap-free numbers per site and key, also under concurrent requests."""

from django.db import transaction

from wagtail.models import Site

import pytest

from kcs_core.models import SiteSequence
from kcs_core.sequences import next_number
from tests.conftest import make_home, run_at_once


def issue(site, key):
    with transaction.atomic():
        return next_number(site, key)


def test_numbers_start_at_one_and_follow_each_other(site):
    assert [issue(site, "eservice:2569") for _ in range(3)] == [1, 2, 3]


def test_keys_and_sites_count_separately(site, root_page, thai_locale):
    other = Site.objects.create(
        hostname="other.example",
        root_page=make_home(root_page, "other", "อื่น", thai_locale),
    )
    issue(site, "eservice:2569")
    issue(site, "eservice:2569")
    assert issue(site, "eservice:2570") == 1
    assert issue(other, "eservice:2569") == 1


def test_a_rolled_back_number_is_issued_again(site):
    issue(site, "k")
    with pytest.raises(RuntimeError, match="boom"), transaction.atomic():
        assert next_number(site, "k") == 2
        raise RuntimeError("boom")
    assert issue(site, "k") == 2


def test_refuses_to_run_outside_a_transaction(transactional_db):
    site = Site.objects.get(is_default_site=True)
    with pytest.raises(RuntimeError, match=r"transaction\.atomic"):
        next_number(site, "k")


@pytest.mark.slow
def test_concurrent_requests_get_distinct_consecutive_numbers(transactional_db):
    site = Site.objects.get(is_default_site=True)

    def issue_five():
        return [issue(site, "concurrent") for _ in range(5)]

    batches, errors = run_at_once(issue_five, 12)
    results = [number for batch in batches for number in batch]
    assert errors == []
    assert sorted(results) == list(range(1, 61))
    assert SiteSequence.objects.get(site=site, key="concurrent").value == 60
