"""Catalog files: the shipped years load idempotently; bad files are refused whole."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Page, Site, get_page_models

import pytest

from ita_pages.catalog import (
    CSV_COLUMNS,
    CatalogError,
    load_catalog,
    parse_csv,
    parse_json,
    shipped_catalog_paths,
)
from ita_pages.models import AssessmentYear, CatalogItem, code_sort_key
from tests.conftest import make_home, make_staff, sign_in
from tests.ita_pages.conftest import load_shipped

HEADER = ",".join(CSV_COLUMNS)
GOOD_CSV = (
    HEADER
    + """
2570,9,การเปิดเผยข้อมูล,OIT,9.1,ข้อมูลพื้นฐาน,O1,โครงสร้าง,,,confirmed,
2570,9,การเปิดเผยข้อมูล,OIT,9.1,ข้อมูลพื้นฐาน,O10,E-Service,,,confirmed,eservice
2570,9,การเปิดเผยข้อมูล,OIT,9.1,ข้อมูลพื้นฐาน,O2,ข้อมูลผู้บริหาร,,,likely_unverified,
"""
)


def test_code_sort_key_puts_o2_before_o10():
    assert sorted(["O10", "o2", "O1"], key=code_sort_key) == ["O1", "o2", "O10"]


def test_shipped_catalogs_load_twice_without_duplicates(site):
    load_shipped(site)
    load_shipped(site)
    years = {y.year: y for y in AssessmentYear.objects.filter(site=site)}
    assert sorted(years) == [2565, 2566, 2567, 2568, 2569]
    assert years[2565].items.count() == 43
    assert years[2568].items.count() == 28
    assert CatalogItem.objects.count() == 43 + 43 + 43 + 28 + 26
    assert [years[y].verified for y in (2565, 2566, 2567, 2568, 2569)] == [
        True,
        True,
        False,
        True,
        False,
    ]
    o42 = years[2565].items.get(code__iexact="O42")
    assert (o42.role, o42.subindicator.code) == ("measures", "10.2")
    codes = list(years[2565].items.values_list("code", flat=True))
    assert codes[:3] == ["o1", "o2", "o3"] and codes[9] == "o10"
    # 2568's two unconfirmed items are flagged.
    assert years[2568].items.filter(confirmed=False).count() == 2


def test_catalog_years_belong_to_their_site(site, root_page):
    other_home = root_page.add_child(instance=Page(title="Other", slug="other"))
    other = Site.objects.create(hostname="other.example", root_page=other_home)
    load_shipped(site, 2565)
    assert AssessmentYear.objects.filter(site=other).count() == 0
    load_shipped(other, 2565)
    item = AssessmentYear.objects.get(site=other).items.get(code="o1")
    item.title = "changed on the other site"
    item.save()
    assert (
        AssessmentYear.objects.get(site=site).items.get(code="o1").title == "โครงสร้าง"
    )


def bad_catalog():
    return {
        "year": 2570,
        "indicators": [
            {
                "number": 9,
                "title": "การเปิดเผยข้อมูล",
                "subindicators": [
                    {
                        "code": "9.1",
                        "title": "ข้อมูลพื้นฐาน",
                        "items": [
                            {"code": "O1", "title": "โครงสร้าง"},
                            {"code": "o1", "title": "ซ้ำ"},
                            {"code": "O3", "title": ""},
                            {"code": "O 4!", "title": "รหัสผิด"},
                            "not an item",
                        ],
                    },
                    {"code": "8.9", "title": "ผิดกลุ่ม", "items": []},
                ],
            }
        ],
    }


def test_a_bad_json_file_names_every_bad_row():
    with pytest.raises(CatalogError) as caught:
        parse_json(json.dumps(bad_catalog()))
    errors = caught.value.errors
    assert len(errors) == 5
    assert any("o1" in e and "duplicate" in e.lower() or "ซ้ำ" in e for e in errors)
    assert any("item 3" in e or "3" in e for e in errors)
    assert any("8.9" in e for e in errors)


def test_a_bad_file_imports_nothing_in_the_admin(admin_client, site):
    upload = SimpleUploadedFile(
        "ita-2570.json", json.dumps(bad_catalog()).encode(), "application/json"
    )
    response = admin_client.post(
        "/admin/ita/import/", {"site": site.pk, "file": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "8.9" in html and "O 4!" in html
    assert not AssessmentYear.objects.exists()
    assert not CatalogItem.objects.exists()


def test_a_good_csv_imports_in_the_admin_and_again_without_duplicates(
    admin_client, site
):
    for _attempt in range(2):
        upload = SimpleUploadedFile("ita-2570.csv", GOOD_CSV.encode(), "text/csv")
        response = admin_client.post(
            "/admin/ita/import/", {"site": site.pk, "file": upload, "verified": "on"}
        )
        assert response.status_code == 302
    year = AssessmentYear.objects.get(site=site, year=2570)
    assert year.verified
    assert list(year.items.values_list("code", flat=True)) == ["O1", "O2", "O10"]
    assert year.items.get(code="O10").role == "eservice"
    assert not year.items.get(code="O2").confirmed


def test_a_bad_csv_names_its_rows():
    text = GOOD_CSV + "2570,9,x,OIT,11.1,ผิด,O11,ชื่อ,,,,\n2570,9,x,OIT,9.1\n"
    text += "2570,9,x,OIT,9.1,ข้อมูลพื้นฐาน,O12,ชื่อ,,,,unknown_role\n"
    with pytest.raises(CatalogError) as caught:
        parse_csv(text)
    joined = "\n".join(caught.value.errors)
    assert "5" in joined and "6" in joined and "7" in joined
    assert len(caught.value.errors) == 3


def test_reimport_replaces_the_list(site):
    catalog = parse_csv(GOOD_CSV)
    load_catalog(site, catalog)
    shorter = parse_csv("\n".join(GOOD_CSV.splitlines()[:2]) + "\n")
    load_catalog(site, shorter)
    year = AssessmentYear.objects.get(site=site, year=2570)
    assert list(year.items.values_list("code", flat=True)) == ["O1"]


@pytest.fixture
def site_a_editor(site, root_page, thai_locale):
    """An editor with page rights on the default site only, and a second site."""
    other = Site.objects.create(
        hostname="b.example",
        port=80,
        root_page=make_home(root_page, "home-b", "เทศบาล ข", thai_locale),
    )
    user = make_staff(
        "editor-a",
        "บรรณาธิการ ก",
        site.root_page,
        codenames=("add_assessmentyear", "change_assessmentyear"),
    )
    return user, other


def test_an_editor_imports_only_into_the_sites_they_edit(client, site, site_a_editor):
    """An editor with rights on site A only once imported a catalog into site B."""
    user, other = site_a_editor
    sign_in(client, user)
    upload = SimpleUploadedFile("ita-2570.csv", GOOD_CSV.encode(), "text/csv")
    response = client.post("/admin/ita/import/", {"site": other.pk, "file": upload})
    assert response.status_code == 200 and "site" in response.context["form"].errors
    assert not AssessmentYear.objects.filter(site=other).exists()
    offered = response.context["form"].fields["site"].queryset
    assert list(offered) == [site]
    upload = SimpleUploadedFile("ita-2570.csv", GOOD_CSV.encode(), "text/csv")
    response = client.post("/admin/ita/import/", {"site": site.pk, "file": upload})
    assert response.status_code == 302


def test_catalog_years_of_other_sites_are_out_of_reach(client, site, site_a_editor):
    user, other = site_a_editor
    own = load_catalog(site, parse_csv(GOOD_CSV))[0]
    foreign = load_catalog(other, parse_csv(GOOD_CSV))[0]
    sign_in(client, user)
    listing = client.get("/admin/ita_catalogs/").content.decode()
    assert f"/admin/ita_catalogs/edit/{own.pk}/" in listing
    assert f"/admin/ita_catalogs/edit/{foreign.pk}/" not in listing
    # Wagtail answers a refused admin view with a redirect to the dashboard.
    edit_url = f"/admin/ita_catalogs/edit/{foreign.pk}/"
    refused = client.post(edit_url, {"verified": "on", "source_note": "x"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    foreign.refresh_from_db()
    assert foreign.source_note != "x"


# The recurring evidence (news, procurement, gifts, participation) by year, as the
# shared catalogs mark it: every role is known to the importer, and the shipped
# catalogs carry them where the year has the item.
RECURRING_ROLES = {
    2565: {"news": "o7", "procurement_monthly": "o23", "participation": "o33"},
    2566: {"news": "O7", "gift_report": "O33", "procurement_annual": "O22"},
    2568: {"news": "O4", "procurement_list": "O12", "gift_report": "O22"},
    2569: {"news": "O4", "procurement_monthly": "O11", "participation": "O19"},
}


@pytest.mark.parametrize("year", sorted(RECURRING_ROLES))
def test_the_shipped_catalogs_mark_the_recurring_evidence_by_role(year):
    path = shipped_catalog_paths()[year - 2565]
    catalog = parse_json(path.read_text(encoding="utf-8"))
    roles = {item.role: item.code for item in catalog.items if item.role}
    assert RECURRING_ROLES[year].items() <= roles.items()


def test_a_catalog_may_give_its_items_any_role_a_page_type_declares(site):
    declared = {
        role
        for model in get_page_models()
        for role in getattr(model, "ita_roles", None) or ()
    }
    rows = [
        f"2570,9,การเปิดเผยข้อมูล,OIT,9.1,ข้อมูลพื้นฐาน,O{number},{role},,,confirmed,{role}"
        for number, role in enumerate(sorted(declared), start=1)
    ]
    catalog = parse_csv("\n".join([HEADER, *rows]))
    year, _ = load_catalog(site, catalog)
    stored = CatalogItem.objects.filter(assessment_year=year)
    assert set(stored.values_list("role", flat=True)) == declared
