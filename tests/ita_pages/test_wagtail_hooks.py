"""Editors create each page type in the Wagtail admin; readiness, import offer."""

import datetime

from django.urls import reverse

from wagtail.test.utils.form_data import (
    nested_form_data,
    rich_text,
    streamfield,
)

import pytest
from freezegun import freeze_time

from ita_pages.models import (
    EvidencePage,
    ITAIndexPage,
    MeasuresAnnouncementPage,
)
from ita_pages.wagtail_hooks import (
    ITAViewSetGroup,
    NothingToAdd,
)
from kcs_core.site_views import (
    SiteChoicesMixin,
    SiteScopedDeleteView,
    SiteScopedEditView,
    SiteScopedIndexView,
    SiteScopedViewSet,
)
from tests.conftest import make_staff, sign_in
from tests.html import read
from tests.ita_pages.conftest import (
    add_link,
    evidence_form,
    index_form,
    make_index,
    make_indexes,
    publish_evidence,
)


def add_url(parent, model):
    return f"/admin/pages/add/ita_pages/{model.__name__.lower()}/{parent.pk}/"


def test_admin_creates_an_index_with_evidence_links(
    admin_client, ita_section, catalogs
):
    page = publish_evidence(ita_section, "o1")
    data = index_form(
        catalogs[2565],
        "2565",
        "ITA 2565",
        intro="<p>ดัชนี</p>",
        links=[
            {"item_code": "O1", "linked_page": page.pk},
            {
                "item_code": "o9",
                "external_url": "https://www.facebook.com/x",
                "fiscal_year": 2565,
            },
        ],
    )
    response = admin_client.post(add_url(ita_section, ITAIndexPage), data)
    assert response.status_code == 302, response.context["form"].errors
    index = ITAIndexPage.objects.get(slug="2565")
    assert index.live and index.evidence_links.count() == 2
    assert admin_client.get("/ita/2565/o9/")["Location"] == "https://www.facebook.com/x"


def test_admin_refuses_bad_links_and_a_second_index_for_a_year(
    admin_client, ita_section, catalogs
):
    make_index(ita_section, catalogs[2565])
    data = index_form(
        catalogs[2565],
        "again",
        "ITA 2565 again",
        links=[
            {"item_code": "o99"},
            {"item_code": "o8", "external_url": "https://example.org"},
        ],
        publish=False,
    )
    response = admin_client.post(add_url(ita_section, ITAIndexPage), data)
    assert response.status_code == 200
    html = read(response)
    assert not ITAIndexPage.objects.filter(slug="again").exists()
    assert "2565" in html
    form = response.context["form"]
    assert "assessment_year" in form.errors
    link_errors = form.formsets["evidence_links"].errors
    assert link_errors[0]["item_code"] == ["o99 ไม่ใช่รายการของปี 2565"]
    assert "fiscal_year" in link_errors[1]


def test_an_index_links_only_pages_of_its_own_site(
    admin_client, ita_section, catalogs, second_site
):
    elsewhere = second_site.root_page
    links = [{"item_code": "o1", "linked_page": elsewhere.pk}]
    data = index_form(catalogs[2565], "2565", "ITA 2565", links=links)
    response = admin_client.post(add_url(ita_section, ITAIndexPage), data)
    assert response.status_code == 200
    link_errors = response.context["form"].formsets["evidence_links"].errors
    assert link_errors[0] == {"linked_page": ["เลือกหน้าของเว็บไซต์นี้"]}
    assert not ITAIndexPage.objects.exists()


def test_admin_creates_an_evidence_page(admin_client, ita_section):
    data = nested_form_data(
        {
            "title": "แผนพัฒนาท้องถิ่น",
            "slug": "plan",
            "intro": rich_text("<p>สรุป</p>"),
            "body": streamfield(
                [
                    ("rich_text", rich_text("<p>เนื้อหา</p>")),
                    (
                        "table",
                        {
                            "caption": "สถิติ",
                            "header": streamfield([("item", "เดือน")]),
                            "rows": streamfield([]),
                        },
                    ),
                ]
            ),
            "fiscal_year": 2565,
            "ita_codes": "o4",
            # 9 พฤศจิกายน 2564, typed as the Thai admin shows it
            "last_reviewed_day": "9",
            "last_reviewed_month": "11",
            "last_reviewed_year": "2564",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url(ita_section, EvidencePage), data)
    assert response.status_code == 302, response.context["form"].errors
    page = EvidencePage.objects.get(slug="plan")
    assert page.declared_codes == ["o4"] and page.live
    html = read(admin_client.get("/ita/plan/"))
    assert "เนื้อหา" in html and "O4" in html


def test_admin_refuses_a_slug_the_parent_answers_itself(
    admin_client, ita_section, index_2565
):
    """Under the index, ``o42`` is the item's permanent link: a page there would
    never be reached (and the link would redirect to itself)."""
    for parent, slug in [
        (index_2565, "o42"),
        (index_2565, "k7"),  # any code-shaped slug: an unknown item is a 404 there
        (ita_section, "notice-board"),
        (ita_section, "approval-sheet"),
    ]:
        response = admin_client.post(add_url(parent, EvidencePage), evidence_form(slug))
        assert response.status_code == 200, slug
        assert "กรุณาเลือก slug อื่น" in str(response.context["form"].errors["slug"])
    response = admin_client.post(
        add_url(index_2565, EvidencePage), evidence_form("o42-evidence")
    )
    assert response.status_code == 302
    assert admin_client.get(f"{index_2565.url}o42-evidence/").status_code == 200


def test_admin_creates_a_measures_announcement(admin_client, ita_section):
    plan = {
        "tool": "IIT",
        "heading": "ตาราง IIT",
        "finding": "คะแนนต่ำสุด 83.33",
        "rows": streamfield(
            [
                (
                    "item",
                    {
                        "finding": "จัดทำประกาศ",
                        "steps": "แจ้งเวียน",
                        "responsible": "สำนักปลัด",
                        "monitoring": "รายงานผล",
                    },
                )
            ]
        ),
    }
    data = nested_form_data(
        {
            "title": "มาตรการส่งเสริมคุณธรรม",
            "slug": "measures",
            "issuing_unit": "สำนักปลัด",
            "announcement_number": "ขย 71501/1",
            "announcement_date_day": "9",
            "announcement_date_month": "11",
            "announcement_date_year": "2564",
            "addressee": "พนักงานทุกท่าน",
            "intro": rich_text("<p>มาตรการ</p>"),
            "improvement_plans": streamfield([("plan", plan)]),
            "signer_name": "นายก (ตัวอย่าง)",
            "signer_position": "นายกองค์การบริหารส่วนตำบล",
            "signatures": streamfield([]),
            "fiscal_year": 2565,
            "ita_codes": "o42",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(add_url(ita_section, MeasuresAnnouncementPage), data)
    assert response.status_code == 302, response.context["form"].errors
    page = MeasuresAnnouncementPage.objects.get(slug="measures")
    assert page.announcement_date == datetime.date(2021, 11, 9)
    html = read(admin_client.get("/ita/measures/"))
    assert "ตาราง IIT" in html and "จัดทำประกาศ" in html
    assert "9\u00a0พฤศจิกายน\u00a02564" in html  # a date stays on one line


def test_readiness_report_lists_what_to_fix(admin_client, ita_section, index_2565):
    old = publish_evidence(ita_section, "o12", fiscal_year=2564, title="รายงานเก่า")
    add_link(index_2565, "o12", linked_page=old)
    response = admin_client.get(f"/admin/ita/readiness/{index_2565.pk}/")
    assert response.status_code == 200
    html = read(response)
    assert f"/admin/pages/{old.pk}/edit/" in html
    assert f"/admin/pages/{index_2565.pk}/edit/" in html
    counts = {s: n for s, _label, n in response.context["report"].count_rows()}
    assert counts == {"missing": 42, "stale": 1, "unverified": 0, "published": 0}
    # The counts the public index no longer shows are the admin's.
    assert "<strong>ยังไม่มีข้อมูล</strong> 42" in html
    assert "<strong>ไม่เป็นปัจจุบัน</strong> 1" in html
    public = read(admin_client.get(index_2565.url))
    assert "ยังไม่มีข้อมูล" not in public and "ไม่เป็นปัจจุบัน" not in public
    every_index = read(admin_client.get("/admin/ita/readiness/"))
    assert "ยังไม่มีข้อมูล 42 · ไม่เป็นปัจจุบัน 1" in every_index


def test_readiness_offers_the_catalog_fixes_only_to_who_may_make_them(
    admin_client, client, site, ita_section, catalogs, site_editor
):
    """An unverified catalog is fixed in the catalog list or by an import: the
    report links there for staff who hold those permissions, not for an editor."""
    index = make_index(ita_section, catalogs[2567])
    page = publish_evidence(ita_section, "o1", fiscal_year=2567, title="โครงสร้าง")
    report_url = f"/admin/ita/readiness/{index.pk}/"
    check = reverse("ita_catalogs:edit", args=[catalogs[2567].pk])
    html = read(admin_client.get(report_url))
    assert check in html and "/admin/ita/import/" in html
    # The item's evidence is there: said so, and shown, not counted as nothing.
    assert "<strong>เผยแพร่แล้ว ในรายการที่ยังไม่ได้ตรวจสอบ</strong> 1" in html
    assert f'เผยแพร่แล้ว: <a href="{page.url}">โครงสร้าง</a>' in html
    html = read(sign_in(client, site_editor).get(report_url))
    assert f"/admin/pages/{index.pk}/edit/" in html
    assert check not in html and "/admin/ita/import/" not in html


def test_seed_action_builds_drafts_once(admin_client, index_2565):
    for _attempt in range(2):
        response = admin_client.post(f"/admin/ita/{index_2565.pk}/seed/")
        assert response.status_code == 302
    drafts = EvidencePage.objects.descendant_of(index_2565)
    assert drafts.count() == 43 and not drafts.live().exists()
    assert drafts.filter(slug="o42", fiscal_year=2565, ita_codes="o42").exists()


def test_freeze_action_keeps_a_snapshot(admin_client, index_2565):
    response = admin_client.post(
        f"/admin/ita/{index_2565.pk}/freeze/", {"note": "ส่งแล้ว"}
    )
    assert response.status_code == 302
    snapshot = index_2565.snapshots.get()
    assert snapshot.note == "ส่งแล้ว" and len(snapshot.rows) == 43


# Fiscal years 2569, whose catalog ships with the plugin, and 2570, whose does not.
IN_2569 = "2026-05-04"
IN_2570 = "2026-12-04"


@freeze_time(IN_2569)
def test_dashboard_offers_the_import_when_this_year_has_no_catalog(admin_client, site):
    html = read(admin_client.get("/admin/"))
    assert "ita-readiness-heading" in html
    assert "/admin/ita/import/" in html


@freeze_time(IN_2570)
def test_a_year_no_catalog_ships_for_is_imported_before_the_set_up(
    client, admin_client, site, site_editor
):
    """The set-up can make only a year whose catalog it has: before the NACC's
    manual is imported, the dashboard offers the import, not a set-up that would
    start on another year."""
    html = read(admin_client.get("/admin/"))
    assert "ปีงบประมาณ 2570" in html
    assert "ระบบยังไม่มีรายการของปีนี้มาให้ โปรดนำเข้ารายการ" in html
    assert "/admin/ita/import/" in html
    assert "/admin/ita/setup/?site=" not in html
    html = read(sign_in(client, site_editor).get("/admin/"))
    assert "โปรดแจ้งผู้ที่นำเข้ารายการ ITA ให้นำเข้ารายการของปีนี้" in html
    assert "/admin/ita/setup/?site=" not in html
    assert "/admin/ita/import/" not in html


@freeze_time(IN_2569)
def test_dashboard_shows_an_editor_only_the_sites_they_act_for(
    client, site, second_site, site_editor
):
    """The editor of one site reads its readiness, not another's, and is offered
    the set-up but not the catalog import, which needs a permission they lack."""
    html = read(sign_in(client, site_editor).get("/admin/"))
    assert f"/admin/ita/setup/?site={site.pk}&amp;" in html
    assert f"?site={second_site.pk}&amp;" not in html
    assert "/admin/ita/import/" not in html


def test_dashboard_has_no_readiness_for_staff_of_no_site(client, site):
    staff = make_staff("reader", "ผู้อ่าน", site.root_page, page_permissions=())
    html = read(sign_in(client, staff).get("/admin/"))
    assert "ita-readiness-heading" not in html


def test_dashboard_shows_this_years_counts(admin_client, ita_section, catalogs):
    index = make_index(ita_section, catalogs[2568])
    with freeze_time("2025-01-15"):
        html = read(admin_client.get("/admin/"))
    assert f"/admin/ita/readiness/{index.pk}/" in html


def test_lists_and_choices_name_each_index_by_site_and_language(
    admin_client, ita_section, catalogs
):
    """A site's index and its translation share a title: the readiness list and the
    crosswalk's choices tell them apart by language."""
    index = make_index(ita_section, catalogs[2565])
    label = f"{index.title} ({index.assessment_year.site}, ไทย)"
    assert index.admin_label == label
    assert label in read(admin_client.get("/admin/ita/readiness/"))
    crosswalk = read(admin_client.get("/admin/ita/crosswalk/"))
    assert f">{label}</option>" in crosswalk


def test_crosswalk_copies_links_and_reports_the_unmapped(
    admin_client, ita_section, catalogs
):
    old, new = make_indexes(ita_section, catalogs, 2565, 2568)
    measures = publish_evidence(ita_section, "o42")
    tips = publish_evidence(ita_section, "o30", slug="tips")
    add_link(old, "o42", linked_page=measures)
    add_link(old, "o30", linked_page=tips)
    add_link(old, "o3", linked_page=tips)
    response = admin_client.post(
        "/admin/ita/crosswalk/",
        {"source": old.pk, "target": new.pk, "crosswalk": "o42,O27\no30,O18"},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert len(result.copied) == 3 and result.unmapped == []
    new.refresh_from_db()
    draft = new.get_latest_revision_as_object()
    assert sorted(link.item_code for link in draft.evidence_links.all()) == [
        "o18",
        "o27",
        "o3",
    ]
    assert old.evidence_links.count() == 3
    response = admin_client.post(
        "/admin/ita/crosswalk/",
        {"source": old.pk, "target": new.pk, "crosswalk": "o42 O99"},
    )
    assert "o42" in response.context["result"].unmapped
    response = admin_client.post(
        "/admin/ita/crosswalk/", {"source": old.pk, "target": old.pk, "crosswalk": ""}
    )
    assert response.context["form"].errors == {"target": ["เลือกหน้าดัชนีของปีอื่น"]}


def test_every_ita_list_keeps_to_the_users_sites():
    """Each list of the ITA menu (not the admin menu's top level) shows, edits and
    deletes only the objects of the sites the user may act for, and a new record's
    site is one of those."""
    for viewset in ITAViewSetGroup.items:
        assert not viewset.add_to_admin_menu, viewset
        assert issubclass(viewset.index_view_class, SiteScopedIndexView), viewset
        assert issubclass(viewset.edit_view_class, SiteScopedEditView), viewset
        assert issubclass(viewset.delete_view_class, SiteScopedDeleteView), viewset
        assert issubclass(viewset, SiteScopedViewSet), viewset  # history and usage
        # Wagtail's copy view is neither scoped to the user's sites nor does what
        # adding does (numbering letters, sending circulars).
        assert "copy" not in {url.name for url in viewset().get_urlpatterns()}
        if "site" in viewset().get_form_class().base_fields:
            assert issubclass(viewset.add_view_class, SiteChoicesMixin), viewset
            assert issubclass(viewset.edit_view_class, SiteChoicesMixin), viewset


@pytest.mark.parametrize(
    "viewset",
    [item for item in ITAViewSetGroup.items if issubclass(item, NothingToAdd)],
    ids=lambda viewset: viewset.name,
)
def test_records_that_come_from_elsewhere_are_not_added_by_hand(
    admin_client, site, viewset
):
    """Catalog years come from the import, measure steps from announcements,
    questions and opinions from residents: their lists offer no "Add" and ``new/``
    is not found (a record made there had no site and failed with a server error)."""
    index_url = reverse(f"{viewset.name}:index")
    listing = admin_client.get(index_url)
    assert listing.status_code == 200
    assert f'href="{index_url}new/' not in listing.content.decode()
    assert admin_client.get(f"{index_url}new/").status_code == 404
    assert admin_client.post(f"{index_url}new/", {}).status_code == 404
