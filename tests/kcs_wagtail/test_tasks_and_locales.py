"""Background work through django-tasks, and Thai as the default locale."""

from django.core.management import call_command

from wagtail.models import Locale, Page

from django_tasks_db.models import DBTaskResult

from kcs_wagtail.settings import base


def test_the_sites_background_work_is_queued_and_run_by_the_worker(
    transactional_db, settings, home_page
):
    """With the site's own task setting (the tests run tasks immediately), Wagtail's
    work waits in the database until ``db_worker`` runs it."""
    settings.TASKS = base.TASKS
    DBTaskResult.objects.all().delete()

    home_page.title = "หน้าแรกใหม่"
    home_page.save_revision().publish()

    queued = DBTaskResult.objects.filter(status="READY")
    assert queued.filter(task_path__contains="reference_index").exists()
    call_command(
        "db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0
    )
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").exists()


def test_thai_is_the_default_locale_of_the_tree(db):
    assert Locale.get_default().language_code == "th"
    assert (
        Page.get_first_root_node().get_children().first().locale.language_code == "th"
    )


def test_pages_without_a_language_prefix_are_thai_whatever_the_browser_asks(
    client, home_page
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="th"' in response.text
