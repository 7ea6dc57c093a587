"""The year's index as CSV, XLSX and JSON, for entry into the national ITAS system."""

import io
import json

from django.http import HttpResponse

from openpyxl import Workbook

from kcs_core.spreadsheets import (
    CSV_CONTENT_TYPE,
    append_text_row,
    attachment,
    csv_bytes,
)

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
    "csv": CSV_CONTENT_TYPE,
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
    """UTF-8 with a byte-order mark, formula-safe (see :mod:`kcs_core.spreadsheets`)."""
    return csv_bytes([COLUMNS, *(flat_row(record) for record in records)])


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
    return attachment(result, f"{filename}.{fmt}")
