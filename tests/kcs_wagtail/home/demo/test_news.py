"""The demo's news in English: the listing's introduction and the notice board's item
are translated, so an English visitor finds news on the board and in the listing."""

import pytest

from tests.html import read

# The demo's content is the host project's, on the versions make run installs.
pytestmark = pytest.mark.pinned_demo


@pytest.fixture
def demo(loaded_demo, db):
    """The demo site, loaded once per test process (each test rolls back to it)."""


def test_the_english_listing_shows_the_translated_item(client, demo):
    text = read(client.get("/en/news/"))
    assert "News, announcements and procurement notices" in text
    assert "Drinking water delivery in the dry season: the schedule" in text
    assert "Nothing has been published here yet." not in text
    item = read(client.get("/en/news/water-schedule/"))
    assert "in the order their requests arrive" in item


def test_the_english_notice_board_shows_the_translated_item(client, demo):
    text = read(client.get("/en/ita/notice-board/"))
    assert "Drinking water delivery in the dry season: the schedule" in text
    assert "ประกาศตารางการแจกจ่ายน้ำ" not in text
