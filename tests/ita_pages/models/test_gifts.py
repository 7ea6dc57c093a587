"""The gift register (ita_pages.models.gifts): staff record gifts per site in the
admin, the register page publishes a fiscal year's records and summary, answers the
ITA ``gift_report`` item of every year, and nothing crosses between sites."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Permission

import pytest

from ita_pages.approvals import setup_site_approval
from ita_pages.models import GiftAction, GiftRecord, GiftRegisterPage
from ita_pages.models.gifts import gift_register
from tests.conftest import publish_child, sign_in
from tests.html import read
from tests.ita_pages.conftest import item_locations


def record(site, day: datetime.date, description="กระเช้า", value=500, **fields):
    return GiftRecord.objects.create(
        site=site,
        received_on=day,
        recipient=fields.pop("recipient", "นายสมชาย ตัวอย่าง"),
        recipient_position="ปลัด",
        description=description,
        value=Decimal(value),
        giver=fields.pop("giver", "ผู้ใหญ่บ้าน"),
        action=fields.pop("action", GiftAction.KEPT),
        **fields,
    )


@pytest.fixture
def register(ita_section):
    return publish_child(
        ita_section, GiftRegisterPage(title="ทะเบียนการรับของขวัญ", slug="gifts")
    )


def test_the_register_shows_a_fiscal_years_gifts_and_their_summary(
    client, site, register
):
    record(site, datetime.date(2024, 10, 1), "กระเช้าปีใหม่", 500)  # FY 2568
    record(site, datetime.date(2025, 3, 1), "ผ้าไหม", 300)  # kept, like the basket
    record(site, datetime.date(2025, 9, 30), "นาฬิกา", 5000, action="returned")
    record(site, datetime.date(2025, 10, 1), "ปากกา", 200)  # FY 2569
    html = read(client.get("/ita/gifts/?year=2568"))
    assert "กระเช้าปีใหม่" in html and "นาฬิกา" in html and "ปากกา" not in html
    assert "รับทรัพย์สินหรือประโยชน์ 3 รายการ มูลค่ารวม 5,800.00 บาท" in html
    kept = gift_register(site, 2568)["per_action"][0]
    assert (kept["action"], kept["count"], kept["value"]) == (GiftAction.KEPT, 2, 800)
    assert "ส่งคืนผู้ให้" in html
    assert '<option value="2568" selected>' in html


def test_a_year_without_gifts_says_so(client, site, register):
    html = read(client.get("/ita/gifts/?year=2567"))
    assert "ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใด" in html


def test_another_sites_gifts_never_show(client, site, second_site, register):
    record(second_site, datetime.date(2025, 1, 5), "ของขวัญที่อื่น")
    assert "ของขวัญที่อื่น" not in read(client.get("/ita/gifts/?year=2568"))


def test_every_years_index_links_its_gift_item_to_the_register_of_that_year(
    client, register, ita_section, catalogs
):
    locations = item_locations(
        client, ita_section, catalogs, {2566: "o33", 2568: "o22"}
    )
    assert locations == {2566: "/ita/gifts/?year=2566", 2568: "/ita/gifts/?year=2568"}


def test_an_editor_keeps_the_register_of_their_own_site_only(
    client, site, second_site, site_editor
):
    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(codename__endswith="giftrecord")
    )
    own = record(site, datetime.date(2025, 1, 5), "ของขวัญของเรา")
    other = record(second_site, datetime.date(2025, 1, 5), "ของขวัญที่อื่น")
    sign_in(client, site_editor)
    listing = client.get("/admin/ita_gifts/").content.decode()
    assert "ของขวัญของเรา" in listing and "ของขวัญที่อื่น" not in listing
    assert client.get(f"/admin/ita_gifts/edit/{other.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/ita_gifts/edit/{own.pk}/").status_code == 200
    form = client.get("/admin/ita_gifts/new/").context["form"]
    assert list(form.fields["site"].queryset) == [site]
    response = client.post(
        "/admin/ita_gifts/new/",
        {
            "site": second_site.pk,
            "received_on": "5/1/2568",
            "recipient": "ก",
            "recipient_position": "ข",
            "description": "แอบใส่",
            "value": "10",
            "giver": "ค",
            "action": "kept",
        },
    )
    assert response.status_code == 200  # refused beside the field
    assert "site" in response.context["form"].errors
    assert not GiftRecord.objects.filter(description="แอบใส่").exists()


def test_a_gift_over_the_allowed_value_is_kept_only_with_the_reason(
    client, site, site_editor
):
    """The NACC's rule: over 3,000 baht a gift is kept only from a relative or when
    given to everyone alike; the clerk is told next to the action, what they typed
    kept, and the saved record is named by its Thai date."""
    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(codename__endswith="giftrecord")
    )
    sign_in(client, site_editor)
    gift = {
        "site": site.pk,
        "received_on_day": "15",
        "received_on_month": "11",
        "received_on_year": "2569",
        "recipient": "นายก อบต.",
        "recipient_position": "นายก",
        "description": "นาฬิกาข้อมือ",
        "value": "50000",
        "giver": "บริษัท ก",
        "action": "kept",
    }
    refused = client.post("/admin/ita_gifts/new/", gift)
    assert refused.status_code == 200
    assert refused.context["form"].errors["action"] == [
        "ของขวัญที่มีมูลค่าเกิน 3,000 บาท รับไว้ได้เฉพาะเมื่อได้รับจากญาติ "
        "หรือเป็นการให้แก่บุคคลทั่วไป โปรดระบุเหตุในหมายเหตุ "
        "หรือเลือกว่าได้ดำเนินการอย่างไรกับของขวัญนั้น"
    ]
    assert "นาฬิกาข้อมือ" in read(refused)
    saved = client.post(
        "/admin/ita_gifts/new/", {**gift, "note": "ได้รับจากบิดา (ญาติ)"}, follow=True
    )
    assert GiftRecord.objects.get().note == "ได้รับจากบิดา (ญาติ)"
    assert "15 พ.ย. 2569: นาฬิกาข้อมือ" in read(saved)
    assert "2026-11-15" not in read(saved)


def test_an_edit_refused_says_so_in_plain_thai(client, site, site_editor):
    """Wagtail's own Thai for "could not be saved" reads "ไม่…สามารถเซฟได้":
    kcs_core's catalog says it as the glossary does."""
    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(codename__endswith="giftrecord")
    )
    gift = record(site, datetime.date(2025, 1, 5))
    sign_in(client, site_editor)
    refused = read(client.post(f"/admin/ita_gifts/edit/{gift.pk}/", {"site": site.pk}))
    assert "ยังบันทึกการรับทรัพย์สินหรือประโยชน์ไม่ได้ เพราะมีข้อผิดพลาด" in refused
    assert "เซฟ" not in refused


def test_setting_a_site_up_lets_its_ita_editors_keep_the_register(site):
    approval = setup_site_approval(site, roots=[])
    codenames = set(approval.editors.permissions.values_list("codename", flat=True))
    assert {"add_giftrecord", "change_giftrecord", "delete_giftrecord"} <= codenames


def test_the_register_reads_in_the_api(client, site, register):
    record(site, datetime.date.today(), "กระเช้า", 500)
    page = client.get(
        "/api/v2/pages/", {"type": "ita_pages.GiftRegisterPage", "fields": "*"}
    ).json()["items"][0]
    current = page["current_register"]
    assert current["count"] == 1 and current["value"] == "500.00"
    assert current["records"][0]["description"] == "กระเช้า"
    assert current["records"][0]["received_on_be"]["year"] > 2500
