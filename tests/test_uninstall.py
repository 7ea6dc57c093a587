"""The plugin installs into a bare Wagtail site and serves its pages there, then
uninstalls and leaves the site as it was (``kcs_uninstall``, ``migrate <app> zero``,
``remove_stale_contenttypes``)."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import (
    GroupApprovalTask,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowTask,
)

import pytest

from ita_pages.approvals import setup_site_approval
from ita_pages.models import DisclosureSectionPage, ITAApprovalTask
from tests.conftest import publish_child

ROOT = Path(__file__).resolve().parents[1]


def run_phase(phase: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["BARE_SITE_DB"] = str(tmp_path / "bare.sqlite3")
    env["SNAPSHOT_DIR"] = str(tmp_path)
    env["KCS_PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private-media")
    return subprocess.run(
        [sys.executable, "-m", "tests.bare_site.uninstall_check", phase],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
@pytest.mark.own_sqlite
def test_uninstall_leaves_the_host_as_it_was(tmp_path):
    for phase in ("host", "plugin", "after"):
        result = run_phase(phase, tmp_path)
        assert result.returncode == 0, f"{phase}:\n{result.stdout}{result.stderr}"
        if phase == "plugin":
            plan = result.stdout
    # A page of each app, served in the host's bare base.html.
    assert plan.split("\n")[:3] == ["/ita/ 200", "/services/ 200", "/report/ 200"]
    # What the dry run and the real run said they delete, by name.
    assert "Dry run: nothing is deleted." in plan
    assert "ITA (ita_pages.DisclosureSectionPage" in plan
    assert "wagtailcore.Page: 1 (another app's pages, below ours)" in plan
    assert "- Tip handlers" in plan
    assert "localhost: Chief administrator" in plan
    assert "eservice_forms: e-service requests" in plan
    assert "wagtailcore.WorkflowState: 1" in plan
    assert "django_tasks_database.DBTaskResult:" in plan
    assert "Deleted the folder" in plan
    assert result.stdout.endswith("0 differences\n")


def uninstall(*args) -> str:
    out = io.StringIO()
    call_command("kcs_uninstall", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ita_section(home_page):
    return publish_child(home_page, DisclosureSectionPage(title="ITA", slug="ita"))


def test_the_dry_run_lists_and_deletes_nothing(site, ita_section):
    approval = setup_site_approval(site)
    output = uninstall()
    assert "Dry run: nothing is deleted." in output
    assert f"- ITA (ita_pages.DisclosureSectionPage, id {ita_section.pk}" in output
    assert f"- {approval.workflow.name}" in output
    assert f"- {approval.editors.name}" in output
    assert Page.objects.filter(pk=ita_section.pk).exists()
    assert Group.objects.filter(pk=approval.editors.pk).exists()


def test_yes_deletes_the_apps_pages_groups_and_workflow_and_nothing_of_the_host(
    site, home_page, ita_section
):
    approval = setup_site_approval(site)
    host_group = Group.objects.get(name="Moderators")  # made by Wagtail
    # The host's own step in the ITA workflow, and its group on an ITA step.
    own_step = GroupApprovalTask.objects.create(name="Proof-reading")
    own_step.groups.add(host_group)
    ITAApprovalTask.objects.first().groups.add(host_group)
    mixed = Workflow.objects.create(name="Mixed")
    WorkflowTask.objects.create(workflow=mixed, task=own_step, sort_order=0)
    WorkflowTask.objects.create(
        workflow=mixed, task=ITAApprovalTask.objects.first(), sort_order=1
    )

    output = uninstall("--yes")

    assert "Deleted rows:" in output
    assert not Page.objects.filter(pk=ita_section.pk).exists()
    assert Page.objects.filter(pk=home_page.pk).exists()
    assert not Group.objects.filter(
        pk__in=[approval.editors.pk, approval.chief_executives.pk]
    ).exists()
    assert not Workflow.objects.filter(pk=approval.workflow.pk).exists()
    assert not Task.objects.filter(
        content_type=ContentType.objects.get_for_model(ITAApprovalTask)
    ).exists()
    # What the host made stays, without the ITA step.
    assert Group.objects.filter(pk=host_group.pk).exists()
    assert list(mixed.tasks.all()) == [own_step.task_ptr]


def test_a_site_whose_root_is_a_page_of_the_apps_is_refused(site, ita_section):
    Site.objects.create(hostname="ita.example", root_page=ita_section)
    with pytest.raises(CommandError, match="give the site another root page"):
        uninstall("--yes")
    assert Page.objects.filter(pk=ita_section.pk).exists()
