"""Demo content of the procurement reports: the reports page in the ITA section,
purchases of fiscal 2568 and 2569 (in 2569, three months have some and December
has none), and each year's reports prepared from them and approved through the
two-step workflow by the demo accounts, so the 2568 and 2569 indexes answer their
procurement items from records."""

import json
from pathlib import Path

from wagtail.models import Site

from ita_pages.approvals import setup_site_approval
from ita_pages.models import (
    ProcurementBid,
    ProcurementPage,
    ProcurementRecord,
    ReportKind,
)
from ita_pages.procurement import prepare_reports
from kcs_core.thai_dates import fiscal_year
from kcs_wagtail.home.demo.ita_pages import (
    ensure_accounts,
    ita_section,
    run_approval,
)

#: Fiscal year → the reports the demo prepares: 2568's catalog asks for the list and
#: the annual report, 2569's for the monthly summaries and the annual report.
REPORTS = {
    2568: (ReportKind.LIST, ReportKind.ANNUAL),
    2569: (ReportKind.LIST, ReportKind.MONTHLY, ReportKind.ANNUAL),
}
FISCAL_YEARS = tuple(REPORTS)

#: The demo's purchases, one object each with the fields of a ProcurementRecord and
#: its ``bids``: amounts as strings of baht, dates as ISO dates.
PURCHASES = Path(__file__).resolve().parent / "data" / "purchases.json"


def load(command, home, english_home):
    page = command.ensure_child(
        ita_section(home),
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
    for purchase in json.loads(PURCHASES.read_text(encoding="utf-8")):
        bids = purchase.pop("bids")
        record = ProcurementRecord(site=site, **as_values(ProcurementRecord, purchase))
        record.fiscal_year = (
            fiscal_year(record.contract_date)
            if record.contract_date
            else FISCAL_YEARS[-1]
        )
        record.save()
        ProcurementBid.objects.bulk_create(
            ProcurementBid(
                record=record, sort_order=i, **as_values(ProcurementBid, bid)
            )
            for i, bid in enumerate(bids)
        )


def as_values(model, texts: dict) -> dict:
    """``texts`` (read from JSON) turned into the values of ``model``'s fields."""
    return {name: model._meta.get_field(name).to_python(v) for name, v in texts.items()}
