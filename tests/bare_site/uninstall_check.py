"""Install kcs-wagtail into a bare Wagtail site, use it, uninstall it, and compare.

Run by ``tests/test_uninstall.py`` in three processes on one SQLite file
(``BARE_SITE_DB``), each as ``python -m tests.bare_site.uninstall_check PHASE``:

``host``
    The site before the plugin: a stock Wagtail site (``tests.bare_site.settings``
    without the plugin's apps, the apps it needs and whatever names them) with the
    database task queue, one page of its own, one staff account, its queue run and
    its search index built. Writes the database's contents to
    ``SNAPSHOT_DIR/host.json``.
``plugin``
    Adds the plugin (the bare site's settings), migrates, and uses it as an office
    would: the ITA tree and its approval workflow (a step started), a catalog, an
    e-service with a filed request and its photo, the tip channel with a handler and
    a tip with evidence, a redirect, a page of the host's below the ITA section; the
    background worker runs the queue. A page of each app is served in the host's
    bare ``base.html``. Then a dry run (which must change nothing),
    ``kcs_uninstall --yes`` (files must stay), ``migrate <app> zero`` for the four
    apps and the three apps with tables that they need, and
    ``kcs_uninstall --yes --delete-files`` (nothing left to delete but the files).
``after``
    The host's settings again: ``remove_stale_contenttypes --include-stale-apps``
    and ``update_index`` (the search index's ranking figures), then the contents
    must equal ``host.json``, table by table and row by row.

Prints what it does; exits non-zero on the first difference.
"""

import io
import json
import os
import sys
import uuid
from pathlib import Path

import django
from django.conf import settings

PLUGIN_APPS = ["kcs_core", "ita_pages", "eservice_forms", "tips"]
#: What the plugin asks a host to add (README, "Adding the apps"), in the order
#: their tables are dropped.
NEEDED_APPS = [
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "captcha",
    "django_otp",
]
#: Middleware and settings that name the plugin's modules.
PLUGIN_MODULES = tuple(f"{name}." for name in [*PLUGIN_APPS, "django_otp"])
#: Their table prefixes: none may be left.
PLUGIN_TABLE_PREFIXES = (
    "kcs_core_",
    "ita_pages_",
    "eservice_forms_",
    "tips_",
    "captcha_",
    "otp_",
)


def configure(with_plugin: bool) -> None:
    """The bare site's settings, without the plugin and the apps it needs unless
    ``with_plugin``; the database task queue in both (a host that runs a worker)."""
    from tests.bare_site import settings as bare

    values = {name: getattr(bare, name) for name in dir(bare) if name.isupper()}
    queue = [
        app
        for app in ("django_tasks", "django_tasks_db")
        if app not in bare.INSTALLED_APPS
    ]
    values["INSTALLED_APPS"] = [*bare.INSTALLED_APPS, *queue]
    values["TASKS"] = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    values["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    values["KCS_PRIVATE_MEDIA_ROOT"] = os.environ["KCS_PRIVATE_MEDIA_ROOT"]
    if not with_plugin:
        removed = PLUGIN_APPS + NEEDED_APPS
        values["INSTALLED_APPS"] = [
            app for app in values["INSTALLED_APPS"] if app not in removed
        ]
        values["MIDDLEWARE"] = [
            name for name in bare.MIDDLEWARE if not name.startswith(PLUGIN_MODULES)
        ]
        for name, value in list(values.items()):
            if isinstance(value, str) and value.startswith(PLUGIN_MODULES):
                del values[name]  # the exception reporters, the login form …
    settings.configure(**values)
    django.setup()


def snapshot() -> dict[str, list[str]]:
    """Every table's rows (SQLite), sorted; full-text shadow tables left out (their
    bytes differ after an insert and a delete; the virtual table's rows are kept)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        tables = cursor.fetchall()
        virtual = [name for name, sql in tables if sql.startswith("CREATE VIRTUAL")]
        contents = {}
        for name, _sql in tables:
            if name == "sqlite_sequence" or any(
                name.startswith(f"{table}_") for table in virtual
            ):
                continue
            cursor.execute(f'SELECT * FROM "{name}"')  # noqa: S608 - own table names
            contents[name] = sorted(repr(row) for row in cursor.fetchall())
    return contents


def differences(before: dict, after: dict) -> list[str]:
    found = []
    for table in sorted(set(before) | set(after)):
        if table not in after:
            found.append(f"table {table} is gone")
        elif table not in before:
            found.append(f"table {table} was added ({len(after[table])} rows)")
        else:
            gone = sorted(set(before[table]) - set(after[table]))
            added = sorted(set(after[table]) - set(before[table]))
            found.extend(f"{table}: row gone: {row}" for row in gone)
            found.extend(f"{table}: row added: {row}" for row in added)
    return found


def snapshot_path() -> Path:
    return Path(os.environ["SNAPSHOT_DIR"]) / "host.json"


def host() -> int:
    configure(with_plugin=False)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from wagtail.models import Page, Site

    call_command("migrate", verbosity=0, interactive=False)
    home = Site.objects.get(is_default_site=True).root_page
    about = home.add_child(instance=Page(title="About us", slug="about"))
    about.save_revision().publish()
    get_user_model().objects.create_user("clerk", "clerk@example.com", "pw")
    call_command("db_worker", batch=True, queue_name="*", verbosity=0)
    call_command("update_index", verbosity=0)
    snapshot_path().write_text(json.dumps(snapshot()), encoding="utf-8")
    sys.stdout.write(f"host: {len(snapshot())} tables\n")
    return 0


def use_the_plugin() -> None:
    """Content as an office makes it, through the apps' own functions."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.log_actions import log
    from wagtail.models import Page, Site

    from eservice_forms.models import ServiceIndexPage, ServiceStatisticsPage
    from eservice_forms.presets import PRESETS, create_service
    from eservice_forms.services import store_request
    from ita_pages.approvals import setup_site_approval
    from ita_pages.catalog import load_catalog, parse_file, shipped_catalog_paths
    from ita_pages.models import DisclosureSectionPage, EvidencePage, ITAIndexPage
    from kcs_core.models import GovernmentSettings
    from tips.files import CheckedUpload
    from tips.models import TipFormPage, TipGuidelinePage, TipHandler
    from tips.models import TipStatisticsPage as TipStatistics
    from tips.services import submit_tip

    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    clerk = get_user_model().objects.get(username="clerk")

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision(user=clerk).publish()
        return page

    section = publish(home, DisclosureSectionPage(title="ITA", slug="ita"))
    catalog = next(path for path in shipped_catalog_paths())
    year, _created = load_catalog(site, parse_file(catalog.name, catalog.read_bytes()))
    index = publish(
        section, ITAIndexPage(title="ITA", slug="index", assessment_year=year)
    )
    evidence = index.add_child(
        instance=EvidencePage(title="Evidence", slug="o1", fiscal_year=year.year)
    )
    publish(section, Page(title="A page of the host's", slug="host-note"))
    approval = setup_site_approval(site)  # named in the site's English
    approval.editors.user_set.add(clerk)
    evidence.save_revision(user=clerk)
    approval.workflow.start(evidence, clerk)
    # As Wagtail's page editor records who has it open: under the base page type.
    EditingSession.objects.create(
        user=clerk,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=evidence.pk,
        last_seen_at=timezone.now(),
    )
    Redirect.objects.create(old_path="/old-ita", redirect_page=section, site=site)

    services = publish(home, ServiceIndexPage(title="Services", slug="services"))
    publish(services, ServiceStatisticsPage(title="Statistics", slug="statistics"))
    service = create_service(services, PRESETS[0], to_address="staff@example.com")
    photo = SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg")
    answers = {"first_name": "สมศรี", "email": "somsri@example.com"}
    for key in service.file_field_keys()[:1]:
        answers[key] = [photo]
    store_request(service, site, answers, uuid.uuid4())

    tip_page = publish(home, TipFormPage(title="Report corruption", slug="report"))
    publish(tip_page, TipStatistics(title="Tip statistics", slug="statistics"))
    publish(tip_page, TipGuidelinePage(title="Guideline", slug="guideline"))
    handler = TipHandler.objects.create(
        site=site, user=clerk, name="Somjai", position="Clerk"
    )
    # As the admin logs its edits: into the plugin's own log (SiteLogEntry).
    log(instance=handler, action="wagtail.create", user=clerk)
    log(instance=GovernmentSettings.for_site(site), action="wagtail.edit", user=clerk)
    submit_tip(
        tip_page,
        {"category": "bribery", "description": "A bribe"},
        [CheckedUpload("photo.jpg", "image/jpeg", jpeg_bytes())],
    )


def serve_a_page_of_each_app() -> int:
    """The ITA section, the e-services and the tip page, served in the host's
    ``base.html`` (nothing but ``{% block content %}``) and styled by the plugin;
    prints ``path status`` for each; the number that failed."""
    from django.test import Client

    from eservice_forms.models import ServiceIndexPage
    from ita_pages.models import DisclosureSectionPage
    from tips.models import TipFormPage

    client = Client()
    failures = 0
    for model in (DisclosureSectionPage, ServiceIndexPage, TipFormPage):
        page = model.objects.get()
        response = client.get(page.url)
        html = response.content.decode()
        ok = response.status_code == 200 and page.title in html and "kcs.css" in html
        failures += not ok
        sys.stdout.write(f"{page.url} {response.status_code}\n")
    return failures


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return buffer.getvalue()


def private_files() -> list[Path]:
    root = Path(os.environ["KCS_PRIVATE_MEDIA_ROOT"])
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def command(*args) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command(*args, stdout=out)
    sys.stdout.write(out.getvalue())
    return out.getvalue()


def plugin() -> int:
    configure(with_plugin=True)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    use_the_plugin()
    call_command("db_worker", batch=True, queue_name="*", verbosity=0)
    if serve_a_page_of_each_app():
        sys.stdout.write("FAIL: a page of the plugin was not served in full\n")
        return 1
    files = sorted(private_files())
    if not files:
        sys.stdout.write("FAIL: the plugin stored no private file\n")
        return 1
    before = snapshot()
    command("kcs_uninstall")
    if differences(before, snapshot()):
        sys.stdout.write("FAIL: the dry run changed the database\n")
        return 1
    command("kcs_uninstall", "--yes")
    if sorted(private_files()) != files:
        sys.stdout.write("FAIL: files went without --delete-files\n")
        return 1
    for app in ["tips", "eservice_forms", "ita_pages", "kcs_core"]:
        call_command("migrate", app, "zero", verbosity=0, interactive=False)
    for app in ["otp_static", "otp_totp", "captcha"]:
        call_command("migrate", app, "zero", verbosity=0, interactive=False)
    if "Deleted rows:\n  none" not in command(
        "kcs_uninstall", "--yes", "--delete-files"
    ):
        sys.stdout.write("FAIL: a second run found rows to delete\n")
        return 1
    if private_files():
        sys.stdout.write("FAIL: files left after --delete-files\n")
        return 1
    return 0


def after() -> int:
    configure(with_plugin=False)
    from django.core.management import call_command

    call_command(
        "remove_stale_contenttypes", include_stale_apps=True, interactive=False
    )
    call_command("update_index", verbosity=0)
    now = snapshot()
    left = [name for name in now if name.startswith(PLUGIN_TABLE_PREFIXES)]
    found = [f"table {name} is left" for name in left]
    found += differences(json.loads(snapshot_path().read_text(encoding="utf-8")), now)
    for line in found:
        sys.stdout.write(f"DIFF {line}\n")
    sys.stdout.write(f"after: {len(now)} tables, {len(found)} differences\n")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit({"host": host, "plugin": plugin, "after": after}[sys.argv[1]]())
