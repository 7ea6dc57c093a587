"""Background work through django-tasks, and Thai as the default locale."""

from django.conf import settings as django_settings
from django.core.management import call_command

from wagtail.models import Locale, Page

from django_tasks_db.models import DBTaskResult

from kcs_wagtail.settings import base


def test_site_queues_background_work_in_the_database():
    assert base.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_tests_run_tasks_immediately():
    assert django_settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")


def test_wagtails_own_work_is_queued_and_run_by_the_worker(
    wagtail_tree, settings, home_page
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
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
    assert django_settings.LANGUAGE_CODE == "th"
    assert [code for code, _ in django_settings.WAGTAIL_CONTENT_LANGUAGES] == [
        "th",
        "en",
    ]
