"""The Thai admin is Thai: every admin screen of the plugin, opened by a superuser
whose language is Thai, shows none of the common English words of an admin.

The screens are walked with real content (an ITA year, an e-service with a filed
request, a tip channel); what a person sees is the page's text without tags,
scripts, styles and what users typed, plus the sidebar's labels, which Wagtail
renders with JavaScript from the JSON in the page. Wagtail's and wagtail-localize's
strings that have no Thai upstream come from kcs_core's catalog (see
``kcs_core/upstream_strings.py`` and docs/translations.md).
"""

import json
import re
import uuid
from html.parser import HTMLParser

from django.conf import settings as django_settings
from django.http import QueryDict
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from eservice_forms import services as eservice_services
from eservice_forms.request_statuses import REJECTED, STATUS_LABELS
from eservice_forms.setup import new_service
from ita_pages.models import CommunityLeader, EvidencePage, ITAIndexPage
from ita_pages.setup import set_up_site
from tests.conftest import page_models_of, sign_in
from tests.eservice_forms.conftest import WATER_ANSWERS
from tests.tips.conftest import TEST_KEY, form_data
from tips import services as tip_services
from tips.models import TipHandler
from tips.setup import set_up_channel

PLUGIN_APPS = ("kcs_core", "ita_pages", "eservice_forms", "tips")

# Words an untranslated admin shows; matched as whole words, case-sensitively
# (the admin capitalises them as written here).
ENGLISH_WORDS = (
    "Password",
    "Remember me",
    "Forgotten password",
    "Sign in",
    "Filter by",
    "Sort by",
    "minutes",
    "minute",
    "hours",
    "hour",
    "seconds",
    "days",
    "ago",
    "Save draft",
    "Save",
    "Publish",
    "Unpublish",
    "Delete",
    "Status",
    "Edit",
    "Search",
    "Actions",
    "True",
    "False",
    "None",
    "Yes",
    "No",
    "Add",
    "Choose",
    "Cancel",
    "Live",
    "Draft",
    "Page",
    "Pages",
    "Title",
    "Created",
    "Updated",
    "Preview",
    "View",
    "More",
    "Close",
    "Clear",
    "Apply",
    "Select",
    "Export",
    "Download",
    "Next",
    "Previous",
    "Show",
    "Hide",
    "Remove",
    "Required",
    "Date",
    "Name",
    "Type",
    "Site",
    "Locale",
    "Translate",
    "Content",
    "Promote",
    "Settings",
    "History",
    "Comments",
    "Dashboard",
    "Reports",
    "Help",
    "Log out",
    "Account",
    "All",
    "Back",
    "Loading",
    "Saved",
    "Toggle",
    "Keyboard",
    "Sidebar",
    "Translations",
    "Workflows",
    "Workflow",
    "Task",
    "Tasks",
    "Awaiting",
    "review",
    "Requested by",
    "Started at",
    "Completed at",
    "Approved",
    "Rejected",
    "Cancelled",
    "Compare",
    "Restart",
    "Exploring",
    "started",
    "submitted",
)
ENGLISH = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_WORDS)) + r")\b")

# English that Wagtail writes outside gettext, so no catalog can translate it:
# (element, attribute, text) -> the Wagtail template (to report upstream).
HARD_CODED = {
    ("input", "value", "Search"): "wagtailadmin/shared/header.html",
    ("nav", "aria-label", "Actions"): "wagtailadmin/shared/headers/_actions.html",
}

# Attributes a reader meets: a tooltip, an empty field's hint, what a screen
# reader says.
ANNOUNCED = ("placeholder", "title", "aria-label", "alt")
SKIPPED_ELEMENTS = {"script", "style", "textarea", "svg", "noscript"}
# Elements whose text JavaScript writes before showing them: Wagtail renders the
# side panel's error counter hidden, with the Python value None in it.
SCRIPTED = {"data-side-panel-toggle-counter"}
SIDEBAR_PROPS = "wagtail-sidebar-props"


class VisibleText(HTMLParser):
    """The text nodes a reader sees, and the labels of the sidebar's JSON."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping: list[str] = []
        self.sidebar = False
        self.sidebar_json: list[str] = []
        self.sidebar_labels: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS or SCRIPTED.intersection(dict(attrs)):
            self.skipping.append(tag)
            self.sidebar = tag == "script" and dict(attrs).get("id") == SIDEBAR_PROPS
        attributes = dict(attrs)
        shown = ANNOUNCED
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            shown += ("value",)
        self.texts.extend(
            attributes.get(name) or ""
            for name in shown
            if (tag, name, attributes.get(name)) not in HARD_CODED
        )

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
            if tag == "script" and self.sidebar:
                self.sidebar_labels = labels(json.loads("".join(self.sidebar_json)))
                self.texts.extend(self.sidebar_labels)
                self.sidebar = False

    def handle_data(self, data):
        if self.sidebar:
            self.sidebar_json.append(data)
        elif not self.skipping:
            self.texts.append(data)


def labels(value) -> list[str]:
    """Every ``label`` in the sidebar's packed props."""
    if isinstance(value, dict):
        found = [value["label"]] if isinstance(value.get("label"), str) else []
        for item in value.values():
            found += labels(item)
        return found
    if isinstance(value, list):
        return [text for item in value for text in labels(item)]
    return []


def english_on(html: str, user_content: set[str]) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        text = " ".join(text.split())
        for typed in user_content:
            text = text.replace(typed, "")
        if not text:
            continue
        if ENGLISH.search(text):
            found.add(text)
    return found


@pytest.fixture
def content(site, government_settings, english_home, settings, tmp_path, admin_user):
    """An ITA year, a published e-service with a filed request, a tip channel with a
    tip, the superuser its handler, all with their English copies (wagtail-localize's
    actions show): what the plugin's screens list."""
    settings.KCS_SECOND_FACTOR_FOR_SUPERUSERS = True
    settings.KCS_TIPS_ENCRYPTION_KEYS = [TEST_KEY]
    settings.KCS_TIPS_RECEIPT_KEY = "receipt-key-for-tests"
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KCS_TIPS_MIN_FILL_SECONDS = 0
    set_up_site(site, 2568, user=admin_user)
    water = new_service(
        site, "water", publish=True, user=admin_user, to_address="staff@example.com"
    )
    data = QueryDict(mutable=True)
    data.update(WATER_ANSWERS)
    filed = eservice_services.submit_request(
        water, data, {}, idempotency_key=uuid.uuid4()
    ).request
    channel = set_up_channel(site, user=admin_user)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the worker's part
        tip, _code = tip_services.submit_tip(channel.tip_page, form_data(), [])
    TipHandler.objects.create(
        site=site, user=admin_user, name="นางสาวสมใจ ใจดี", position="นิติกร"
    )
    leader = CommunityLeader.objects.create(
        site=site, name="นายสมศักดิ์ ใจดี", position="village_head", village="หมู่ที่ 1"
    )
    return {"site": site, "request": filed, "tip": tip, "leader": leader}


@pytest.fixture
def thai_admin(client, admin_user):
    in_thai(admin_user)
    return sign_in(client, admin_user)


def in_thai(user):
    """The user's admin language: Thai, whatever LANGUAGE_CODE says."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "th"
    profile.save()


def plugin_screens(content) -> list[str]:
    """The URLs of the plugin's admin screens, with the page editors and the
    add-page form of each of its page types."""
    site = content["site"]
    index = ITAIndexPage.objects.descendant_of(site.root_page).first()
    year_id = index.specific.assessment_year_id if index else None
    request = content["request"]
    handler = TipHandler.objects.first()
    screens = [
        reverse("wagtailadmin_home"),
        reverse("ita_pages_readiness"),
        reverse("ita_pages_readiness_report", args=[index.pk]),
        reverse("ita_pages_import"),
        reverse("ita_pages_crosswalk"),
        reverse("ita_pages_setup"),
        reverse("ita_catalogs:index"),
        reverse("ita_letters:index"),  # none sent yet: the empty listing
        reverse("ita_leaders:delete", args=[content["leader"].pk]),
        reverse("eservice_requests:index"),
        reverse("eservice_requests:index") + "?status=received",
        reverse("eservice_requests:case", args=[request.pk]),
        reverse("eservice_requests:print", args=[request.pk]),
        reverse("eservice_forms_new_service"),
        reverse("tips_setup_channel"),
        reverse("tips_admin:index"),
        reverse("tips_admin:detail", args=[content["tip"].pk]),
        reverse("tip_handlers:index"),
        reverse("tip_handlers:add"),
    ]
    if year_id:
        screens.append(reverse("ita_catalogs:edit", args=[year_id]))
    if handler:
        screens.append(reverse("tip_handlers:edit", args=[handler.pk]))
    pages = Page.objects.descendant_of(site.root_page, inclusive=True).filter(
        locale__language_code="th"
    )
    for model in page_models_of(PLUGIN_APPS):
        instance = pages.type(model).exact_type(model).first()
        if instance is not None:
            screens.append(reverse("wagtailadmin_pages:edit", args=[instance.pk]))
        parent = next(
            (p for p in pages.specific() if model.can_create_at(p)),
            None,
        )
        if parent is not None and model.is_creatable:
            screens.append(
                reverse(
                    "wagtailadmin_pages:add",
                    args=[model._meta.app_label, model._meta.model_name, parent.pk],
                )
            )
    return screens


def user_content(content) -> set[str]:
    """What users typed (page titles), which may be in any language: removed from
    the texts before they are checked."""
    titles = Page.objects.values_list("title", flat=True)
    return {" ".join(title.split()) for title in titles} - {""}


def test_the_plugins_admin_screens_are_in_thai(thai_admin, content):
    assert django_settings.LANGUAGE_CODE == "th"
    typed = user_content(content)
    untranslated = {}
    for url in plugin_screens(content):
        response = thai_admin.get(url)
        assert response.status_code == 200, url
        if url == reverse("wagtailadmin_home"):
            sidebar = VisibleText()
            sidebar.feed(response.content.decode())
            assert "รายงาน" in sidebar.sidebar_labels  # the check reads the sidebar
        found = english_on(response.content.decode(), typed)
        if found:
            untranslated[url] = sorted(found)
    assert not untranslated, json.dumps(untranslated, ensure_ascii=False, indent=1)


def approval_screens(content, user) -> list[str]:
    """The screens of an ITA page's approval, once changes were asked, the page
    resubmitted and its first step approved: the dashboard that awaits the
    reviewer, the page's history and its workflow's, the workflow reports, and the
    review of the version submitted."""
    site = content["site"]
    page = EvidencePage.objects.descendant_of(site.root_page).first()
    page.title = "ฉบับปรับปรุง"
    page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    decide(state, user, "reject", comment="แก้คำผิด")
    state.resume(user)
    decide(state, user, "approve")
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[page.pk, state.current_task_state.task_id],
        ),
    ]


def decide(state, user, action: str, **options) -> None:
    """The reviewer's ``action`` on the workflow's current step."""
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, **options)
    state.refresh_from_db()


def test_the_approval_screens_are_in_thai(thai_admin, content, admin_user):
    """Wagtail's own screens that editors and approvers of the ITA chain use."""
    typed = user_content(content)
    untranslated = {}
    for url in approval_screens(content, admin_user):
        response = thai_admin.get(url)
        assert response.status_code == 200, url
        found = english_on(response.content.decode(), typed)
        if found:
            untranslated[url] = sorted(found)
    assert not untranslated, json.dumps(untranslated, ensure_ascii=False, indent=1)


def test_the_second_factor_screens_are_in_thai(client, admin_user, content):
    in_thai(admin_user)
    client.force_login(admin_user)
    setting_up = client.get(reverse("kcs_second_factor:verify"))
    assert setting_up.status_code == 200
    assert not english_on(setting_up.content.decode(), set())
    admin_user.totpdevice_set.update(confirmed=True)
    checking = client.get(reverse("kcs_second_factor:verify"))
    assert checking.status_code == 200
    assert not english_on(checking.content.decode(), set())


def test_the_check_finds_english_words():
    """The check fails on an untranslated screen, not only on a translated one."""
    html = (
        "<p>ตัวกรอง</p><button>Filter by</button><td>True</td><p>ร่าง Draft</p>"
        '<button aria-label="Delete"></button><input type="submit" value="Save">'
        '<div class="w-sr-only"><input type="submit" value="Search"></div>'
        '<script id="wagtail-sidebar-props" type="application/json">'
        '{"_args": [{"label": "Reports"}]}</script><script>var x = "Delete";</script>'
    )
    found = {"Filter by", "True", "Reports", "Delete", "Save"}
    assert english_on(html, set()) == found | {"ร่าง Draft"}
    assert english_on(html, {"Draft"}) == found


def test_a_step_sent_back_reads_as_changes_asked_not_as_a_refused_request(
    thai_admin, content, admin_user
):
    """Wagtail's step status "Rejected" shares its msgid with the e-service status;
    an approver who asked for changes saw ไม่อนุมัติ, what a refused licence reads."""
    history = approval_screens(content, admin_user)[3]
    shown = thai_admin.get(history).content.decode()
    assert "ขอให้แก้ไข" in shown and "ไม่อนุมัติ" not in shown
    with translation.override("th"):
        assert str(STATUS_LABELS[REJECTED]) == "ไม่อนุมัติ"


def test_the_sign_in_screen_is_in_thai(client, content):
    """A clerk's first screen: its password box was labelled "Password" (Wagtail
    gives it no label), its title ran "Wagtail" into the Thai."""
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "เข้าสู่ระบบ Wagtail" in html
    assert not english_on(html, {"Wagtail"})
