"""Every ITA page type's fields in the Wagtail API, the index's items included."""

import datetime

from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from ita_pages.models import MeasuresAnnouncementPage
from tests.ita_pages.conftest import publish_evidence


def api(client, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_index_items_in_the_api(client, ita_section, index_2565, english_locale):
    publish_evidence(ita_section, "o1", title="โครงสร้าง")
    items = api(
        client,
        "type=ita_pages.ITAIndexPage&fields=assessment_year_number,"
        "catalog_verified,items&locale=th",
    )
    assert len(items) == 1
    index = items[0]
    assert index["assessment_year_number"] == 2565 and index["catalog_verified"]
    first = index["items"][0]
    assert first["code"] == "o1" and first["evidence"][0]["url"].endswith("/ita/o1/")
    assert first["evidence"][0]["published_on"]
    # What is published, not what is missing: statuses are the admin's.
    assert all("status" not in item for item in index["items"])
    assert index["items"][1]["evidence"] == []
    assert first["item_url"].endswith("/ita/2565/o1/")
    assert api(client, "type=ita_pages.ITAIndexPage&locale=en") == []


def test_evidence_and_section_fields_in_the_api(client, ita_section):
    publish_evidence(ita_section, "o4", title="แผนพัฒนา", last_reviewed="2021-11-09")
    page = api(
        client,
        "type=ita_pages.EvidencePage&fields=fiscal_year,last_reviewed,ita_codes,body",
    )[0]
    assert page["fiscal_year"] == 2565 and page["ita_codes"] == "o4"
    assert page["last_reviewed"] == "2021-11-09"
    section = api(client, "type=ita_pages.DisclosureSectionPage&fields=intro")[0]
    assert "intro" in section


def publish_announcement(section, slug, **fields):
    page = section.add_child(
        instance=MeasuresAnnouncementPage(
            title="ประกาศ",
            slug=slug,
            announcement_number=f"ขย {slug}",
            announcement_date=datetime.date(2021, 11, 9),
            intro="<p>มาตรการ</p>",
            signer_name="ผู้ลงนาม",
            signer_position="นายก",
            **fields,
        )
    )
    page.save_revision().publish()
    return page


def test_announcement_fields_in_the_api(client, ita_section):
    publish_announcement(
        ita_section,
        "1",
        improvement_plans=[
            (
                "plan",
                {
                    "tool": "OIT",
                    "heading": "OIT",
                    "rows": [
                        {
                            "finding": "ก",
                            "steps": "ข",
                            "responsible": "ค",
                            "monitoring": "ง",
                        }
                    ],
                },
            )
        ],
        fiscal_year=2565,
        ita_codes="o42",
    )
    found = api(
        client,
        "type=ita_pages.MeasuresAnnouncementPage&fields=announcement_number,"
        "announcement_date,signer_name,improvement_plans,approval_record,ita_codes",
    )[0]
    assert found["announcement_number"] == "ขย 1"
    assert found["improvement_plans"][0]["value"]["rows"][0]["monitoring"] == "ง"
    assert found["approval_record"] is None


def test_documents_and_dates_in_blocks_come_ready_to_show(
    client, ita_section, settings, tmp_path
):
    """A document in a block has its address and size; a signature's date has its
    Buddhist-era text beside the ISO date (docs/api.md)."""
    settings.MEDIA_ROOT = tmp_path
    plan = Document.objects.create(
        title="แผนพัฒนาท้องถิ่น", file=ContentFile(b"%PDF-1.4\n%%EOF\n", "plan.pdf")
    )
    body = [("documents", {"heading": "แผน", "documents": [{"document": plan}]})]
    publish_evidence(ita_section, "o4", body=body)
    page = api(client, "type=ita_pages.EvidencePage&fields=body")[0]
    document = page["body"][0]["value"]["documents"][0]["document"]
    assert document["url"] == f"http://testserver{plan.url}"
    assert document["title"] == "แผนพัฒนาท้องถิ่น"
    assert (document["file_extension"], document["file_size"]) == ("pdf", 15)

    publish_announcement(
        ita_section,
        "2",
        signatures=[
            (
                "signature",
                {
                    "label": "ผู้อนุมัติ",
                    "name": "นายก",
                    "position": "นายก อบต.",
                    "date": datetime.date(2021, 11, 10),
                },
            )
        ],
    )
    found = api(client, "type=ita_pages.MeasuresAnnouncementPage&fields=signatures")
    signature = found[0]["signatures"][0]["value"]
    assert signature["date"] == "2021-11-10"
    assert signature["date_be"] == {"year": 2564, "text": "10 พฤศจิกายน 2564"}
