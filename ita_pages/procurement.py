"""Procurement records in and reports out.

:func:`import_records` takes the rows of a CSV or XLSX file exported by the national
e-GP system (its columns mapped to the record's fields in the import screen): the
file is checked whole first and refused whole, with every bad row named, as the
catalog import does, each row by the rules of the record's own admin form; a record
with the same e-GP project number (or, without one, the same work, budget, contract
and price) is updated, never stored twice.

:func:`prepare_reports` adds the draft reports of a fiscal year that do not exist
yet under a site's :class:`~ita_pages.models.ProcurementPage`: one per month that
has ended (a month without purchases included), the list with progress, and the
annual report once the year has ended. An editor submits them to the approval
workflow like any ITA page.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ita_pages.catalog import RefusedFile
from ita_pages.models import (
    ProcurementBid,
    ProcurementPage,
    ProcurementRecord,
    ProcurementReportPage,
)
from ita_pages.models.procurement import (
    ProcurementMethod,
    ProcurementStatus,
    ReportKind,
    calendar_year,
    fiscal_months,
    fiscal_year_has_ended,
    month_has_ended,
)
from kcs_core.thai_dates import (
    BE_OFFSET,
    format_fiscal_year,
    format_month,
)

#: Field → (label, the column's name in an e-GP export): the import screen offers
#: these names, which an office changes when its export names a column otherwise.
IMPORT_COLUMNS = {
    "egp_number": (_("e-GP project number"), "เลขที่โครงการ"),
    "project": (_("Work purchased or hired"), "ชื่อโครงการ"),
    "budget": (_("Budget"), "วงเงินงบประมาณ"),
    "reference_price": (_("Reference price"), "ราคากลาง"),
    "method": (_("Procurement method"), "วิธีการจัดหา"),
    "bids": (_("Bidders and prices offered"), "ผู้เสนอราคา"),
    "winner": (_("Selected supplier"), "ผู้ชนะการเสนอราคา"),
    "winning_price": (_("Agreed price"), "ราคาที่ตกลงซื้อหรือจ้าง"),
    "reason": (_("Reason for the choice"), "เหตุผลที่คัดเลือก"),
    "contract_number": (_("Contract number"), "เลขที่สัญญา"),
    "contract_date": (_("Contract date"), "วันที่ลงนามในสัญญา"),
    "status": (_("Status"), "สถานะโครงการ"),
    "progress": (_("Progress (%)"), "ความก้าวหน้า"),
}
REQUIRED_COLUMNS = ("project", "budget", "method")
#: Without an e-GP project number, the fields that tell one purchase from another.
UNNUMBERED_PURCHASE_FIELDS = (
    "project",
    "budget",
    "contract_number",
    "contract_date",
    "winning_price",
)
#: A year after this one in a date is a Buddhist-era year.
BE_YEAR_AFTER = 2400
#: The first year (Gregorian) a purchase of the register can be dated in; a date
#: before it is a year written short or misread (Excel reads ``69`` as 1969).
EARLIEST_PURCHASE_YEAR = 2000

#: Method → the words of the e-GP's method names that name it, looked for in this
#: order (the first found wins).
METHOD_WORDS = {
    ProcurementMethod.E_MARKET: ("e-market", "ตลาดอิเล็กทรอนิกส์"),
    ProcurementMethod.E_BIDDING: ("e-bidding", "ประกวดราคา"),
    ProcurementMethod.PRICE_INQUIRY: ("สอบราคา",),
    ProcurementMethod.SELECTION: ("คัดเลือก",),
    ProcurementMethod.SPECIFIC: ("เฉพาะเจาะจง",),
}
STATUS_WORDS = {
    ProcurementStatus.CANCELLED: ("ยกเลิก",),
    ProcurementStatus.COMPLETED: ("ตรวจรับ", "เสร็จ"),
    ProcurementStatus.CONTRACTED: ("สัญญา",),
    ProcurementStatus.ANNOUNCED: ("ประกาศ",),
    ProcurementStatus.PLANNED: ("แผน",),
}


class ImportRefused(RefusedFile):
    """The file of records was not imported."""

    separator = "; "


@dataclass
class ImportResult:
    created: int
    updated: int


def read_table(name: str, content: bytes) -> list[list[str]]:
    """The rows of a ``.csv`` (UTF-8, or Windows-874 as Thai Excel saves it) or
    ``.xlsx`` file, every cell as text, the header row first."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True).active
        except Exception as exc:  # openpyxl raises many kinds on a bad file
            raise ImportRefused(
                [gettext("The file is not an Excel workbook.")]
            ) from exc
        return [
            [cell_text(cell.value, cell.number_format) for cell in row]
            for row in sheet.iter_rows()
        ]
    if lowered.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp874"):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                continue
            rows = csv.reader(io.StringIO(text), delimiter=csv_separator(text))
            return [[cell.strip() for cell in row] for row in rows]
        raise ImportRefused(
            [gettext("The file is neither UTF-8 nor Thai Windows text.")]
        )
    raise ImportRefused([gettext("Only .csv and .xlsx files can be imported.")])


def csv_separator(text: str) -> str:
    """The character between a CSV file's columns: a comma, or the semicolon or tab
    a spreadsheet set to another region saves with (read off the header row)."""
    header = text.partition("\n")[0]
    return max((",", ";", "\t"), key=header.count)


def cell_text(value, number_format: str | None = None) -> str:
    """A spreadsheet cell as text; a date as ISO, a whole number without ``.0``, a
    cell shown as a percentage as it shows (``1`` formatted ``0%`` is ``100%``)."""
    if value is None:
        return ""
    if "%" in (number_format or "") and isinstance(value, int | float):
        return f"{value * 100:g}%"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_amount(text: str) -> Decimal | None:
    """``"1,250,000.00"`` or ``"1250000 บาท"`` → Decimal; empty → None."""
    cleaned = text.replace(",", "").replace("บาท", "").strip()
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(
            gettext("“%(text)s” is not an amount.") % {"text": text}
        ) from exc
    if not amount.is_finite() or amount < 0:  # NaN refuses to be compared
        raise ValueError(gettext("“%(text)s” is not an amount.") % {"text": text})
    return amount


def parse_date(text: str) -> datetime.date | None:
    """ISO (``2025-11-03``, or an Excel date cell) or Thai ``dd/mm/yyyy``
    (``03/11/2568``), as e-GP exports it; empty → None. A year after 2400 is a
    Buddhist-era year, whichever way it was written (a clerk types ``03/11/2568``
    into an Excel date cell, which keeps it as the year 2568 AD), and so is a year
    of two digits (``03/11/69``: 2569). A date before 2000 or after next year is
    refused: it is a year misread, not a purchase."""
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
        else:
            year, month, day = (int(part) for part in text[:10].split("-"))
        if year < 100:
            year += 2500
        if year > BE_YEAR_AFTER:
            year -= BE_OFFSET
        date = datetime.date(year, month, day)
    except ValueError as exc:
        raise ValueError(gettext("“%(text)s” is not a date.") % {"text": text}) from exc
    if not EARLIEST_PURCHASE_YEAR <= date.year <= timezone.localdate().year + 1:
        raise ValueError(
            gettext(
                "“%(text)s” is not a year of the register: write the date as "
                "day/month/Buddhist-era year, for example 03/11/2568."
            )
            % {"text": text}
        )
    return date


def parse_choice(text: str, words: dict, field: str):
    lowered = text.lower()
    for value, names in words.items():
        if any(name in lowered for name in names):
            return value
    raise ValueError(
        gettext("“%(text)s” is not a known %(field)s.") % {"text": text, "field": field}
    )


def parse_bids(text: str) -> list[tuple[str, Decimal]]:
    """``"หจก. ก 100,000; บริษัท ข 98,500"`` (a name and a price per bid, bids
    separated by ``;`` or new lines) → [(name, price)]."""
    bids = []
    for part in text.replace("\n", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        name, _space, price = part.removesuffix("บาท").strip().rpartition(" ")
        amount = parse_amount(price) if name else None
        if amount is None:
            raise ValueError(
                gettext("“%(text)s” is not a bidder and a price.") % {"text": part}
            )
        bids.append((name.strip(" :"), amount))
    return bids


def parse_row(values: dict[str, str]) -> dict:
    """One file row (field → text) as the record's values, or ``ValueError``."""
    parsed = {
        "egp_number": values.get("egp_number", ""),
        "project": values.get("project", ""),
        "winner": values.get("winner", ""),
        "reason": values.get("reason", ""),
        "contract_number": values.get("contract_number", ""),
    }
    if not parsed["project"]:
        raise ValueError(gettext("the work purchased is empty"))
    budget = parse_amount(values.get("budget", ""))
    if budget is None:
        raise ValueError(gettext("the budget is empty"))
    parsed["budget"] = budget
    parsed["reference_price"] = parse_amount(values.get("reference_price", ""))
    parsed["winning_price"] = parse_amount(values.get("winning_price", ""))
    parsed["method"] = parse_choice(
        values.get("method", ""), METHOD_WORDS, gettext("procurement method")
    )
    parsed["contract_date"] = parse_date(values.get("contract_date", ""))
    status = values.get("status", "")
    if status:
        parsed["status"] = parse_choice(status, STATUS_WORDS, gettext("status"))
    elif parsed["contract_date"]:
        parsed["status"] = ProcurementStatus.CONTRACTED
    progress = values.get("progress", "").rstrip("%").strip()
    if progress:
        if not progress.isdigit() or int(progress) > 100:
            raise ValueError(
                gettext("“%(text)s” is not a percentage.") % {"text": progress}
            )
        parsed["progress"] = int(progress)
    parsed["bids"] = parse_bids(values.get("bids", ""))
    return parsed


def import_records(
    site, rows: list[list[str]], mapping: dict[str, str]
) -> ImportResult:
    """Import ``rows`` (the header row first) into ``site``'s records, ``mapping``
    naming the column of each field. All or nothing."""
    if not rows:
        raise ImportRefused([gettext("The file is empty.")])
    header = [cell.strip() for cell in rows[0]]
    positions, errors = {}, []
    for field, column in mapping.items():
        if not column:
            continue
        if column in header:
            positions[field] = header.index(column)
        else:
            errors.append(
                gettext(
                    "No column “%(column)s” in the file (leave its box empty if the "
                    "file has none); its columns are: %(columns)s"
                )
                % {"column": column, "columns": ", ".join(c for c in header if c)}
            )
    missing = [f for f in REQUIRED_COLUMNS if f not in positions and not mapping.get(f)]
    errors += [
        gettext("Name the column of “%(field)s”.") % {"field": IMPORT_COLUMNS[f][0]}
        for f in missing
    ]
    if errors:
        raise ImportRefused(errors)
    parsed_rows, rows_seen, repeated_numbers = [], {}, set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {
            field: (row[position].strip() if position < len(row) else "")
            for field, position in positions.items()
        }
        try:
            parsed = parse_row(values)
            check_record(site, parsed)
        except ValueError as exc:
            errors.append(
                gettext("Row %(row)s: %(error)s") % {"row": number, "error": exc}
            )
            continue
        first = rows_seen.setdefault(tuple(purchase_identity(parsed).values()), number)
        if first != number and parsed["egp_number"]:
            repeated_numbers.add(parsed["egp_number"])
        elif first != number:
            errors.append(
                gettext("Row %(row)s: the same purchase as row %(first)s.")
                % {"row": number, "first": first}
            )
        parsed_rows.append(parsed)
    errors += [
        gettext("The e-GP project number %(number)s is in the file twice.")
        % {"number": repeated}
        for repeated in sorted(repeated_numbers)
    ]
    if not parsed_rows and not errors:
        errors.append(gettext("The file has no purchases below its header row."))
    if errors:
        raise ImportRefused(errors)
    return save_records(site, parsed_rows)


def purchase_identity(values: dict) -> dict:
    """What makes two rows the same purchase, as field → value: its e-GP project
    number, or without one (purchases too small for e-GP) the work, budget,
    contract and price."""
    if values["egp_number"]:
        return {"egp_number": values["egp_number"]}
    same = {name: values.get(name) for name in UNNUMBERED_PURCHASE_FIELDS}
    return {"egp_number": "", **same}


def existing_purchase(site, values: dict) -> ProcurementRecord | None:
    """The record a row updates (:func:`purchase_identity`): never stored twice."""
    same = purchase_identity(values)
    return ProcurementRecord.objects.filter(site=site, **same).first()


def check_record(site, values: dict) -> None:
    """The rules the record's own admin form applies (its fields' limits, a price
    with its supplier), as a ``ValueError`` naming each field."""
    record = ProcurementRecord(
        site=site, **{name: value for name, value in values.items() if name != "bids"}
    )
    try:
        record.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ValueError(
            "; ".join(
                message if name == NON_FIELD_ERRORS else f"{label(name)}: {message}"
                for name, messages in error.message_dict.items()
                for message in messages
            )
        ) from None


def label(field_name: str) -> str:
    """A record field's name as the import screen shows it."""
    return str(ProcurementRecord._meta.get_field(field_name).verbose_name)


@transaction.atomic
def save_records(site, parsed_rows: list[dict]) -> ImportResult:
    created = updated = 0
    for values in parsed_rows:
        bids = values.pop("bids")
        record = existing_purchase(site, values)
        if record is None:
            record = ProcurementRecord(site=site)
            created += 1
        else:
            updated += 1
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        if bids or record.bids.exists():
            record.bids.all().delete()
            ProcurementBid.objects.bulk_create(
                ProcurementBid(record=record, bidder=name, price=price, sort_order=i)
                for i, (name, price) in enumerate(bids)
            )
    return ImportResult(created=created, updated=updated)


# --- reports -----------------------------------------------------------------------


def report_title(kind: str, year: int, month: int | None) -> str:
    """The title of a report in the active language."""
    if kind == ReportKind.MONTHLY:
        return gettext("Summary of procurement results in %(period)s") % {
            "period": format_month(calendar_year(year, month), month)
        }
    if kind == ReportKind.ANNUAL:
        return gettext("Annual procurement report, fiscal year %(period)s") % {
            "period": format_fiscal_year(year)
        }
    return gettext("Procurement list with progress, fiscal year %(period)s") % {
        "period": format_fiscal_year(year)
    }


def due_reports(year: int, today: datetime.date) -> list[tuple[str, int | None]]:
    """The reports of fiscal ``year`` that can be made on ``today``: the list, each
    month that has ended, the annual report once the year has."""
    reports = [(ReportKind.LIST, None)]
    for year_of_month, month in fiscal_months(year):
        if month_has_ended(year_of_month, month, today):
            reports.append((ReportKind.MONTHLY, month))
    if fiscal_year_has_ended(year, today):
        reports.append((ReportKind.ANNUAL, None))
    return reports


def prepare_reports(
    page: ProcurementPage,
    year: int,
    user=None,
    today: datetime.date | None = None,
    kinds=tuple(ReportKind),
) -> list[ProcurementReportPage]:
    """Add the due reports of fiscal ``year`` (of these ``kinds``) that ``page``
    does not hold yet, as drafts with their records frozen; returns those added."""
    today = today or timezone.localdate()
    existing = set(
        ProcurementReportPage.objects.child_of(page)
        .filter(fiscal_year=year)
        .values_list("report", "month")
    )
    added = []
    with translation.override(page.locale.language_code):
        for kind, month in due_reports(year, today):
            if (kind, month) in existing or kind not in kinds:
                continue
            slug = f"{year}-{month:02d}" if month else f"{year}-{kind}"
            report = page.add_child(
                instance=ProcurementReportPage(
                    title=report_title(kind, year, month),
                    slug=slug,
                    fiscal_year=year,
                    report=kind,
                    month=month,
                    live=False,
                    owner=user,
                )
            )
            report.save_revision(user=user)
            added.append(report)
    return added
