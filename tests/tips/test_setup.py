"""Setting a site's tip channel up: the function, the admin screen, the command
and the demo that uses it."""

from io import StringIO

from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command

from wagtail.models import GroupPagePermission, Page

import pytest

from kcs_wagtail.home.demo import tips as tips_demo
from tests.conftest import sign_in
from tests.tips.conftest import add_tip_page, make_handler
from tips.anonymity import is_anonymous_path
from tips.models import TipFormPage, TipGuidelinePage, TipHandler, TipStatisticsPage
from tips.setup import set_up_channel

pytestmark = pytest.mark.django_db

SETUP_URL = "/admin/tip-channel/setup/"


def channel_pages(site) -> list[Page]:
    """The site's tip, guideline and statistics pages (none may be missing)."""
    tip = TipFormPage.objects.descendant_of(site.root_page).get()
    return [
        tip,
        TipGuidelinePage.objects.descendant_of(site.root_page).get(),
        TipStatisticsPage.objects.descendant_of(site.root_page).get(),
    ]


def test_a_fresh_site_gets_three_live_pages_with_default_content(client, other_site):
    channel = set_up_channel(other_site)

    tip, guideline, statistics = channel_pages(other_site)
    assert channel.created == [tip, guideline, statistics]
    assert all(page.live for page in channel.created)
    assert tip.get_parent().pk == other_site.root_page.pk
    assert tip.slug == "tip-off" and tip.title == "แจ้งเบาะแสการทุจริต"
    assert tip.acknowledge_within_days == 7
    assert guideline.get_parent().pk == statistics.get_parent().pk == tip.pk
    assert guideline.title == "คู่มือการจัดการเรื่องร้องเรียนการทุจริต"
    assert guideline.channel_page_id == tip.pk
    assert guideline.responsible_unit == "สำนักปลัด"
    assert [step.value["duration"] for step in guideline.steps] == [
        "ทันที",
        "ภายใน 7 วัน",
        "ภายใน 30 วัน",
        "เมื่อดำเนินการแล้วเสร็จ",
    ]
    assert "ตอบรับภายใน 7 วัน" in guideline.time_frame
    assert statistics.title == "สถิติเรื่องร้องเรียนการทุจริต"
    # Published like any tip page: anonymised, and honest about having no handler.
    assert is_anonymous_path("/tip-off/")
    html = client.get("/tip-off/", HTTP_HOST="other.example").content.decode()
    assert "หน่วยงานยังไม่ได้ระบุผู้รับเรื่องเบาะแส" in html
    guideline_html = client.get(
        "/tip-off/guideline/", HTTP_HOST="other.example"
    ).content.decode()
    assert "รับเรื่องและออกเลขที่เรื่อง" in guideline_html


def test_the_guideline_names_the_office_from_the_settings_and_english_copies_follow(
    site, government_settings, english_home
):
    channel = set_up_channel(site)

    tip, guideline, statistics = channel_pages(site)
    assert guideline.responsible_unit == "สำนักปลัด องค์การบริหารส่วนตำบลทดสอบ"
    english = {page.specific_class: page.specific for page in channel.created[3:]}
    assert [page.title for page in english.values()] == [
        "Report corruption",
        "Complaint-handling guideline",
        "Tip-off statistics",
    ]
    english_tip = english[TipFormPage]
    english_guideline = english[TipGuidelinePage]
    assert english_tip.get_parent().pk == english_home.pk
    assert english_tip.translation_key == tip.translation_key and english_tip.live
    assert english_guideline.channel_page_id == english_tip.pk
    assert english_guideline.responsible_unit == (
        "Office of the Chief Administrator, "
        "Test Subdistrict Administrative Organization"
    )
    assert english_guideline.steps[1].value["duration"] == "Within 7 days"
    assert english[TipStatisticsPage].get_parent().pk == english_tip.pk


def test_twice_creates_nothing_and_keeps_edits(site, english_home):
    set_up_channel(site)
    guideline = TipGuidelinePage.objects.get(locale=site.root_page.locale)
    guideline.title = "คู่มือของเรา"
    guideline.save_revision().publish()
    count = Page.objects.count()

    channel = set_up_channel(site)

    assert channel.created == [] and channel.is_complete
    assert Page.objects.count() == count
    assert TipGuidelinePage.objects.get(pk=guideline.pk).title == "คู่มือของเรา"


def test_an_existing_tip_page_anywhere_in_the_site_is_completed(site, home_page):
    section = home_page.add_child(instance=Page(title="บริการ", slug="services"))
    tip = add_tip_page(section, slug="report")

    channel = set_up_channel(site)

    assert channel.tip_page.pk == tip.pk
    assert [page.specific_class for page in channel.created] == [
        TipGuidelinePage,
        TipStatisticsPage,
    ]
    assert TipFormPage.objects.count() == 1
    assert channel.guideline_page.get_parent().pk == tip.pk


def test_a_taken_slug_gets_a_number(site, home_page):
    home_page.add_child(instance=Page(title="อื่น", slug="tip-off"))
    assert set_up_channel(site).tip_page.slug == "tip-off-1"


# The admin screen


def set_up_button(site) -> str:
    """The hidden field of the form that sets ``site``'s channel up."""
    return f'name="site" value="{site.pk}"'


def test_the_superuser_sets_up_a_site_and_is_asked_for_a_handler(
    admin_client, site, other_site
):
    html = admin_client.get(SETUP_URL).content.decode()
    assert "other.example" in html and set_up_button(other_site) in html

    response = admin_client.post(SETUP_URL, {"site": other_site.pk}, follow=True)

    assert response.redirect_chain == [(SETUP_URL, 302)]
    assert len(channel_pages(other_site)) == 3
    html = response.content.decode()
    assert "ตั้งช่องทางแจ้งเบาะแสของ other.example แล้ว เผยแพร่ 3 หน้า" in html
    assert "ยังไม่มีผู้รับเรื่องเบาะแส กรุณาเพิ่มผู้รับเรื่อง" in html
    assert set_up_button(other_site) not in html
    assert f"/admin/tip_handlers/new/?site={other_site.pk}" in html
    assert f"/admin/pages/{channel_pages(other_site)[0].pk}/edit/" in html


def test_the_screen_lists_the_handlers_and_says_when_nothing_was_to_do(
    admin_client, site, django_user_model
):
    set_up_channel(site)
    make_handler(django_user_model, site, name="นายรับ เรื่องดี", position="นิติกร")

    response = admin_client.post(SETUP_URL, {"site": site.pk}, follow=True)

    html = response.content.decode()
    assert "ตั้งไว้แล้ว จึงไม่มีการเปลี่ยนแปลง" in html
    assert "นายรับ เรื่องดี" in html and "นิติกร" in html
    assert "ยังไม่มีผู้รับเรื่องเบาะแส" not in html
    assert set_up_button(site) not in html


def test_the_add_handler_form_starts_with_the_site_chosen(admin_client, other_site):
    html = admin_client.get(
        f"/admin/tip_handlers/new/?site={other_site.pk}"
    ).content.decode()
    assert f'<option value="{other_site.pk}" selected>' in html


def refused(response) -> bool:
    """Wagtail answers PermissionDenied in the admin with a redirect home."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_an_editor_sets_up_only_their_own_site(client, site, other_site, site_editor):
    sign_in(client, site_editor)
    response = client.get(SETUP_URL)
    assert [row["site"] for row in response.context["rows"]] == [site]
    assert "other.example" not in response.content.decode()

    assert refused(client.post(SETUP_URL, {"site": other_site.pk}))
    assert not TipFormPage.objects.exists()

    response = client.post(SETUP_URL, {"site": site.pk}, follow=True)
    assert len(channel_pages(site)) == 3
    html = response.content.decode()
    assert "ยังไม่มีผู้รับเรื่องเบาะแส กรุณาเพิ่มผู้รับเรื่อง" in html
    # Naming handlers is the administrators' business.
    assert "กรุณาขอให้ผู้ดูแลระบบเพิ่มผู้รับเรื่องเบาะแส" in html
    assert "/admin/tip_handlers/new/" not in html


def test_an_editor_who_may_not_publish_gets_no_button(client, site, site_editor):
    GroupPagePermission.objects.filter(permission__codename="publish_page").delete()
    sign_in(client, site_editor)
    html = client.get(SETUP_URL).content.decode()
    assert set_up_button(site) not in html
    assert "ต้องมีสิทธิ์เพิ่มและเผยแพร่หน้า" in html
    assert refused(client.post(SETUP_URL, {"site": site.pk}))
    assert not TipFormPage.objects.exists()


def test_the_menu_item_is_shown_to_those_who_may_act_for_a_site(
    client, admin_client, site, site_editor, django_user_model
):
    assert SETUP_URL in admin_client.get("/admin/").content.decode()
    sign_in(client, site_editor)
    assert SETUP_URL in client.get("/admin/").content.decode()

    outsider = django_user_model.objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, outsider)
    assert SETUP_URL not in client.get("/admin/").content.decode()
    assert refused(client.get(SETUP_URL))


# The command


def test_the_command_sets_up_a_site_named_by_hostname_or_id(other_site):
    out = StringIO()
    call_command("tips_setup_channel", "--site", "other.example", stdout=out)
    said = out.getvalue()
    assert "สร้างหน้า" in said and "http://other.example/" in said  # the public URL
    assert "ยังไม่มีผู้รับเรื่อง" in said
    assert len(channel_pages(other_site)) == 3

    out = StringIO()
    call_command("tips_setup_channel", "--site", str(other_site.pk), stdout=out)
    assert "ตั้งค่าช่องทางแจ้งเบาะแสไว้แล้ว" in out.getvalue()
    assert TipFormPage.objects.count() == 1

    with pytest.raises(CommandError):
        call_command("tips_setup_channel", "--site", "nowhere.example")


# The demo


class DemoCommand:
    def __init__(self):
        self.stdout = StringIO()


def test_the_demo_sets_the_channel_up_and_names_its_handler(
    site, home_page, english_home, government_settings
):
    command = DemoCommand()
    tips_demo.load(command, home_page, english_home)
    tips_demo.load(command, home_page, english_home)  # idempotent

    tip, guideline, statistics = channel_pages(site)
    assert guideline.responsible_unit == "สำนักปลัด องค์การบริหารส่วนตำบลทดสอบ"
    assert tip.get_translation(english_home.locale).title == "Report corruption"
    assert TipHandler.objects.get(site=site).name == "นางสาวสมใจ ใจดี"
    assert TipFormPage.objects.count() == 2
