"""Every admin screen of the plugin's apps that a member of staff is shown opens for
them: the superuser, an editor of the demo site's pages and its tip handler, each
signed in with their second factor, following the links of the dashboard and the
menu, of each app's lists and of the edit and add views of every page type of the
apps. A link to a screen that refuses its reader is a failure too.

The demo site holds one e-service request and one tip, filed through the services
as residents file them, so that the case views are reached too.
"""

import html
import re
import uuid
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import GroupSitePermission, Page, Site

import pytest

from eservice_forms import services as eservice_services
from eservice_forms.models import ServicePage
from tests.conftest import make_home, make_staff, sign_in
from tests.eservice_forms.conftest import WATER_ANSWERS
from tests.html import HREF
from tests.tips.conftest import (
    form_data,
    tips_settings,  # noqa: F401 - keys for the demo tip
)
from tips import services as tip_services
from tips.models import TipFormPage, TipHandler

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

APPS = ("ita_pages", "eservice_forms", "tips", "kcs_core")
OTHER_HOST = re.compile(r'src="(?:https?:)?//|gravatar\.com')
# The admin's own screens of the apps: their menus, lists, case views and settings.
APP_PREFIXES = (
    "/admin/ita",
    "/admin/e-service",
    "/admin/eservice_requests",
    "/admin/tip",
    "/admin/second-factor",
    "/admin/settings/",
)


@pytest.fixture
def demo(loaded_demo, db):
    """The demo site with a request and a tip filed on it."""
    water = ServicePage.objects.get(slug="water", locale__language_code="th")
    eservice_services.submit_request(
        water, WATER_ANSWERS, {}, idempotency_key=uuid.uuid4()
    )
    answers = form_data()
    tip = {name: answers[name] for name in tip_services.TIP_FIELDS}
    with TestCase.captureOnCommitCallbacks(execute=True):
        tip_services.submit_tip(
            TipFormPage.objects.get(locale__language_code="th"), tip, []
        )


# The menu's links, in the sidebar's JSON ("url": "/admin/tips/").
MENU_URL = re.compile(r'"url": "(/admin/[^"]*)"')
# A screen whose browser tab reads only " - Wagtail": the tab, the history and a
# screen reader's first words do not say where the reader is (WCAG 2.4.2).
UNTITLED = re.compile(r"<title>\s*-")


def page_screens() -> set[str]:
    """The edit view of one page of each of the apps' page types in the demo, and
    the add view of each of the apps' page types under it that it may hold."""
    screens, seen_types = set(), set()
    for page in Page.objects.filter(depth__gt=1).specific():
        page_type = type(page)
        if page_type._meta.app_label not in APPS or page_type in seen_types:
            continue
        seen_types.add(page_type)
        screens.add(f"/admin/pages/{page.pk}/edit/")
        screens.add(f"/admin/pages/{page.pk}/")
        for child_type in page.allowed_subpage_models():
            if child_type._meta.app_label in APPS and child_type.can_create_at(page):
                opts = child_type._meta
                screens.add(
                    f"/admin/pages/add/{opts.app_label}/{opts.model_name}/{page.pk}/"
                )
    return screens


def app_links(page: str, base: str) -> set[str]:
    links = set()
    for href in HREF.findall(page) + MENU_URL.findall(page):
        parts = urlsplit(urljoin(base, html.unescape(href)))
        if parts.netloc in ("", "testserver") and parts.path.startswith(APP_PREFIXES):
            links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def shape(url: str) -> str:
    """``url`` without its numbers and query values: one record of each list, one
    page of each listing, one choice of each filter is crawled."""
    parts = urlsplit(url)
    keys = sorted({key for key, _value in parse_qsl(parts.query)})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def crawl(client, start: set[str], foreign: str = "") -> dict[str, int | str]:
    """``{url: status}`` for the app screens reachable from ``start`` (each of
    them, then one of each :func:`shape`); a redirect is followed, and kept as
    where it leads when that is the dashboard (where the admin sends who may not
    see a screen) or the login; a screen that shows ``foreign`` (another site's
    name) is kept as that, one that makes the browser ask another host for
    anything (avatars from Gravatar carried a hash of each member of staff's
    e-mail address) as that, and one with no title of its own as "no title"."""
    shapes, queue, statuses = set(), sorted(start), {}
    while queue:
        url = queue.pop()
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code == 302:
            target = response["Location"]
            if urlsplit(target).path in ("/admin/", "/admin/login/"):
                statuses[url] = target
            links = app_links(f'href="{target}"', url)
        elif response.get("Content-Type", "").startswith("text/html"):
            page = response.content.decode()
            if foreign and foreign in page:
                statuses[url] = f"shows {foreign}"
            elif OTHER_HOST.search(page):
                statuses[url] = "loads from another host"
            elif UNTITLED.search(page):
                statuses[url] = "no title"
            links = app_links(page, url)
        else:
            links = set()
        for link in sorted(links):
            if link not in start and shape(link) not in shapes:
                shapes.add(shape(link))
                queue.append(link)
    return statuses


def refused(statuses: dict[str, int | str]) -> dict[str, int | str]:
    return {url: status for url, status in statuses.items() if status not in (200, 302)}


def test_every_admin_screen_of_the_apps_opens_for_the_superuser(
    client, demo, django_user_model
):
    sign_in(client, django_user_model.objects.get(username="admin"))
    statuses = crawl(client, {"/admin/", *page_screens()})
    assert len(statuses) > 60  # the lists, records, settings and page types
    assert refused(statuses) == {}


def test_every_screen_an_editor_is_shown_opens(client, demo):
    home = Page.objects.get(depth=2, locale__language_code="th")
    editor = make_staff(
        "editor", "บรรณาธิการ", home, page_permissions=("add", "change", "publish")
    )
    sign_in(client, editor)
    statuses = crawl(client, {"/admin/", *page_screens()})
    assert "/admin/ita/readiness/" in statuses
    assert refused(statuses) == {}


def test_every_tip_screen_opens_for_the_tip_handler(client, demo):
    sign_in(client, TipHandler.objects.get().user)
    statuses = crawl(client, {"/admin/"})
    assert any(url.startswith("/admin/tips/") for url in statuses)
    assert refused(statuses) == {}


def test_an_officer_of_another_site_sees_nothing_of_the_demo_site(
    client, demo, thai_locale
):
    """A second government on the same installation: its officer, who may change
    its pages, every record of the apps and its settings (granted for the site, as
    Wagtail grants site settings), reaches every screen they are shown and reads the
    demo site's name on none."""
    home = make_home(Page.get_first_root_node(), "home-b", "เทศบาลตำบลบี", thai_locale)
    site = Site.objects.create(
        hostname="b.example", root_page=home, site_name="เทศบาลตำบลบี"
    )
    settings_types = ContentType.objects.get_for_models(
        *[
            model
            for model in apps.get_models()
            if issubclass(model, BaseSiteSetting) and model._meta.app_label in APPS
        ]
    ).values()
    app_permissions = Permission.objects.filter(content_type__app_label__in=APPS)
    officer = make_staff(
        "officer",
        "เจ้าหน้าที่ เทศบาลตำบลบี",
        home,
        page_permissions=("add", "change", "publish"),
        codenames=app_permissions.exclude(content_type__in=settings_types).values_list(
            "codename", flat=True
        ),
    )
    for permission in app_permissions.filter(content_type__in=settings_types):
        GroupSitePermission.objects.create(
            group=officer.groups.get(), site=site, permission=permission
        )
    sign_in(client, officer)
    statuses = crawl(client, {"/admin/"}, foreign="กุดชุมแสง")
    assert f"/admin/settings/kcs_core/governmentsettings/{site.pk}/" in statuses
    assert "/admin/ita_gifts/" in statuses and "/admin/tip_handlers/" in statuses
    assert refused(statuses) == {}


def test_the_admin_asks_no_other_host_for_staff_avatars(
    client, demo, django_user_model
):
    """Wagtail's default avatars come from Gravatar, by a hash of each member of
    staff's e-mail address (WAGTAIL_GRAVATAR_PROVIDER_URL)."""
    admin = django_user_model.objects.get(username="admin")
    admin.email = "somchai@example.go.th"
    admin.save()
    page = Site.objects.get(is_default_site=True).root_page.specific
    page.save_revision(user=admin).publish(user=admin)
    sign_in(client, admin)
    for url in ("/admin/", f"/admin/pages/{page.pk}/history/"):
        html = client.get(url).content.decode()
        assert "somchai" in html or "admin" in html
        assert not OTHER_HOST.search(html), url
