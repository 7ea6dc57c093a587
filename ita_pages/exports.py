"""The year's index as CSV, XLSX and JSON, for entry into the national ITAS system."""

import csv
import io
import json

from django.http import HttpResponse

from openpyxl import Workbook

from kcs_core.spreadsheets import append_text_row, csv_cell

COLUMNS = (
    "code",
    "title",
    "subindicator",
    "status",
    "item_url",
    "evidence_urls",
    "navigation_paths",
)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def report_records(report) -> list[dict]:
    """One flat record an item: code, title, status and URLs."""
    return [row.as_dict() for row in report.rows]


def flat_row(record: dict) -> list[str]:
    """A record as table cells; several evidence URLs go one a line in one cell."""
    evidence = record.get("evidence", [])
    values = {
        **record,
        "evidence_urls": "\n".join(e["url"] for e in evidence),
        "navigation_paths": "\n".join(e["navigation_path"] for e in evidence),
    }
    return [str(values.get(key, "")) for key in COLUMNS]


def as_csv(records: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(COLUMNS))
    for record in records:
        writer.writerow([csv_cell(cell) for cell in flat_row(record)])
    # A byte-order mark, so that Excel opens the Thai text as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(records: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "ITA"
    sheet.append(list(COLUMNS))
    for record in records:
        append_text_row(sheet, flat_row(record))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_json(records: list[dict]) -> bytes:
    return json.dumps({"items": records}, ensure_ascii=False, indent=1).encode()


WRITERS = {"csv": as_csv, "xlsx": as_xlsx, "json": as_json}


def response(fmt: str, records: list[dict], filename: str) -> HttpResponse:
    """A download of ``records`` in ``fmt``."""
    result = HttpResponse(WRITERS[fmt](records), content_type=CONTENT_TYPES[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return result
