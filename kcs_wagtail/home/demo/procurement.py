"""Demo content of the procurement reports: the reports page in the ITA section,
purchases of fiscal 2568 and 2569 (in 2569, three months have some and December
has none), and each year's reports prepared from them and approved through the
two-step workflow by the demo accounts, so the 2568 and 2569 indexes answer their
procurement items from records."""

import datetime
from decimal import Decimal

from wagtail.models import Site

from ita_pages.approvals import setup_site_approval
from ita_pages.models import (
    DisclosureSectionPage,
    ProcurementBid,
    ProcurementMethod,
    ProcurementPage,
    ProcurementRecord,
    ProcurementStatus,
    ReportKind,
)
from ita_pages.procurement import prepare_reports
from kcs_core.thai_dates import fiscal_year
from kcs_wagtail.home.demo.ita_pages import ensure_accounts, run_approval

#: Fiscal year → the reports the demo prepares: 2568's catalog asks for the list and
#: the annual report, 2569's for the monthly summaries and the annual report.
REPORTS = {
    2568: (ReportKind.LIST, ReportKind.ANNUAL),
    2569: (ReportKind.LIST, ReportKind.MONTHLY, ReportKind.ANNUAL),
}
FISCAL_YEARS = tuple(REPORTS)

#: project, method, budget, reference price, bids, winner and price, reason,
#: contract number, contract date, status, progress
PURCHASES = [
    (
        "จัดซื้อเครื่องคอมพิวเตอร์สำหรับงานประมวลผล จำนวน 2 เครื่อง",
        ProcurementMethod.SPECIFIC,
        Decimal(44000),
        Decimal(44000),
        [("ร้านตัวอย่างคอมพิวเตอร์", Decimal(43800))],
        ("ร้านตัวอย่างคอมพิวเตอร์", Decimal(43800)),
        "เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงินงบประมาณ",
        "ใบสั่งซื้อเลขที่ 31/2568",
        datetime.date(2024, 12, 18),
        ProcurementStatus.COMPLETED,
        100,
    ),
    (
        "โครงการปรับปรุงอาคารศูนย์พัฒนาเด็กเล็ก",
        ProcurementMethod.E_BIDDING,
        Decimal(980000),
        Decimal(975000),
        [
            ("ห้างหุ้นส่วนจำกัดก่อสร้างตัวอย่าง", Decimal(915000)),
            ("ห้างหุ้นส่วนจำกัดทดลองโยธา", Decimal(948000)),
        ],
        ("ห้างหุ้นส่วนจำกัดก่อสร้างตัวอย่าง", Decimal(915000)),
        "เป็นผู้เสนอราคาต่ำสุดและคุณสมบัติถูกต้องตามเงื่อนไขเอกสารประกวดราคา",
        "สัญญาจ้างเลขที่ 2/2568",
        datetime.date(2025, 4, 8),
        ProcurementStatus.COMPLETED,
        100,
    ),
    (
        "จัดซื้อวัสดุสำนักงาน จำนวน 25 รายการ",
        ProcurementMethod.SPECIFIC,
        Decimal(15000),
        Decimal(15000),
        [("ร้านตัวอย่างเครื่องเขียน", Decimal(14850))],
        ("ร้านตัวอย่างเครื่องเขียน", Decimal(14850)),
        "เป็นผู้มีอาชีพขายโดยตรงและเสนอราคาไม่เกินวงเงินงบประมาณ",
        "ใบสั่งซื้อเลขที่ 12/2569",
        datetime.date(2025, 11, 14),
        ProcurementStatus.COMPLETED,
        100,
    ),
    (
        "จ้างซ่อมแซมรถบรรทุกน้ำ หมายเลขทะเบียน บต 1234 ชัยภูมิ",
        ProcurementMethod.SPECIFIC,
        Decimal(48000),
        Decimal(48000),
        [("อู่ตัวอย่างการช่าง", Decimal(47500))],
        ("อู่ตัวอย่างการช่าง", Decimal(47500)),
        "เป็นผู้มีอาชีพรับจ้างโดยตรงและเสนอราคาเหมาะสม",
        "ใบสั่งจ้างเลขที่ 21/2569",
        datetime.date(2025, 11, 27),
        ProcurementStatus.COMPLETED,
        100,
    ),
    (
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5 บ้านตัวอย่าง",
        ProcurementMethod.E_BIDDING,
        Decimal(2450000),
        Decimal(2430000),
        [
            ("ห้างหุ้นส่วนจำกัดก่อสร้างตัวอย่าง", Decimal(2180000)),
            ("บริษัท ตัวอย่างวิศวกรรม จำกัด", Decimal(2255000)),
            ("ห้างหุ้นส่วนจำกัดทดลองโยธา", Decimal(2390000)),
        ],
        ("ห้างหุ้นส่วนจำกัดก่อสร้างตัวอย่าง", Decimal(2180000)),
        "เป็นผู้เสนอราคาต่ำสุดและคุณสมบัติถูกต้องตามเงื่อนไขเอกสารประกวดราคา",
        "สัญญาจ้างเลขที่ 3/2569",
        datetime.date(2026, 1, 20),
        ProcurementStatus.CONTRACTED,
        60,
    ),
    (
        "จัดซื้ออาหารเสริม (นม) โรงเรียน ภาคเรียนที่ 2/2568",
        ProcurementMethod.E_MARKET,
        Decimal(320000),
        Decimal(318400),
        [
            ("สหกรณ์โคนมตัวอย่าง จำกัด", Decimal(318400)),
            ("บริษัท นมทดลอง จำกัด", Decimal(318400)),
        ],
        ("สหกรณ์โคนมตัวอย่าง จำกัด", Decimal(318400)),
        "เสนอราคาเท่ากับราคามาตรฐานและยื่นเอกสารครบถ้วนเป็นรายแรก",
        "สัญญาซื้อขายเลขที่ 5/2569",
        datetime.date(2026, 3, 2),
        ProcurementStatus.COMPLETED,
        100,
    ),
    (
        "โครงการขยายเขตระบบประปาหมู่บ้าน หมู่ที่ 2",
        ProcurementMethod.SELECTION,
        Decimal(480000),
        None,
        [],
        ("", None),
        "",
        "",
        None,
        ProcurementStatus.ANNOUNCED,
        10,
    ),
]


def load(command, home, english_home):
    section = DisclosureSectionPage.objects.child_of(home).get(slug="ita")
    page = command.ensure_child(
        section,
        ProcurementPage,
        "procurement",
        "การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ",
        intro="<p>สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) "
        "รายการจัดซื้อจัดจ้างและความก้าวหน้า และรายงานผลการจัดซื้อจัดจ้างประจำปี</p>",
    )
    site = Site.objects.get(root_page=home)
    if not ProcurementRecord.objects.filter(site=site).exists():
        ensure_purchases(site)
    for year, kinds in REPORTS.items():
        reports = prepare_reports(page, year, kinds=kinds)
        if reports:
            accounts = ensure_accounts(setup_site_approval(site))
            for report in reports:
                run_approval(report, *accounts)
            command.stdout.write(
                f"Prepared and approved {len(reports)} procurement reports of {year}."
            )


def ensure_purchases(site) -> None:
    for purchase in PURCHASES:
        (project, method, budget, reference, bids, (winner, price), reason,
         contract, date, status, progress) = purchase  # fmt: skip
        record = ProcurementRecord.objects.create(
            site=site,
            fiscal_year=fiscal_year(date) if date else FISCAL_YEARS[-1],
            project=project,
            method=method,
            budget=budget,
            reference_price=reference,
            winner=winner,
            winning_price=price,
            reason=reason,
            contract_number=contract,
            contract_date=date,
            status=status,
            progress=progress,
        )
        ProcurementBid.objects.bulk_create(
            ProcurementBid(record=record, bidder=bidder, price=offer, sort_order=i)
            for i, (bidder, offer) in enumerate(bids)
        )
