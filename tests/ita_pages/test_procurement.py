"""Procurement records and the reports computed from them (ita_pages.models.procurement,
ita_pages.procurement): records typed or imported from e-GP, each month's สขร.1 and
the year's list and annual report frozen when approved, the ITA indexes linking them
by role, and nothing crossing between sites."""

import datetime
import io
import re
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pikepdf
import pypdfium2
import pytest
from freezegun import freeze_time
from openpyxl import Workbook

from ita_pages.approvals import setup_site_approval
from ita_pages.models import (
    ProcurementBid,
    ProcurementPage,
    ProcurementRecord,
    ProcurementReportPage,
)
from ita_pages.procurement import (
    IMPORT_COLUMNS,
    ImportRefused,
    import_records,
    prepare_reports,
    read_table,
)
from tests.conftest import publish_child, sign_in
from tests.html import read
from tests.ita_pages.conftest import make_index, shipped_year

#: A day after fiscal 2569 (Oct 2025 – Sep 2026) ended: every report is due.
AFTER_2569 = datetime.date(2026, 10, 15)
#: A day after November 2025 ended: the list, October and November are due (fewer
#: pages to publish than the whole year).
NOVEMBER_ENDED = datetime.date(2025, 12, 1)


def purchase(site, project="จัดซื้อวัสดุสำนักงาน", day=datetime.date(2025, 11, 14), **f):
    record = ProcurementRecord.objects.create(
        site=site,
        project=project,
        budget=f.pop("budget", Decimal(15000)),
        reference_price=f.pop("reference_price", Decimal(15000)),
        method=f.pop("method", "specific"),
        winner=f.pop("winner", "ร้านตัวอย่าง"),
        winning_price=f.pop("winning_price", Decimal(14850)),
        reason=f.pop("reason", "เสนอราคาไม่เกินวงเงิน"),
        contract_number=f.pop("contract_number", "ใบสั่งซื้อ 12/2569"),
        contract_date=day,
        status=f.pop("status", "completed"),
        progress=f.pop("progress", 100),
        **f,
    )
    ProcurementBid.objects.create(
        record=record, bidder=record.winner or "ผู้เสนอ", price=Decimal(14850)
    )
    return record


@pytest.fixture
def reports_page(ita_section):
    return publish_child(
        ita_section, ProcurementPage(title="การจัดซื้อจัดจ้าง", slug="procurement")
    )


def publish_reports(page, year=2569, today=AFTER_2569):
    reports = prepare_reports(page, year, today=today)
    for report in reports:
        report.get_latest_revision().publish()
    return {report.slug: report for report in reports}


def test_the_year_gets_a_report_per_ended_month_the_list_and_the_annual_report(
    site, reports_page
):
    during = prepare_reports(reports_page, 2569, today=datetime.date(2026, 1, 5))
    assert [r.slug for r in during] == ["2569-list", "2569-10", "2569-11", "2569-12"]
    assert not any(r.live for r in during)  # drafts, to go through approval
    after = prepare_reports(reports_page, 2569, today=AFTER_2569)
    assert len(after) == 10  # January to September, and the annual report
    assert "2569-annual" in {r.slug for r in after}
    assert prepare_reports(reports_page, 2569, today=AFTER_2569) == []  # never twice


def test_an_assessor_tells_a_missing_summary_from_a_month_not_over_yet(
    client, site, reports_page
):
    publish_reports(reports_page, today=NOVEMBER_ENDED)  # the list, Oct and Nov
    with freeze_time("2026-01-05 10:00:00+07:00"):  # December is over, not January
        html = read(client.get("/ita/procurement/", {"year": 2569}))
    months = dict(re.findall(r'<th scope="row">([^<]*)</th>\s*<td>(.*?)</td>', html))
    assert "<a href=" in months["ตุลาคม 2568"] and "<a href=" in months["พฤศจิกายน 2568"]
    assert months["ธันวาคม 2568"] == "ยังไม่ได้เผยแพร่"
    assert months["มกราคม 2569"] == months["กันยายน 2569"] == "ยังไม่สิ้นเดือน"
    assert "รายงานผลการจัดซื้อจัดจ้างประจำปี: จัดทำเมื่อสิ้นปีงบประมาณ" in html


def test_the_monthly_summary_has_the_sor_kor_ror_1_columns_in_thai(
    client, site, reports_page
):
    purchase(site, "โครงการก่อสร้างถนน", datetime.date(2026, 1, 20), method="e_bidding")
    purchase(site, "ซื้อของเดือนอื่น", datetime.date(2026, 2, 3))
    publish_reports(reports_page, today=datetime.date(2026, 2, 1))  # to January
    html = read(client.get("/ita/procurement/2569-01/"))
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มกราคม 2569" in html
    for column in (
        "งานที่จัดซื้อหรือจัดจ้าง",
        "วงเงินที่จะซื้อหรือจ้าง (บาท)",
        "ราคากลาง (บาท)",
        "วิธีซื้อหรือจ้าง",
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
        "เหตุผลที่คัดเลือกโดยสังเขป",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
    ):
        assert column in html
    assert "โครงการก่อสร้างถนน" in html and "ซื้อของเดือนอื่น" not in html
    assert "วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)" in html
    assert "20 มกราคม 2569" in html  # the contract date in the Buddhist era


def test_a_month_without_purchases_publishes_that_it_had_none(
    client, site, reports_page
):
    purchase(site, day=datetime.date(2025, 11, 14))
    publish_reports(reports_page, today=datetime.date(2026, 1, 1))  # to December
    html = read(client.get("/ita/procurement/2569-12/"))
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ธันวาคม 2568" in html
    assert "ไม่มีการจัดซื้อจัดจ้าง" in html


def test_an_approved_report_stays_as_approved_when_records_change(
    client, site, reports_page
):
    record = purchase(site, "จัดซื้อวัสดุสำนักงาน")
    publish_reports(reports_page, today=NOVEMBER_ENDED)
    record.project = "แก้ไขภายหลัง"
    record.save()
    html = read(client.get("/ita/procurement/2569-11/"))
    assert "จัดซื้อวัสดุสำนักงาน" in html and "แก้ไขภายหลัง" not in html
    # A new draft takes the records as they are now; the live page waits for it.
    report = ProcurementReportPage.objects.get(slug="2569-11")
    report.save_revision()
    assert "แก้ไขภายหลัง" not in read(client.get("/ita/procurement/2569-11/"))
    report.get_latest_revision().publish()
    assert "แก้ไขภายหลัง" in read(client.get("/ita/procurement/2569-11/"))


def test_reports_go_through_the_sites_two_step_approval(
    client, django_user_model, site, reports_page, government_settings
):
    approval = setup_site_approval(site)
    clerk = django_user_model.objects.create_user("clerk", password="pw")
    clerk.groups.add(approval.editors)
    palad = django_user_model.objects.create_user("palad", password="pw")
    palad.groups.add(approval.chief_administrators)
    nayok = django_user_model.objects.create_user("nayok", password="pw")
    nayok.groups.add(approval.chief_executives)
    record = purchase(site)
    report = prepare_reports(reports_page, 2569, today=datetime.date(2025, 12, 1))[1]
    assert report.get_workflow() == approval.workflow
    report.get_workflow().start(report, clerk)
    record.project = "แก้ไขระหว่างรออนุมัติ"  # changed while the report waits
    record.save()
    for user in (palad, nayok):
        sign_in(client, user)
        state = ProcurementReportPage.objects.get(pk=report.pk)
        task_state = state.current_workflow_state.current_task_state
        response = client.post(
            f"/admin/pages/workflow/action/{report.pk}/approve/{task_state.pk}/",
            {"comment": "อนุมัติ"},
        )
        assert response.status_code in (200, 302)
    client.logout()
    html = read(client.get("/ita/procurement/2569-10/"))
    assert "จัดซื้อวัสดุสำนักงาน" not in html  # October had none; November did
    html = read(client.get("/ita/procurement/2569-11/"))
    assert "ลำดับที่" not in html  # not published: only October was prepared then
    published = ProcurementReportPage.objects.get(pk=report.pk)
    assert published.live and published.get_approval_record() is not None
    assert "แก้ไขระหว่างรออนุมัติ" not in str(published.snapshot)


def test_the_printable_pdf_sets_the_thai_text_in_the_shipped_font(
    client, site, reports_page
):
    purchase(site, "จัดซื้อวัสดุสำนักงาน", winning_price=Decimal(14850))
    publish_reports(reports_page, today=NOVEMBER_ENDED)
    response = client.get("/ita/procurement/2569-11/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pypdfium2.PdfDocument(response.content)[0].get_textpage().get_text_range()
    # (WeasyPrint maps the glyph า to "ำ" in the text layer once it has set ำ, so
    # only words without either are compared.)
    assert "แบบ สขร.1" in text and "ใบสั่งซื้อ 12/2569" in text
    assert "14,850.00" in text and "พฤศจิก" in text
    pdf = pikepdf.open(io.BytesIO(response.content))
    fonts = {str(font.BaseFont) for font in pdf.pages[0].Resources.Font.values()}
    assert any("Sarabun" in name for name in fonts), fonts


def test_every_years_index_links_its_procurement_items_by_role(
    client, site, reports_page, ita_section
):
    purchase(site)
    publish_reports(reports_page)
    publish_reports(reports_page, 2568, today=datetime.date(2024, 10, 2))  # a list
    make_index(ita_section, shipped_year(site, 2568))
    make_index(ita_section, shipped_year(site, 2569))
    assert client.get("/ita/2569/o11/")["Location"] == (
        "/ita/procurement/monthly/?year=2569"
    )
    assert client.get("/ita/2568/o12/")["Location"] == (
        "/ita/procurement/list/?year=2568"
    )
    annual = client.get("/ita/2569/o12/")["Location"]
    assert annual == "/ita/procurement/annual/?year=2569"
    assert client.get(annual)["Location"] == "/ita/procurement/2569-annual/"
    months = read(client.get("/ita/procurement/monthly/?year=2569"))
    assert "/ita/procurement/2569-11/" in months and "ตุลาคม 2568" in months
    # 2567 has no approved list: the page says so instead of a blank.
    assert "ยังไม่ได้รับอนุมัติให้เผยแพร่" in read(
        client.get("/ita/procurement/list/?year=2567")
    )
    assert "ไม่มีปีงบประมาณ “2499” ให้แสดง" in read(
        client.get("/ita/procurement/monthly/?year=2499")
    )


def test_the_annual_report_totals_by_method(client, site, reports_page):
    purchase(site, "ก", method="specific", winning_price=Decimal(100))
    purchase(site, "ข", method="specific", winning_price=Decimal(200))
    purchase(site, "ค", datetime.date(2026, 3, 1), method="e_market", budget=50000)
    publish_reports(reports_page)
    report = ProcurementReportPage.objects.get(slug="2569-annual")
    per_method = {row["method"]: row for row in report.snapshot["per_method"]}
    assert per_method["specific"]["count"] == 2
    assert per_method["specific"]["value"] == "300.00"
    assert per_method["e_market"]["budget"] == "50000.00"
    assert per_method["selection"]["count"] == 0
    assert "วิธีตลาดอิเล็กทรอนิกส์ (e-market)" in read(
        client.get("/ita/procurement/2569-annual/")
    )


def test_another_sites_records_never_show(site, second_site, reports_page, client):
    purchase(second_site, "ของที่อื่น")
    publish_reports(reports_page, today=NOVEMBER_ENDED)
    assert "ของที่อื่น" not in read(client.get("/ita/procurement/2569-11/"))
    assert "ของที่อื่น" not in read(client.get("/ita/procurement/2569-list/"))


def test_a_second_report_of_the_same_month_is_refused_in_the_admin(
    admin_client, site, reports_page
):
    prepare_reports(reports_page, 2569, today=datetime.date(2025, 11, 2))
    response = admin_client.post(
        f"/admin/pages/add/ita_pages/procurementreportpage/{reports_page.pk}/",
        {
            "title": "ซ้ำ",
            "slug": "again",
            "fiscal_year": "2569",
            "report": "monthly",
            "month": "10",
        },
    )
    assert response.status_code == 200
    assert "หน้านี้มีรายงานของช่วงเวลานี้อยู่แล้ว" in response.content.decode()
    assert not ProcurementReportPage.objects.filter(slug="again").exists()


def test_reports_read_in_the_api(client, site, reports_page):
    purchase(site)
    publish_reports(reports_page, today=NOVEMBER_ENDED)
    item = client.get(
        "/api/v2/pages/",
        {"type": "ita_pages.ProcurementReportPage", "fields": "*", "month": 11},
    ).json()["items"][0]
    row = item["frozen_report"]["rows"][0]
    assert row["project"] == "จัดซื้อวัสดุสำนักงาน" and row["budget"] == "15000.00"
    assert row["method_label"] == "วิธีเฉพาะเจาะจง"
    assert row["contract_date_be"]["year"] == 2568
    assert row["bids"] == [{"bidder": "ร้านตัวอย่าง", "price": "14850.00"}]


# --- the e-GP import ------------------------------------------------------------

MAPPING = {field: column for field, (_label, column) in IMPORT_COLUMNS.items()}
HEADER = list(MAPPING.values())


def egp_row(number, project, method="เฉพาะเจาะจง", date="14/11/2568", **values):
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "เลขที่โครงการ": number,
            "ชื่อโครงการ": project,
            "วงเงินงบประมาณ": "15,000.00",
            "วิธีการจัดหา": method,
            "ผู้เสนอราคา": "ร้าน ก 14,850; ร้าน ข 15,000",
            "ผู้ชนะการเสนอราคา": "ร้าน ก",
            "ราคาที่ตกลงซื้อหรือจ้าง": "14,850",
            "วันที่ลงนามในสัญญา": date,
            **values,
        }
    )
    return [row[column] for column in HEADER]


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    lines = [",".join(f'"{cell}"' for cell in row) for row in [HEADER, *rows]]
    return "\r\n".join(lines).encode(encoding)


def test_an_egp_export_is_imported_and_imported_again_without_doubles(site):
    row = egp_row("68119000001", "วัสดุสำนักงาน", **{"ความก้าวหน้า": "40%"})
    rows = read_table("egp.csv", csv_bytes([row]))
    assert import_records(site, rows, MAPPING).created == 1
    record = ProcurementRecord.objects.get(site=site)
    assert record.contract_date == datetime.date(2025, 11, 14)  # 2568 B.E.
    assert record.progress == 40
    assert record.fiscal_year == 2569 and record.method == "specific"
    assert record.status == "contracted"
    assert [(b.bidder, b.price) for b in record.bids.all()] == [
        ("ร้าน ก", Decimal(14850)),
        ("ร้าน ข", Decimal(15000)),
    ]
    again = egp_row("68119000001", "วัสดุสำนักงาน (แก้ไข)", method="e-bidding")
    result = import_records(site, read_table("egp.csv", csv_bytes([again])), MAPPING)
    assert (result.created, result.updated) == (0, 1)
    record.refresh_from_db()
    assert record.project == "วัสดุสำนักงาน (แก้ไข)" and record.method == "e_bidding"
    assert record.bids.count() == 2


def test_a_bad_file_is_refused_whole_with_its_rows_named(site):
    rows = read_table(
        "egp.csv",
        csv_bytes(
            [
                egp_row("1", "ถูกต้อง"),
                egp_row("2", "วิธีแปลก", method="จับสลาก"),
                egp_row("3", "วันที่ผิด", date="31/02/2568"),
                egp_row("1", "เลขซ้ำ"),
                egp_row("5", "ร้อยละผิด", **{"ความก้าวหน้า": "120"}),
            ]
        ),
    )
    with pytest.raises(ImportRefused) as refused:
        import_records(site, rows, MAPPING)
    errors = "\n".join(refused.value.errors)
    assert "แถวที่ 6" in errors and "“120” ไม่ใช่ร้อยละ" in errors
    assert "แถวที่ 3" in errors and "จับสลาก" in errors
    assert "แถวที่ 4" in errors and "31/02/2568" in errors
    assert "เลขที่โครงการ e-GP 1 อยู่ในไฟล์มากกว่าหนึ่งแถว" in errors
    assert not ProcurementRecord.objects.exists()


def test_rows_the_record_form_would_refuse_are_named_not_stored(site):
    """The admin form's rules hold for an imported row, and no cell is a 500."""
    rows = read_table(
        "egp.csv",
        csv_bytes(
            [
                egp_row("1", "งบไม่ใช่ตัวเลข", **{"วงเงินงบประมาณ": "NaN"}),
                egp_row("2", "งบเกินช่อง", **{"วงเงินงบประมาณ": "1e20"}),
                egp_row("3", "ราคาไม่มีผู้ขาย", **{"ผู้ชนะการเสนอราคา": ""}),
                egp_row("4", "ผู้เสนอไม่มีราคา", **{"ผู้เสนอราคา": "ร้าน ก บาท"}),
                egp_row("4" * 40, "เลขยาวเกิน"),
            ]
        ),
    )
    with pytest.raises(ImportRefused) as refused:
        import_records(site, rows, MAPPING)
    errors = "\n".join(refused.value.errors)
    assert "แถวที่ 2: “NaN” ไม่ใช่จำนวนเงิน" in errors
    assert "แถวที่ 3: วงเงินงบประมาณ (บาท): ตัวเลขต้องมีไม่เกิน 14 หลัก" in errors
    assert "แถวที่ 4: ผู้ได้รับการคัดเลือก: ระบุผู้ได้รับการคัดเลือกที่ราคานี้" in errors
    assert "แถวที่ 5: “ก” ไม่ใช่จำนวนเงิน" in errors
    assert "แถวที่ 6: เลขที่โครงการในระบบ e-GP: ข้อความนี้ยาวได้ไม่เกิน 30" in errors
    assert not ProcurementRecord.objects.exists()


def test_buddhist_years_in_date_cells_and_prices_in_baht_are_read(site):
    """A clerk types 03/11/2568 into an Excel date cell (kept as 2568 AD) and
    writes "บาท" after a bid."""
    sheet = Workbook()
    sheet.active.append(HEADER)
    row = egp_row("", "จัดซื้อน้ำดื่ม", **{"ผู้เสนอราคา": "ร้าน ก 4,900 บาท"})
    row[HEADER.index("วันที่ลงนามในสัญญา")] = datetime.datetime(2568, 11, 3)
    sheet.active.append(row)
    content = io.BytesIO()
    sheet.save(content)
    rows = read_table("egp.xlsx", content.getvalue())
    assert import_records(site, rows, MAPPING).created == 1
    record = ProcurementRecord.objects.get()
    assert (record.contract_date, record.fiscal_year) == (
        datetime.date(2025, 11, 3),
        2569,
    )
    assert [(bid.bidder, bid.price) for bid in record.bids.all()] == [
        ("ร้าน ก", Decimal("4900"))
    ]
    # The same purchase without an e-GP number, imported again: updated, not doubled.
    assert import_records(site, rows, MAPPING).updated == 1
    assert ProcurementRecord.objects.count() == 1
    with pytest.raises(ImportRefused) as refused:
        import_records(site, [rows[0], rows[1], rows[1]], MAPPING)
    assert refused.value.errors == ["แถวที่ 3: รายการเดียวกับแถวที่ 2"]


def test_a_year_written_short_is_buddhist_and_a_misread_one_is_named(site):
    """03/11/69 is 2569 to a Thai clerk; a date cell Excel read as 1969 (or any
    year outside the register's) is a row error, never a record lost from every
    fiscal year's page."""
    rows = read_table(
        "egp.csv",
        csv_bytes([egp_row("1", "จัดซื้อน้ำดื่ม", **{"วันที่ลงนามในสัญญา": "03/11/69"})]),
    )
    import_records(site, rows, MAPPING)
    record = ProcurementRecord.objects.get()
    assert (record.contract_date, record.fiscal_year) == (
        datetime.date(2026, 11, 3),
        2570,
    )
    sheet = Workbook()
    sheet.active.append(HEADER)
    row = egp_row("2", "จัดจ้างซ่อมถนน")
    row[HEADER.index("วันที่ลงนามในสัญญา")] = datetime.datetime(1969, 11, 3)
    sheet.active.append(row)
    content = io.BytesIO()
    sheet.save(content)
    with pytest.raises(ImportRefused) as refused:
        import_records(site, read_table("egp.xlsx", content.getvalue()), MAPPING)
    assert "แถวที่ 2: “1969-11-03" in refused.value.errors[0]
    assert "เช่น 03/11/2568" in refused.value.errors[0]


def test_columns_named_otherwise_are_mapped_and_a_missing_one_is_named(site):
    rows = [["โครงการ", "งบ", "วิธี"], ["ซ่อมถนน", "1000", "คัดเลือก"]]
    with pytest.raises(ImportRefused) as refused:
        import_records(site, rows, MAPPING)
    errors = refused.value.errors
    assert len(errors) == len(MAPPING)  # every column named but not in the file
    assert (
        "ไม่มีคอลัมน์ “ชื่อโครงการ” ในไฟล์ (หากไฟล์ไม่มีคอลัมน์นี้ ให้เว้นช่องนี้ว่างไว้) "
        "คอลัมน์ที่มีคือ โครงการ, งบ, วิธี"
    ) in errors
    mapping = {"project": "โครงการ", "budget": "งบ", "method": "วิธี"}
    assert import_records(site, rows, mapping).created == 1
    assert ProcurementRecord.objects.get().method == "selection"


def test_xlsx_and_thai_windows_csv_files_are_read(site):
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(egp_row("1", "จากเอ็กเซล"))
    content = io.BytesIO()
    book.save(content)
    assert read_table("egp.xlsx", content.getvalue())[1][1] == "จากเอ็กเซล"
    windows = csv_bytes([egp_row("2", "จากวินโดวส์")], encoding="cp874")
    assert read_table("egp.csv", windows)[1][1] == "จากวินโดวส์"
    with pytest.raises(ImportRefused):
        read_table("egp.pdf", b"%PDF")
    with pytest.raises(ImportRefused) as refused:
        read_table("egp.csv", b"\xff\xdb")  # neither UTF-8 nor Windows-874
    assert refused.value.errors == ["ไฟล์ไม่ใช่ข้อความ UTF-8 หรือภาษาไทยแบบ Windows"]


def test_a_csv_saved_with_semicolons_or_tabs_is_read_as_with_commas(site):
    for separator in (";", "\t"):
        lines = [separator.join(row) for row in [HEADER, egp_row("3", "ซ่อมไฟถนน")]]
        rows = read_table("egp.csv", "\r\n".join(lines).encode("utf-8-sig"))
        assert rows[0] == HEADER and rows[1][1] == "ซ่อมไฟถนน"


def test_a_progress_cell_shown_as_a_percentage_reads_as_shown(site):
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(egp_row("4", "ก่อสร้างรางระบายน้ำ", **{"ความก้าวหน้า": 1}))
    book.active.cell(row=2, column=HEADER.index("ความก้าวหน้า") + 1).number_format = "0%"
    content = io.BytesIO()
    book.save(content)
    import_records(site, read_table("egp.xlsx", content.getvalue()), MAPPING)
    assert ProcurementRecord.objects.get().progress == 100


def test_a_file_with_only_its_header_is_refused_with_a_reason(site):
    with pytest.raises(ImportRefused) as refused:
        import_records(site, read_table("egp.csv", csv_bytes([])), MAPPING)
    assert refused.value.errors == ["ไฟล์ไม่มีรายการจัดซื้อจัดจ้างใต้แถวหัวตาราง"]


def test_an_editor_imports_into_their_own_sites_only(
    client, site, second_site, site_editor
):
    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(codename__endswith="procurementrecord")
    )
    sign_in(client, site_editor)
    form = client.get("/admin/ita/procurement/import/").context["form"]
    assert list(form.fields["site"].queryset) == [site]
    upload = SimpleUploadedFile("egp.csv", csv_bytes([egp_row("9", "จากหน้าจอ")]))
    data = {f"column_{field}": column for field, column in MAPPING.items()}
    response = client.post(
        "/admin/ita/procurement/import/", {**data, "site": site.pk, "file": upload}
    )
    assert response.status_code == 302
    assert ProcurementRecord.objects.get(site=site).project == "จากหน้าจอ"
    listing = client.get("/admin/ita_procurement/").content.decode()
    assert "จากหน้าจอ" in listing
    purchase(second_site, "ของที่อื่น")
    assert "ของที่อื่น" not in client.get("/admin/ita_procurement/").content.decode()


def test_an_index_shows_procurement_items_missing_for_a_year_without_reports(
    client, site, reports_page, ita_section
):
    publish_reports(reports_page, 2569, today=NOVEMBER_ENDED)
    make_index(ita_section, shipped_year(site, 2565))
    assert client.get("/ita/2565/o23/").status_code == 200  # listed, not redirected
    html = read(client.get("/ita/2565/"))
    assert "/ita/procurement/monthly/?year=2565" not in html
    make_index(ita_section, shipped_year(site, 2569))
    assert "/ita/procurement/monthly/?year=2569" in read(client.get("/ita/2569/"))


def test_staff_prepare_a_years_reports_in_the_admin_once(
    client, admin_client, reports_page, django_user_model
):
    url = "/admin/ita/procurement/prepare/"
    form = {"page": reports_page.pk, "fiscal_year": 2569}
    response = admin_client.post(url, form, follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{reports_page.pk}/"
    drafts = ProcurementReportPage.objects.child_of(reports_page)
    assert drafts.count() == 14 and not drafts.live().exists()  # 12 months, 2 lists
    assert "เพิ่มร่างรายงาน 14 ฉบับ" in read(response)
    admin_client.post(url, form)
    assert drafts.count() == 14
    refused = admin_client.post(url, {**form, "fiscal_year": 2400})
    assert refused.status_code == 200 and refused.context["form"].errors["fiscal_year"]
    sign_in(client, django_user_model.objects.create_user("clerk", password="pw"))
    assert client.get(url).status_code in (302, 403)


def test_a_price_agreed_names_the_supplier_selected(site):
    record = ProcurementRecord(
        site=site, project="ซ่อมถนน", budget=Decimal(1000), winning_price=Decimal(900)
    )
    with pytest.raises(ValidationError) as refused:
        record.clean()
    assert refused.value.message_dict == {"winner": ["ระบุผู้ได้รับการคัดเลือกที่ราคานี้"]}
    record.winner = "ร้าน ก"
    record.clean()
