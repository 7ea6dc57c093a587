"""Setting a site up for ITA in one action: the function, admin view and command."""

from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import (
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
)

import pytest
from freezegun import freeze_time

from ita_pages import views
from ita_pages.catalog import load_catalog, parse_csv
from ita_pages.models import (
    AssessmentYear,
    DisclosureSectionPage,
    EvidencePage,
    ITAIndexPage,
)
from ita_pages.setup import SetupError, available_years, set_up_site
from tests.conftest import make_staff, sign_in
from tests.ita_pages.conftest import is_translation

SECTION_TITLE = "การประเมินคุณธรรมและความโปร่งใส (ITA)"
CSV_2570 = "year,subindicator,code,title\n2570,1.1,O1,โครงสร้าง\n2570,1.1,O2,ผู้บริหาร\n"


def tree_counts() -> dict[str, int]:
    models = (
        Page,
        Group,
        Workflow,
        WorkflowPage,
        GroupPagePermission,
        AssessmentYear,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_a_second_site_gets_its_whole_ita_tree(site, second_site):
    result = set_up_site(second_site, 2565)

    home = second_site.root_page
    assert AssessmentYear.objects.filter(site=second_site).count() == 5
    assert not AssessmentYear.objects.filter(site=site).exists()
    section = DisclosureSectionPage.objects.child_of(home).get(slug="ita")
    assert section.live and section.title == SECTION_TITLE
    assert result.section == section
    index = ITAIndexPage.objects.child_of(section).get()
    assert index.live and index.slug == "2565" and index == result.index
    assert index.title == "ITA ประจำปีงบประมาณ พ.ศ. 2565"
    assert index.assessment_year.site == second_site
    assert index.url_path == "/home-b/ita/2565/"

    approval = result.approval
    names = set(
        Group.objects.filter(name__startswith="เทศบาล ข: ").values_list(
            "name", flat=True
        )
    )
    assert names == {"เทศบาล ข: ผู้จัดทำข้อมูล ITA", "เทศบาล ข: ปลัด", "เทศบาล ข: นายก"}
    assert approval.editors.name in names
    assert WorkflowPage.objects.get(page=section).workflow == approval.workflow
    assert Page.objects.get(pk=index.pk).get_workflow() == approval.workflow
    assert GroupPagePermission.objects.filter(
        group=approval.editors, page=section
    ).exists()

    drafts = EvidencePage.objects.descendant_of(index)
    assert drafts.count() == 43 and not drafts.live().exists()
    assert drafts.filter(slug="o42", fiscal_year=2565).exists()
    assert DisclosureSectionPage.objects.child_of(index).live().count() > 5
    assert len(result.seeded.created) == 43
    assert result.found == [] and len(result.created) == 6


def test_twice_creates_nothing_new_within_a_query_budget(second_site):
    first = set_up_site(second_site, 2565)
    counts = tree_counts()
    with CaptureQueriesContext(connection) as queries:
        again = set_up_site(second_site, 2565)
    assert tree_counts() == counts
    assert again.created == [] and again.index == first.index
    assert again.approval.workflow == first.approval.workflow
    assert len(again.seeded.existing) == 43
    # 62 today: a query per sub-indicator's section, none per item, a few dozen
    # for the catalog, pages, translations and the workflow.
    assert len(queries) <= 70, len(queries)


def test_a_second_year_reuses_the_section_and_the_workflow(second_site):
    first = set_up_site(second_site, 2565)
    second = set_up_site(second_site, 2568)
    assert second.section == first.section
    assert second.index != first.index and second.index.slug == "2568"
    assert second.approval.workflow == first.approval.workflow
    assert Workflow.objects.filter(name__startswith="เทศบาล ข: ").count() == 1
    assert Group.objects.filter(name__startswith="เทศบาล ข: ").count() == 3
    assert AssessmentYear.objects.filter(site=second_site).count() == 5


def test_translations_of_the_section_and_index(client, site, english_home):
    result = set_up_site(site, 2566)
    section_en = result.section.get_translation(english_home.locale)
    index_en = result.index.get_translation(english_home.locale)
    assert section_en.live and index_en.live
    assert section_en.title == "Integrity and Transparency Assessment (ITA)"
    assert index_en.title == "ITA for fiscal year 2023"  # the Gregorian year it ends in
    assert index_en.url == "/en/ita/2566/"
    assert client.get("/en/ita/2566/").status_code == 200
    assert client.get("/ita/2566/").status_code == 200
    assert Page.objects.get(pk=section_en.pk).get_workflow() == (
        result.approval.workflow
    )
    assert EvidencePage.objects.descendant_of(index_en).count() == 0
    again = set_up_site(site, 2566)
    assert again.created == []


def test_an_existing_tree_is_found_and_kept(site, ita_section, index_2565):
    index_2565.title = "ITA ของเรา"
    index_2565.save_revision().publish()
    catalog = AssessmentYear.objects.get(site=site, year=2565)
    result = set_up_site(site, 2565)
    assert result.section.pk == ita_section.pk and result.index.pk == index_2565.pk
    assert ITAIndexPage.objects.get().title == "ITA ของเรา"
    assert AssessmentYear.objects.get(site=site, year=2565).pk == catalog.pk
    assert ITAIndexPage.objects.count() == 1
    assert DisclosureSectionPage.objects.child_of(site.root_page).count() == 1


def test_a_year_without_catalog_or_a_taken_slug_changes_nothing(site, home_page):
    with pytest.raises(SetupError) as error:
        set_up_site(site, 2570)
    assert error.value.field == "year"
    assert not AssessmentYear.objects.exists()

    home_page.add_child(instance=Page(title="ข่าว ITA", slug="ita"))
    with pytest.raises(SetupError) as error:
        set_up_site(site, 2565)
    assert "ข่าว ITA" in str(error.value) and error.value.field is None
    assert not AssessmentYear.objects.exists()  # all or nothing
    assert not DisclosureSectionPage.objects.exists()


def test_the_years_offered_are_shipped_or_imported(site, second_site):
    load_catalog(site, parse_csv(CSV_2570))
    years = available_years(Site.objects.all())
    assert years[site.pk] == [2565, 2566, 2567, 2568, 2569, 2570]
    assert years[second_site.pk] == [2565, 2566, 2567, 2568, 2569]


# --- The admin view ---------------------------------------------------------


def test_admin_sets_a_site_up(admin_client, site, second_site):
    response = admin_client.get("/admin/ita/setup/")
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields["site"].queryset) == {site, second_site}
    assert [value for value, _label in form.fields["year"].choices] == [
        2565,
        2566,
        2567,
        2568,
        2569,
    ]

    response = admin_client.post(
        "/admin/ita/setup/", {"site": second_site.pk, "year": 2565}
    )
    index = ITAIndexPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/ita/readiness/{index.pk}/"
    message = str(list(get_messages(response.wsgi_request))[0])
    assert "เทศบาล ข" in message and "2565" in message
    assert "หน้าหลักฐานฉบับร่าง 43 หน้า" in message
    assert index.assessment_year.site == second_site

    response = admin_client.post(
        "/admin/ita/setup/", {"site": second_site.pk, "year": 2565}, follow=True
    )
    assert "ระบบไม่ได้สร้างรายการใดเพิ่ม" in response.content.decode()
    assert ITAIndexPage.objects.count() == 1


def test_admin_shows_a_bad_year_beside_the_field(admin_client, site, second_site):
    response = admin_client.post("/admin/ita/setup/", {"site": site.pk, "year": 2400})
    assert response.status_code == 200 and "year" in response.context["form"].errors
    load_catalog(site, parse_csv(CSV_2570))
    response = admin_client.post(
        "/admin/ita/setup/", {"site": second_site.pk, "year": 2570}
    )
    assert response.status_code == 200
    error = "ไม่มีรายการ ITA ของปี 2570 สำหรับเว็บไซต์นี้"
    assert response.context["form"].errors["year"] == [error]
    assert error in response.content.decode()
    assert not ITAIndexPage.objects.exists()


def test_the_form_starts_from_the_panels_link(admin_client, site):
    response = admin_client.get(f"/admin/ita/setup/?site={site.pk}&year=2567")
    html = response.content.decode()
    assert f'<option value="{site.pk}" selected>' in html
    assert '<option value="2567" selected>' in html


def test_an_editor_sets_up_only_the_site_they_edit(
    client, site, second_site, site_editor
):
    sign_in(client, site_editor)
    response = client.get("/admin/ita/setup/")
    assert list(response.context["form"].fields["site"].queryset) == [site]
    response = client.post("/admin/ita/setup/", {"site": second_site.pk, "year": 2565})
    assert response.status_code == 200 and "site" in response.context["form"].errors
    assert not AssessmentYear.objects.filter(site=second_site).exists()
    response = client.post("/admin/ita/setup/", {"site": site.pk, "year": 2565})
    index = ITAIndexPage.objects.get()
    assert response["Location"] == f"/admin/ita/readiness/{index.pk}/"
    assert index.owner == site_editor
    assert client.get(response["Location"]).status_code == 200


def test_an_editor_who_may_not_publish_is_told_why_next_to_the_site(client, site):
    """Setting up publishes the section and the index: an editor who may only
    add and change pages had it all undone, with "no permission" to say why."""
    clerk = make_staff(
        "clerk", "ผู้จัดทำข้อมูล", site.root_page, page_permissions=("add", "change")
    )
    sign_in(client, clerk)
    response = client.post("/admin/ita/setup/", {"site": site.pk, "year": 2565})
    assert response.status_code == 200
    assert "ไม่มีสิทธิ์เผยแพร่" in response.context["form"].errors["site"][0]
    assert not AssessmentYear.objects.exists()


@freeze_time("2026-05-04")  # fiscal 2569, whose catalog ships
def test_an_editor_who_may_not_publish_is_not_led_to_the_set_up(client, site):
    """The menu and the dashboard offered the set-up to an editor who may only
    draft, whom it then refused."""
    clerk = make_staff(
        "clerk", "ผู้จัดทำข้อมูล", site.root_page, page_permissions=("add", "change")
    )
    sign_in(client, clerk)
    html = client.get("/admin/").content.decode()
    assert "/admin/ita/setup/" not in html
    assert "ผู้ดูแลระบบของเว็บไซต์นี้เป็นผู้ตั้งค่า" in html


def test_the_menus_set_up_check_is_asked_once_a_request(
    client, site, django_assert_num_queries
):
    """The menu asks it twice on every admin page."""
    clerk = make_staff("clerk", "ผู้จัดทำข้อมูล", site.root_page)
    assert views.may_set_up_a_site(clerk) is False
    with django_assert_num_queries(0):
        assert views.may_set_up_a_site(clerk) is False


def test_a_user_who_acts_for_no_site_is_refused(client, django_user_model, site):
    user = django_user_model.objects.create_user("nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    response = client.get("/admin/ita/setup/")
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.post("/admin/ita/setup/", {"site": site.pk, "year": 2565})
    assert response.status_code == 302 and not AssessmentYear.objects.exists()


@freeze_time("2026-12-04")  # fiscal 2570: no catalog of it ships
def test_the_form_starts_on_the_newest_year_it_can_set_up(admin_client, site):
    for url in (f"/admin/ita/setup/?site={site.pk}&year=2570", "/admin/ita/setup/"):
        html = admin_client.get(url).content.decode()
        assert '<option value="2569" selected>' in html, url
        assert "<title>ตั้งค่า ITA ให้เว็บไซต์ - " in html


@freeze_time("2026-05-04")  # fiscal 2569, whose catalog ships
def test_menu_and_dashboard_lead_to_the_set_up(admin_client, site):
    html = admin_client.get("/admin/").content.decode()
    assert "/admin/ita/setup/" in html
    assert f"/admin/ita/setup/?site={site.pk}&amp;year=" in html


# --- The command ------------------------------------------------------------


def test_command_sets_a_site_up_by_hostname_or_id(second_site):
    out = StringIO()
    call_command("ita_setup_site", site="b.example", year=2566, stdout=out)
    index = ITAIndexPage.objects.get()
    assert index.assessment_year.year == 2566
    # In the site's language, as the other set-up commands say what they did.
    said = out.getvalue()
    assert "สร้างแล้ว:" in said and "ตั้งค่า ITA ปี 2566 เรียบร้อยแล้ว" in said
    assert f"(รหัส {index.pk})" in said
    out = StringIO()
    call_command("ita_setup_site", site=str(second_site.pk), year=2566, stdout=out)
    assert "สร้างแล้ว:" not in out.getvalue() and "มีอยู่แล้ว:" in out.getvalue()
    assert ITAIndexPage.objects.count() == 1


def test_command_refuses_an_unknown_site_or_year(second_site):
    with pytest.raises(CommandError):
        call_command("ita_setup_site", site="nowhere.example", year=2566)
    with pytest.raises(CommandError, match="2570"):
        call_command("ita_setup_site", site="b.example", year=2570)


def test_set_up_site_translates_what_is_published_later(site, english_home):
    english = english_home.locale
    result = set_up_site(site, 2565)
    section_en = result.section.get_translation(english)
    assert is_translation(result.section, english)
    assert is_translation(result.index, english)
    assert section_en.title == "Integrity and Transparency Assessment (ITA)"
    draft = EvidencePage.objects.descendant_of(result.index).get(slug="o1")
    assert draft.get_translation_or_none(english) is None
    draft.save_revision().publish()

    again = set_up_site(site, 2565)

    translated = draft.get_translation(english)
    assert translated.live and translated.url == "/en/ita/2565/9-1/o1/"
    assert translated.title == draft.title  # no English known: the Thai, noted
    assert is_translation(draft, english)
    # The page and its section, the first of the section published.
    assert "หน้าที่เผยแพร่แล้วของปีนี้ 2 หน้า เป็นภาษาอังกฤษ" in again.created
    assert draft.get_parent().get_translation(english).live
    assert set_up_site(site, 2565).created == []
