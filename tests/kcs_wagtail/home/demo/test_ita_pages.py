"""The demo content: the memo as o42's announcement, approved, and a mix of statuses."""

import re
from io import StringIO

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, WorkflowPage

import pytest

from ita_pages.models import (
    ApprovalRecord,
    Circular,
    EvidencePage,
    LetterBatch,
    MeasuresAnnouncementPage,
    MeasuresReportPage,
)
from kcs_wagtail.home.demo import ita_pages as demo
from tests.html import read
from tests.ita_pages.test_views import assert_no_status_wording

# The demo's content is the host project's, on the versions make run installs.
pytestmark = pytest.mark.pinned_demo


class Command:
    def __init__(self):
        self.stdout = StringIO()


def test_demo_publishes_the_memo_and_a_realistic_index(
    client, home_page, english_home, ita_section, government_settings
):
    command = Command()
    demo.load(command, home_page, english_home)
    demo.load(command, home_page, english_home)  # idempotent
    announcement = MeasuresAnnouncementPage.objects.get(locale=home_page.locale)
    assert announcement.live and announcement.url == "/ita/2565/10-2/o42/"
    assert len(announcement.improvement_plans) == 3
    record = ApprovalRecord.objects.get(page=announcement)
    assert [step["name"] for step in record.steps] == [
        "ปลัด อบต. (บัญชีทดลอง)",
        "นายก อบต. (บัญชีทดลอง)",
    ]
    assert client.get("/ita/2565/o42/")["Location"] == announcement.url
    html = read(client.get(announcement.url))
    for text in ("83.33", "96.21", "87.50", "นายสุรัตน์ จันทราตรี", "ปลัด อบต. (บัญชีทดลอง)"):
        assert text in html
    # Positions name who approved: ปลัด… and นายก… of the office.
    assert [step["position"] for step in record.steps] == [
        f"ปลัด{government_settings.name}",
        f"นายก{government_settings.name}",
    ]
    words = " ".join(html.split())
    assert f"ปลัด{government_settings.name}</strong>: ปลัด อบต. (บัญชีทดลอง)" in words
    # Every page of the demo's ITA tree answers to the plugin's chain, not to
    # Wagtail's default on the root page.
    default = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
    plugin = WorkflowPage.objects.get(page=ita_section).workflow
    assert plugin.name.endswith("การอนุมัติเผยแพร่ข้อมูล ITA")
    tree = Page.objects.descendant_of(ita_section, inclusive=True)
    workflows = {page.get_workflow() for page in tree}
    assert workflows == {plugin} and default not in workflows
    assert tree.count() > 50
    response = client.get("/ita/2565/")
    assert_no_status_wording(read(response))
    # On paper, each link shows its full address (the assessor types it into ITAS).
    printed = re.findall(r'class="ita-print-url">([^<]+)<', response.content.decode())
    assert "http://testserver/ita/2565/o42/" in printed
    assert f"http://testserver{announcement.url}" in printed
    report = response.context["report"]
    counts = report.counts()
    assert counts["published"] >= 6 and counts["stale"] == 2 and counts["missing"] > 20
    assert report.row_for("o43").status == "published"
    # o43 is answered by its role: the year-end report generated from the steps.
    measures_report = MeasuresReportPage.objects.get(locale=home_page.locale)
    assert client.get("/ita/2565/o43/")["Location"] == measures_report.url
    assert measures_report.snapshot["findings"] and measures_report.snapshot["channels"]
    assert ApprovalRecord.objects.filter(page=measures_report).exists()
    # The memo went to the community leaders as letters, recorded as a channel.
    letters = LetterBatch.objects.get().letters.all()
    assert [letter.number for letter in letters] == [1, 2, 3]
    assert "letters" in {row["channel"] for row in measures_report.snapshot["channels"]}
    # ... and circulated to staff, most of whom acknowledged.
    assert "circulation" in {
        row["channel"] for row in measures_report.snapshot["channels"]
    }
    assert Circular.objects.get().counts() == {"sent": 5, "acknowledged": 4}
    for later in (2568, 2569):
        assert client.get(f"/ita/{later}/").status_code == 200
    assert EvidencePage.objects.filter(live=False).count() > 20
    with CaptureQueriesContext(connection) as plain:
        client.get("/ita/")
    with CaptureQueriesContext(connection) as index:
        client.get("/ita/2565/")
    assert len(index) <= len(plain) + 15, (len(index), len(plain))
