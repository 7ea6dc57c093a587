"""Fixtures shared by every test: locales, a Thai home page on the default site, users.

Tests run on real migrations (Wagtail's data migrations create the root page, the
default site and the ``th`` locale), on SQLite, or on PostgreSQL when DATABASE_URL
is set.
"""

import threading
import time
from contextlib import ExitStack
from importlib import metadata
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import get_resolver
from django.utils import translation

from wagtail.models import GroupPagePermission, Locale, Page, Site, get_page_models

import pytest
from pytest_django.plugin import blocking_manager_key

from kcs_core import pacing, throttle
from kcs_core.models import GovernmentSettings
from kcs_core.sites import sites
from kcs_wagtail.home.models import HomePage
from tests.json_api import JSONClient
from tests.pins import pinned_versions

# No test starts this close to the end of a clock hour (see clear_of_the_hours_end).
SECONDS_CLEAR_OF_THE_HOURS_END = 10
# The database as migrations leave it, per alias (see django_db_setup).
MIGRATED_DATA: dict[str, str] = {}
# The demo's superuser password (LoadedDemo sets KCS_ADMIN_PASSWORD to it).
DEMO_ADMIN_PASSWORD = "demo-password-123"


def runs_the_pinned_demo() -> bool:
    """Whether Wagtail and Django are the versions ``make run`` installs."""
    pins = pinned_versions()
    return all(
        metadata.version(name) == pins[name.lower()] for name in ("wagtail", "Django")
    )


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL and the pins, skip the tests that run their own SQLite database
    in a subprocess: they would repeat the SQLite run exactly. On the other supported
    versions, skip the tests of the demo (``make run`` and its content): the demo is
    the host project, which runs on the pins. Then order them (schedule_rank)."""
    skips = []
    on_the_pins = runs_the_pinned_demo()
    if on_the_pins and "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        skips.append(
            (
                "own_sqlite",
                pytest.mark.skip(reason="runs its own SQLite database: the SQLite run"),
            )
        )
    if not on_the_pins:
        skips.append(
            (
                "pinned_demo",
                pytest.mark.skip(reason="the demo runs on the pinned versions"),
            )
        )
    for item in items:
        for keyword, skip in skips:
            if keyword in item.keywords:
                item.add_marker(skip)
    refuse_transactions_by_marker(items)
    items.sort(key=schedule_rank)


def refuse_transactions_by_marker(items) -> None:
    """A test that commits asks for the ``transactional_db`` fixture: with
    ``django_db(transaction=True)`` alone, the database was left empty of what the
    migrations made, and the next transactional test on its worker failed."""
    marked = [
        item.nodeid
        for item in items
        if (marker := item.get_closest_marker("django_db"))
        and marker.kwargs.get("transaction")
        and not uses_transactions(item)
    ]
    if marked:
        raise pytest.UsageError(
            "Use the transactional_db fixture, not django_db(transaction=True): "
            + ", ".join(marked)
        )


@pytest.fixture(scope="session", autouse=True)
def urls_loaded_with_the_real_clock():
    """The URLconf, and the JSON API's schemas with it, are imported once with the
    real clock: pydantic cannot build a schema for a date while freezegun has
    replaced ``datetime``, so a test that freezes time and happened to be the
    first to resolve a URL failed."""
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: cached pages, menus, throttle counters
    and the sites of host names must not leak from one test into the next (a rolled
    back test changed its sites without a signal)."""
    cache.clear()
    sites.clear()


@pytest.fixture(autouse=True)
def clear_of_the_hours_end():
    """Every test starts with the clock hour far from its end. The throttles count
    per clock hour and key clients by an hourly pseudonym (:mod:`kcs_core.throttle`),
    so a test that counts over several requests fails if the hour turns midway (CI
    saw it once). A test that would start in the hour's last seconds waits for the
    next hour."""
    left = throttle.HOUR - time.time() % throttle.HOUR
    if left < SECONDS_CLEAR_OF_THE_HOURS_END:
        time.sleep(left + 0.1)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the host's language, as a new request does: a test that
    activated English must not change what the next one builds."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, migrated; what the migrations put in it (Wagtail's tree,
    site, locale, collection, groups and workflow, the content types) is kept when
    the run holds transactional tests, to be put back after each of them."""
    if any(uses_transactions(item) for item in request.session.items):
        with django_db_blocker.unblock():
            migrated = connection.creation.serialize_db_to_string()
        MIGRATED_DATA[connection.alias] = migrated


def uses_transactions(item) -> bool:
    """Whether the test commits for real (``transactional_db``, ``live_server``),
    so that the database is emptied after it."""
    return "transactional_db" in getattr(item, "fixturenames", ())


@pytest.fixture
def transactional_db(django_db_serialized_rollback, transactional_db):
    """pytest-django's, with Django's serialized rollback: the database is emptied
    after the test without making its content types anew, so that what the
    migrations made can be put back as it was (:func:`pytest_runtest_teardown`)."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last of consecutive tests on the demo, roll the demo back. A
    transactional test ends by emptying the database: put back what the migrations
    made, so that every test finds the database as migrations leave it whatever ran
    before it on its worker."""
    result = yield
    blocker = item.config.stash[blocking_manager_key]
    if not uses_the_demo(nextitem):
        LOADED_DEMO.unload(blocker)
    if nextitem and uses_transactions(item) and connection.alias in MIGRATED_DATA:
        with blocker.unblock():
            connection.creation.deserialize_db_from_string(
                MIGRATED_DATA[connection.alias]
            )
    return result


class LoadedDemo:
    """The demo site (``load_demo``) in a transaction of its own, kept open across
    the tests of a process that ask for :func:`loaded_demo` (they run one after
    another: :func:`schedule_rank`) and rolled back after the last of them; each
    test (with ``db``) rolls back to it in turn."""

    def __init__(self):
        self.transaction = None
        self.output = ""

    def load(self, blocker) -> str:
        """Load the demo unless it is loaded; what ``load_demo`` printed."""
        if self.transaction is None:
            with (
                blocker.unblock(),
                pytest.MonkeyPatch.context() as patch,
                ExitStack() as stack,
            ):
                stack.enter_context(transaction.atomic())
                patch.setenv("KCS_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
                output = StringIO()
                call_command("load_demo", stdout=output)
                self.output = output.getvalue()
                self.transaction = stack.pop_all()
        return self.output

    def unload(self, blocker) -> None:
        if self.transaction is not None:
            with blocker.unblock():
                transaction.set_rollback(True)
                self.transaction.close()
            self.transaction = None


LOADED_DEMO = LoadedDemo()


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo site in the database (module-scoped, so that it is there before a
    test's ``db`` begins); its value is what ``load_demo`` printed."""
    return LOADED_DEMO.load(django_db_blocker)


def uses_the_demo(item) -> bool:
    return item is not None and "loaded_demo" in getattr(item, "fixturenames", ())


def schedule_rank(item) -> int:
    """Where a test runs in the order: the slow ones first (the projects run in a
    subprocess first of all), so that pytest-xdist hands them out early and no
    process is left with a long tail (``make test`` hands tests out two at a time);
    then the tests on the demo, one after another, so that each process loads it
    once; then the rest. The browser tests keep their own order
    (tests/browser/conftest.py)."""
    if item.get_closest_marker("browser"):
        return 3
    if uses_the_demo(item):
        return 2
    if item.get_closest_marker("own_sqlite"):
        return 0
    return 1 if item.get_closest_marker("slow") else 3


@pytest.fixture
def thai_locale(db):
    return Locale.objects.get(language_code="th")


@pytest.fixture
def english_locale(db):
    locale, _ = Locale.objects.get_or_create(language_code="en")
    return locale


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


def make_home(root_page, slug, title, locale):
    return root_page.add_child(instance=HomePage(title=title, slug=slug, locale=locale))


def page_models_of(apps) -> list:
    """The concrete page models of the apps labelled ``apps``."""
    return [
        model
        for model in get_page_models()
        if model._meta.app_label in apps and not model._meta.abstract
    ]


def publish_child(parent, page):
    """Add ``page`` under ``parent`` and publish its first revision: the page."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def home_page(root_page, thai_locale):
    """A Thai HomePage as the default site's root (Wagtail's welcome page removed)."""
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = make_home(root_page, "home-th", "หน้าแรก", thai_locale)
    site.root_page = home
    site.save()
    welcome.delete()
    return home


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def second_site(root_page, thai_locale, home_page):
    """A second local government beside the default site, with nothing but its
    Thai home page."""
    return Site.objects.create(
        hostname="b.example",
        port=80,
        root_page=make_home(root_page, "home-b", "เทศบาล ข", thai_locale),
        site_name="เทศบาล ข",
    )


@pytest.fixture
def nested_site(home_page, thai_locale):
    """A town's site inside the default site's tree (docs/install.md allows it):
    its pages are reached through both hosts, ``/town-b/…`` on the default one."""
    town_home = make_home(home_page, "town-b", "เทศบาล ข", thai_locale)
    town_home.save_revision().publish()
    return Site.objects.create(
        hostname="town-b.example", port=80, root_page=town_home, site_name="เทศบาล ข"
    )


def make_staff(
    username: str,
    group_name: str,
    page,
    *,
    page_permissions=("change",),
    codenames=(),
):
    """A user who may use the admin, in a new group with ``page_permissions`` on
    ``page`` and its subtree and the model permissions ``codenames``."""
    group = Group.objects.create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(codename__in=("access_admin", *codenames))
    )
    for permission in page_permissions:
        GroupPagePermission.objects.create(
            group=group, page=page, permission_type=permission
        )
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def site_editor(site):
    """An editor who may add, change and publish pages on the default site only."""
    return make_staff(
        "editor",
        "บรรณาธิการ",
        site.root_page,
        page_permissions=("add", "change", "publish"),
    )


@pytest.fixture
def government_settings(site):
    return set_government_settings(
        site,
        name="องค์การบริหารส่วนตำบลทดสอบ",
        name_en="Test Subdistrict Administrative Organization",
        phone="044-111-111",
    )


def set_government_settings(site, **fields) -> GovernmentSettings:
    """The site's government settings, with ``fields`` set and saved."""
    settings = GovernmentSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.fixture
def english_home(home_page, english_locale):
    english = home_page.copy_for_translation(english_locale)
    english.title = "Home"
    english.slug = "home-en"
    english.save_revision().publish()
    return english


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", password="pw", email=""
    )


def sign_in(client, user):
    """Sign ``user`` in as the admin login would, second factor included: a
    confirmed authenticator device, verified in this session."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def says_when_to_retry(response, window: int = throttle.HOUR) -> bool:
    """Whether a 429 says, in ``Retry-After``, that the client may try again when
    the throttle's current ``window`` ends (read a moment after it was sent)."""
    retry_after = int(response.get("Retry-After", 0))
    late = (retry_after - throttle.seconds_left(window)) % window
    return 0 < retry_after <= window and late <= 1


def tells_when_to_retry(text: str, window: int = throttle.HOUR) -> bool:
    """Whether a refusal's words (a page, or the API's ``detail``) tell people the
    clock time they may try again: the end of the throttle's current ``window``,
    in Thai."""
    return f"ลองใหม่หลังเวลา {throttle.retry_time(window)}" in text.replace("\xa0", " ")


def solve_pace(pace) -> dict:
    """The pace fields a browser with JavaScript sends (see :mod:`kcs_core.pacing`):
    the ticket, and the widget's payload after finding the counter by trying each
    one, as the widget does. ``pace`` is the page's ticket or the API's ``pace``."""
    if isinstance(pace, dict):
        ticket, challenge = pace["ticket"], pace["challenge"]
    else:
        ticket, challenge = pace.ticket, pace.challenge
    return {pacing.TICKET_FIELD: ticket, pacing.SOLUTION_FIELD: pacing.solve(challenge)}


def pace_of(form: dict) -> dict:
    """The ``pace`` of a JSON submission: the form description's ticket, solved as
    the widget solves it."""
    fields = solve_pace(form["pace"])
    return {
        "ticket": fields[pacing.TICKET_FIELD],
        "solution": fields[pacing.SOLUTION_FIELD],
    }


@pytest.fixture
def api(client):
    """The test client, speaking JSON."""
    return JSONClient(client)


def paced(client, url: str, **extra) -> dict:
    """Open the form at ``url`` and solve its pace ticket: the fields to add to
    the form's POST."""
    return solve_pace(client.get(url, **extra).context["pace"])


def run_at_once(action, threads: int) -> tuple[list, list[str]]:
    """Run ``action`` in ``threads`` threads released together, each on its own
    database connection: ``(what the calls returned, the errors they raised)``."""
    results, errors = [], []
    start = threading.Barrier(threads)

    def worker():
        try:
            start.wait()
            results.append(action())
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append(repr(error))
        finally:
            connection.close()

    started = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return results, errors
