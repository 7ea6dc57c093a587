"""The memo's approval chain: ปลัด reviews, นายก approves, the record shows."""

import datetime
import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db.models.signals import post_delete
from django.utils import translation

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text

import pytest

from ita_pages.approvals import setup_site_approval
from ita_pages.models import (
    ApprovalChain,
    ApprovalRecord,
    EvidencePage,
    ITAApprovalTask,
)
from kcs_core.permissions import editable_sites
from tests.conftest import sign_in
from tests.html import read
from tests.ita_pages.conftest import add_measures_announcement, evidence_form

approval_chain = importlib.import_module("ita_pages.migrations.0015_approval_chain")


@pytest.fixture
def approval(site, ita_section, government_settings):
    return setup_site_approval(site)


@pytest.fixture
def people(django_user_model, approval):
    def person(username, first, last, group):
        user = django_user_model.objects.create_user(
            username=username, password="pw", first_name=first, last_name=last
        )
        user.groups.add(group)
        return user

    return (
        person("clerk", "สมศรี", "ธุรการ", approval.editors),
        person("palad", "สมชาย", "ปลัด", approval.chief_administrators),
        person("nayok", "สมหญิง", "นายก", approval.chief_executives),
    )


@pytest.fixture
def announcement(ita_section):
    return add_measures_announcement(ita_section, ita_codes="o42", live=False)


def approve(client, page, user, comment, action="approve"):
    sign_in(client, user)
    state = Page.objects.get(pk=page.pk).current_workflow_state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
        {"comment": comment},
    )
    assert response.status_code in (200, 302), response.content[:500]


def test_two_approvers_publish_and_the_record_shows(
    client, announcement, people, approval
):
    clerk, palad, nayok = people
    announcement.get_workflow().start(announcement, clerk)
    approve(client, announcement, palad, "เห็นควรอนุมัติ")
    announcement.refresh_from_db()
    assert not announcement.live
    approve(client, announcement, nayok, "อนุมัติ")
    announcement.refresh_from_db()
    assert announcement.live  # นายก has no publish permission of their own
    record = ApprovalRecord.objects.get(page=announcement)
    assert [s["name"] for s in record.steps] == ["สมชาย ปลัด", "สมหญิง นายก"]
    assert (
        record.steps[0]["position"].startswith("ปลัด")
        or "Chief" in (record.steps[0]["position"])
    )
    client.logout()
    html = read(client.get("/ita/measures/"))
    assert "สมชาย ปลัด" in html and "สมหญิง นายก" in html
    assert "เห็นควรอนุมัติ" in html and "สมศรี ธุรการ" in html
    sheet_response = client.get("/ita/measures/approval-sheet/")
    assert sheet_response["X-Robots-Tag"] == "noindex"
    sheet = read(sheet_response)
    assert "สมหญิง นายก" in sheet and "องค์การบริหารส่วนตำบลทดสอบ" in sheet
    # A later direct publish bypasses the workflow: the record no longer applies.
    announcement.save_revision().publish()
    html = read(client.get("/ita/measures/"))
    assert "สมหญิง นายก" not in html
    assert ApprovalRecord.current_for(announcement) is None


def test_after_changes_were_asked_the_record_keeps_the_chains_order(
    client, announcement, people
):
    """นายก asks for changes; the clerk edits and sends again: Wagtail resumes at
    นายก's step, then asks ปลัด again for the edited page. The record and its sheet
    still read ปลัด, then นายก, who approves it."""
    clerk, palad, nayok = people
    announcement.get_workflow().start(announcement, clerk)
    approve(client, announcement, palad, "เห็นควรอนุมัติ")
    approve(client, announcement, nayok, "ขอแก้ไขเอกสารแนบ", action="reject")
    announcement.refresh_from_db()
    announcement.save_revision(user=clerk)
    announcement.current_workflow_state.resume(clerk)
    approve(client, announcement, nayok, "อนุมัติ")
    approve(client, announcement, palad, "เห็นควรอนุมัติอีกครั้ง")
    announcement.refresh_from_db()
    assert announcement.live
    record = ApprovalRecord.objects.get(page=announcement)
    assert [step["name"] for step in record.steps] == ["สมชาย ปลัด", "สมหญิง นายก"]
    assert record.final_step["name"] == "สมหญิง นายก"
    assert record.approved_at == max(
        datetime.datetime.fromisoformat(step["finished_at"]) for step in record.steps
    )


def test_approvers_are_told_in_thai_and_act_with_thai_buttons(
    client, announcement, people, django_capture_on_commit_callbacks
):
    """Wagtail's own workflow strings have no Thai upstream: kcs_core's catalog
    gives them (kcs_core/upstream_strings.py)."""
    clerk, palad, nayok = people
    palad.email = "palad@example.go.th"
    palad.save()
    with django_capture_on_commit_callbacks(execute=True):
        announcement.get_workflow().start(announcement, clerk)
    (told,) = [message for message in mail.outbox if message.to == [palad.email]]
    assert told.subject.startswith(f'หน้า "{announcement.title}" ถูกเสนอขออนุมัติ')
    sign_in(client, palad)
    editor = read(client.get(f"/admin/pages/{announcement.pk}/edit/"))
    for button in ("ขอให้แก้ไข", "อนุมัติพร้อมความเห็น"):
        assert button in editor
    for english in ("Request changes", "Approve with comment", "Cancel workflow"):
        assert english not in editor


def test_every_evidence_page_shows_its_record_sheet_and_api_field(
    client, ita_section, people
):
    """Not only the measures announcement: an evidence page approved through the
    workflow shows who approved it, links its approval sheet and gives the record
    in the API; published without the workflow, it says so."""
    clerk, palad, nayok = people
    page = ita_section.add_child(
        instance=EvidencePage(
            title="โครงสร้างหน่วยงาน", slug="o1", ita_codes="o1", live=False
        )
    )
    page.save_revision()
    page.get_workflow().start(page, clerk)
    approve(client, page, palad, "ตรวจแล้ว")
    approve(client, page, nayok, "อนุมัติ")
    client.logout()
    html = read(client.get("/ita/o1/"))
    assert "สมชาย ปลัด" in html and "สมหญิง นายก" in html and "ตรวจแล้ว" in html
    assert 'href="/ita/o1/approval-sheet/"' in html
    sheet = read(client.get("/ita/o1/approval-sheet/"))
    assert "สมหญิง นายก" in sheet and "โครงสร้างหน่วยงาน" in sheet
    api = client.get(
        "/api/v2/pages/?type=ita_pages.EvidencePage&fields=approval_record"
    ).json()["items"][0]["approval_record"]
    assert api["requested_by"] == "สมศรี ธุรการ"
    assert [step["name"] for step in api["steps"]] == ["สมชาย ปลัด", "สมหญิง นายก"]

    Page.objects.get(pk=page.pk).specific.save_revision().publish()
    html = read(client.get("/ita/o1/"))
    assert "สมหญิง นายก" not in html
    assert 'href="/ita/o1/approval-sheet/"' in html
    api = client.get(
        "/api/v2/pages/?type=ita_pages.EvidencePage&fields=approval_record"
    ).json()["items"][0]
    assert api["approval_record"] is None


def test_a_draft_under_review_does_not_show_the_live_versions_approval(
    client, ita_section, people
):
    """The ปลัด reviewing a new draft of an approved page read, under it, that
    the ปลัด and the นายก had approved it."""
    clerk, palad, nayok = people
    page = ita_section.add_child(
        instance=EvidencePage(title="โครงสร้าง", slug="o1", ita_codes="o1", live=False)
    )
    page.save_revision()
    page.get_workflow().start(page, clerk)
    approve(client, page, palad, "ตรวจแล้ว")
    approve(client, page, nayok, "อนุมัติ")
    draft = Page.objects.get(pk=page.pk).specific
    draft.title = "โครงสร้าง ฉบับร่างใหม่"
    preview = read(draft.save_revision().as_object().make_preview_request())
    assert "ฉบับร่างใหม่" in preview and "สมหญิง นายก" not in preview
    assert "ยังไม่ได้เผยแพร่" in preview and "approval-sheet" not in preview
    live = read(client.get("/ita/o1/"))
    assert "สมหญิง นายก" in live and "approval-sheet" in live


def test_the_record_survives_purge_revisions(client, announcement, people):
    clerk, palad, nayok = people
    announcement.get_workflow().start(announcement, clerk)
    approve(client, announcement, palad, "")
    approve(client, announcement, nayok, "")
    announcement.refresh_from_db()
    announcement.save_revision()  # a draft after publishing
    call_command("purge_revisions", days=0, verbosity=0)
    html = read(client.get("/ita/measures/"))
    assert "สมหญิง นายก" in html


def test_setup_is_idempotent_and_per_site(site, ita_section, root_page):
    first = setup_site_approval(site)
    again = setup_site_approval(site)
    assert first.workflow.pk == again.workflow.pk
    assert ITAApprovalTask.objects.count() == 2
    other_home = root_page.add_child(instance=Page(title="Other", slug="other"))
    other = Site.objects.create(
        hostname="other.example", root_page=other_home, site_name="อื่น"
    )
    other_section = other_home.add_child(
        instance=type(ita_section)(title="ITA", slug="ita")
    )
    theirs = setup_site_approval(other)
    assert theirs.workflow.pk != first.workflow.pk
    assert theirs.chief_executives.pk != first.chief_executives.pk
    assert Page.objects.get(pk=other_section.pk).get_workflow() == theirs.workflow
    assert Page.objects.get(pk=ita_section.pk).get_workflow() == first.workflow
    call_command("ita_setup_workflow", verbosity=0)
    assert ITAApprovalTask.objects.count() == 4


def test_an_english_site_on_the_translated_home_shares_the_chain(
    site, ita_section, english_home
):
    """Its ITA sections are the Thai ones' translations (one tree): setting it up
    made new, empty groups and moved the Thai sections onto a new workflow."""
    english_section = ita_section.copy_for_translation(english_home.locale)
    english_section.save_revision().publish()
    english = Site.objects.create(hostname="en.example", root_page=english_home)
    thai = setup_site_approval(site)
    assert setup_site_approval(english) == setup_site_approval(site) == thai
    assert ApprovalChain.objects.count() == 1
    for section in (ita_section, english_section):
        assert Page.objects.get(pk=section.pk).get_workflow() == thai.workflow


@pytest.mark.parametrize("host_listens", [False, True])
def test_a_sites_chain_passes_to_the_other_site_of_its_tree_when_deleted(
    site, ita_section, host_listens
):
    """The bare host deleted, ``www.`` kept: the chain went with the site it was
    made for, and the next set-up of ``www.`` made new, empty groups. A host's
    receiver of every deletion (an audit app) takes Django off its fast path."""
    chain = setup_site_approval(site)
    www = Site.objects.create(hostname="www.example", root_page=site.root_page)
    if host_listens:
        post_delete.connect(any_deletion, dispatch_uid="test_host_audit")
    try:
        site.delete()
    finally:
        post_delete.disconnect(dispatch_uid="test_host_audit")
    assert ApprovalChain.objects.get().site == www
    assert setup_site_approval(www) == chain
    www.delete()
    assert not ApprovalChain.objects.exists()  # the tree's last site: it goes


def test_two_chains_of_one_tree_deleted_together_pass_on_one(
    site, ita_section, root_page
):
    """A site with its own chain moved onto the tree, then deleted with the tree's
    first site: both chains chose the same heir, and the deletion failed."""
    setup_site_approval(site)
    home = root_page.add_child(instance=Page(title="อื่น", slug="other"))
    moved = Site.objects.create(hostname="moved.example", root_page=home)
    setup_site_approval(moved)
    moved.root_page = site.root_page
    moved.save()
    www = Site.objects.create(hostname="www.example", root_page=site.root_page)
    Site.objects.filter(pk__in=[site.pk, moved.pk]).delete()
    assert list(ApprovalChain.objects.values_list("site", flat=True)) == [www.pk]


def any_deletion(sender, **kwargs):
    """A host's receiver of every model's deletion."""


def test_a_set_no_chain_holds_is_found_on_the_sites_ita_sections(site, ita_section):
    """Renamed before migration 0015 (which looked sets up by name) with no
    namesake left, a site got no chain: its next set-up made new, empty groups and
    a workflow, and its staff kept editing but no longer approved."""
    before = setup_site_approval(site)
    counts = Group.objects.count(), Workflow.objects.count()
    ApprovalChain.objects.all().delete()  # as 0015 left it
    site.site_name = "อบต.นาดีใหม่"
    site.save()
    assert setup_site_approval(site) == before
    assert (Group.objects.count(), Workflow.objects.count()) == counts


@pytest.fixture
def namesake(site, ita_section, root_page):
    """A second site of the default site's name (``อบต.นาดี``), with its ITA
    section: ``(site, section)``."""
    site.site_name = "อบต.นาดี"
    site.save()
    home = root_page.add_child(instance=Page(title="Other", slug="other"))
    other = Site.objects.create(
        hostname="other.example", root_page=home, site_name="อบต.นาดี"
    )
    return other, home.add_child(instance=type(ita_section)(title="ITA", slug="ita"))


def test_sites_of_one_name_get_a_chain_each_found_again_by_the_site(
    site, ita_section, namesake, django_user_model
):
    """Two local governments of the same name once shared one set of groups, one
    workflow and its steps: each one's clerks edited, and each one's นายก
    approved, the other's ITA pages."""
    other, other_section = namesake
    ours, theirs = setup_site_approval(site), setup_site_approval(other)
    groups = ("editors", "chief_administrators", "chief_executives")
    assert not {getattr(ours, g) for g in groups} & {getattr(theirs, g) for g in groups}
    assert theirs.editors.name == "อบต.นาดี (other.example:80): ผู้จัดทำข้อมูล ITA"
    steps = {
        workflow: {step.task_id for step in workflow.workflow_tasks.all()}
        for workflow in (ours.workflow, theirs.workflow)
    }
    assert len(steps) == 2 and not steps[ours.workflow] & steps[theirs.workflow]
    clerk = django_user_model.objects.create_user("clerk", password="pw")
    clerk.groups.add(ours.editors)
    assert list(editable_sites(clerk)) == [site]
    assert Page.objects.get(pk=other_section.pk).get_workflow() == theirs.workflow
    # A name too long for a group's name with the address: the site's number.
    other.site_name = "อบต.นาดี" + "ก" * 200
    other.hostname = "long.example"
    other.save()
    ApprovalChain.objects.filter(site=other).delete()
    WorkflowPage.objects.filter(page=other_section).delete()  # nothing to adopt
    renamed = setup_site_approval(other)
    assert renamed.editors.name.endswith(f" (#{other.pk}): ผู้จัดทำข้อมูล ITA")
    assert len(renamed.editors.name) == 150
    # Renamed or moved to another address, a site keeps its chain.
    site.site_name, site.hostname = "เทศบาลตำบลใหม่", "new.example"
    site.save()
    again = setup_site_approval(site)
    assert (again.editors, again.workflow) == (ours.editors, ours.workflow)
    assert ITAApprovalTask.objects.count() == 6


def legacy_chain(sections) -> tuple[dict, Workflow]:
    """The groups and workflow ``อบต.นาดี`` got when chains were found by name,
    given on ``sections``."""
    groups = {
        role: Group.objects.create(name=f"อบต.นาดี: {name}")
        for role, name in [
            ("editors", "ผู้จัดทำข้อมูล ITA"),
            ("chief_administrators", "ปลัด"),
            ("chief_executives", "นายก"),
        ]
    }
    with translation.override("th"):
        workflow = Workflow.objects.create(
            name=f"อบต.นาดี: {translation.gettext('ITA publication approval')}"
        )
    for section in sections:
        WorkflowPage.objects.create(page=section, workflow=workflow)
        GroupPagePermission.objects.create(
            group=groups["editors"], page=section, permission_type="change"
        )
    return groups, workflow


def test_a_chain_made_before_becomes_its_sites(site, ita_section):
    """Migration 0015: a site's groups and workflow, made when they were found by
    name, become its chain; setting it up again finds them. A second address of
    the same pages (``www.``) shares the name and the chain."""
    site.site_name = "อบต.นาดี"
    site.save()
    www = Site.objects.create(
        hostname="www.example", root_page=site.root_page, site_name="อบต.นาดี"
    )
    groups, workflow = legacy_chain([ita_section])
    approval_chain.link_chains(apps, None)
    chain = ApprovalChain.objects.get()
    assert (chain.site, chain.workflow, chain.editors) == (
        site,
        workflow,
        groups["editors"],
    )
    assert list(editable_sites(user_in(groups["editors"]))) != []
    assert setup_site_approval(www).editors == groups["editors"]
    assert setup_site_approval(site).workflow == workflow
    assert ApprovalChain.objects.count() == 1


def test_a_chain_goes_to_the_pages_it_serves_whatever_the_sites_are_called(
    site, ita_section, namesake
):
    """Migration 0015: a set is its page tree's, not its name's: a site renamed
    since keeps its set, and a namesake never set up gets none of it."""
    other, _other_section = namesake
    groups, workflow = legacy_chain([ita_section])
    site.site_name = "อบต.นาดีใหม่"  # renamed after its set-up
    site.save()
    approval_chain.link_chains(apps, None)
    assert ApprovalChain.objects.get().site == site
    assert list(editable_sites(user_in(groups["editors"]))) == [site]
    # Undone and done again, the chains of the set-up's other names come back.
    theirs = setup_site_approval(other)
    ApprovalChain.objects.all().delete()
    approval_chain.link_chains(apps, None)
    chains = dict(ApprovalChain.objects.values_list("site", "editors"))
    assert chains == {site.pk: groups["editors"].pk, other.pk: theirs.editors.pk}


def test_a_chain_two_sites_shared_is_taken_off_both(site, ita_section, namesake):
    """Migration 0015: nothing tells whose member of a shared group is whose, so
    neither site keeps the set; each sets up a chain of its own again."""
    other, other_section = namesake
    groups, workflow = legacy_chain([ita_section, other_section])
    approval_chain.link_chains(apps, None)
    assert not ApprovalChain.objects.exists()
    assert not editable_sites(user_in(groups["editors"])).exists()
    for section in (ita_section, other_section):
        assert Page.objects.get(pk=section.pk).get_workflow() != workflow
    ours, theirs = setup_site_approval(site), setup_site_approval(other)
    assert {ours.editors, theirs.editors}.isdisjoint(groups.values())
    assert ours.editors != theirs.editors


def user_in(group):
    user = get_user_model().objects.create_user(f"member-{group.pk}", password="pw")
    user.groups.add(group)
    return user


def test_steps_are_named_in_the_sites_language_whatever_is_active(
    site, ita_section, government_settings
):
    """The demo, a command and an English admin set the chain up alike: one set of
    groups, positions as the office writes them."""
    with translation.override("en"):
        approval = setup_site_approval(site)
    positions = ITAApprovalTask.objects.order_by("pk").values_list(
        "position", flat=True
    )
    assert list(positions) == [
        f"ปลัด{government_settings.name}",
        f"นายก{government_settings.name}",
    ]
    assert setup_site_approval(site).chief_executives == approval.chief_executives


def test_every_step_names_a_position(client, ita_section, people, approval):
    """A step of Wagtail's own group approval (which keeps no position) is recorded
    with its group's name, without the site's prefix, and shows it before the
    approver's name; a record kept without positions names the step instead."""
    clerk, palad, _nayok = people
    task = GroupApprovalTask.objects.create(name="ตรวจทาน")
    task.groups.add(approval.chief_administrators)
    workflow = Workflow.objects.create(name="ตรวจทานอย่างเดียว")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page = ita_section.add_child(
        instance=EvidencePage(title="ข้อมูลการติดต่อ", slug="o5", ita_codes="o5")
    )
    page.save_revision()
    WorkflowPage.objects.create(page=page, workflow=workflow)
    workflow.start(page, clerk)
    approve(client, page, palad, "")
    record = ApprovalRecord.objects.get(page=page)
    assert approval.chief_administrators.name.endswith(": ปลัด")
    assert record.steps[0]["position"] == "ปลัด"
    client.logout()
    html = read(client.get("/ita/o5/"))
    assert '<strong class="ita-approval__position">ปลัด</strong>' in html
    assert "สมชาย ปลัด" in html
    sheet = read(client.get("/ita/o5/approval-sheet/"))
    assert "<strong>ปลัด</strong>: สมชาย ปลัด" in sheet

    record.steps = [{**record.steps[0], "position": ""}]
    record.save()
    assert record.step_rows[0]["position"] == "ตรวจทาน"


def edit_view_approval(slug: str, intro: str | None) -> dict:
    """What a reviewer's browser posts with "อนุมัติ" in the edit view's footer: the
    page's fields as the editor shows them (Draftail keys every paragraph it is
    given; an empty editor it has drawn sends ``null``: ``intro=None``) and the
    workflow action."""
    data = evidence_form(slug)
    del data["action-publish"]
    return {
        **data,
        "intro": "null" if intro is None else rich_text(intro),
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
        "workflow-action-extra-data": '{"comment": "ตรวจแล้ว"}',
    }


@pytest.mark.parametrize(
    ("stored", "intro", "next_step"),
    [
        ("<p>สรุป</p>", "<p>สรุป</p>", "nayok"),
        # An empty editor comes back as an empty paragraph (keyed) or as nothing.
        ('<p data-block-key="a1b2c"></p>', None, "nayok"),
        ("", "<p></p>", "nayok"),
        ("<p>สรุป</p>", "<p>สรุปที่ปลัดแก้</p>", "palad"),
    ],
    ids=["unchanged", "emptied-paragraph", "empty-paragraph", "edited"],
)
def test_approving_in_the_edit_view_moves_on_unless_the_reviewer_edited(
    client, ita_section, people, stored, intro, next_step
):
    """Pages made by code (the seed, the demo, the generated reports) hold rich text
    without Draftail's paragraph keys. Approving one unchanged from the edit view
    hands it to the next step; an edit by the reviewer sends it back to the first
    (``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT``)."""
    clerk, palad, nayok = people
    page = ita_section.add_child(
        instance=EvidencePage(
            title="หลักฐาน",
            slug="evidence",
            intro=stored,
            body=[("rich_text", RichText("<p>เนื้อหา</p>"))],
            fiscal_year=2565,
            ita_codes="o42",
            last_reviewed=datetime.date(2021, 11, 9),
            live=False,
        )
    )
    page.save_revision()
    page.get_workflow().start(page, clerk)
    revisions = page.revisions.count()

    sign_in(client, palad)
    data = edit_view_approval("evidence", intro)
    data["body-0-id"] = page.body[0].id  # the browser posts each block's id back
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    state = Page.objects.get(pk=page.pk).current_workflow_state
    reviewers = state.current_task_state.task.specific.groups
    assert reviewers.filter(user__username=next_step).exists()
    assert page.revisions.count() == revisions + (next_step == "palad")
