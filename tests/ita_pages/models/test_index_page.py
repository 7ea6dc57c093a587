"""The reference index of ITA indexes: an evidence page's "usage" lists the indexes
that link it, and the worker never fails on a link that is gone."""

from django.core.management import call_command

from wagtail.models import ReferenceIndex

from django_tasks_db.models import DBTaskResult

from ita_pages.models import DisclosureSectionPage, EvidenceLink, ITAIndexPage
from tests.conftest import publish_child
from tests.ita_pages.conftest import make_index, publish_evidence


def linking(page, index) -> bool:
    """Whether the reference index records ``index`` as using ``page``."""
    return (
        ReferenceIndex.get_references_to(page).filter(object_id=str(index.pk)).exists()
    )


def publish_links(index, pages):
    """An editor's publication of the index with links to ``pages`` (the other
    links removed), as the admin's edit view does it."""
    draft = ITAIndexPage.objects.get(pk=index.pk).get_latest_revision_as_object()
    kept = [link for link in draft.evidence_links.all() if link.linked_page in pages]
    known = {link.linked_page_id for link in kept}
    draft.evidence_links = kept + [
        EvidenceLink(item_code=page.ita_codes, linked_page=page)
        for page in pages
        if page.pk not in known
    ]
    draft.save_revision().publish()


def test_a_link_removed_before_the_worker_runs_fails_no_task(
    transactional_db, settings, home_page, catalogs
):
    """Published with two links, then with one before the worker caught up: Wagtail
    queued a task per link that looked the link up again, and the removed link's
    task failed with ``EvidenceLink.DoesNotExist``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    section = publish_child(home_page, DisclosureSectionPage(title="ITA", slug="ita"))
    index = make_index(section, catalogs[2565])
    o1, o2 = publish_evidence(section, "o1"), publish_evidence(section, "o2")
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay")
    DBTaskResult.objects.all().delete()

    publish_links(index, [o1, o2])
    publish_links(index, [o1])
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay")

    failed = DBTaskResult.objects.filter(status="FAILED")
    assert not failed.exists(), list(failed.values_list("exception_class_path"))
    assert DBTaskResult.objects.filter(
        status="SUCCESSFUL", task_path__contains="reference_index"
    ).exists()
    assert linking(o1, index) and not linking(o2, index)


def test_usage_of_an_evidence_page_lists_the_index_as_soon_as_published(
    ita_section, index_2565
):
    """With tasks run at once (the development server's setting), the index's
    update runs after its links are saved, not before."""
    o1 = publish_evidence(ita_section, "o1", slug="evidence-o1")
    o2 = publish_evidence(ita_section, "o2", slug="evidence-o2")
    publish_links(index_2565, [o1, o2])
    assert linking(o1, index_2565) and linking(o2, index_2565)
    publish_links(index_2565, [o2])
    assert not linking(o1, index_2565) and linking(o2, index_2565)
