"""The year's index as CSV, XLSX and JSON, for entry into the national ITAS system.

Public downloads: each item with its stable URL and, for each piece of evidence, its
URL, navigation path and publication date. Nothing says what is missing or stale:
statuses are the admin's (the readiness report), so a snapshot's stored statuses
stay out of its downloads too.
"""

import datetime
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
from kcs_core.thai_dates import format_date

COLUMNS = (
    "code",
    "title",
    "subindicator",
    "item_url",
    "evidence_urls",
    "evidence_published_on",
    "navigation_paths",
)

# Keys of a record that are the admin's, never in a public download.
ADMIN_KEYS = ("status",)

CONTENT_TYPES = {
    "csv": CSV_CONTENT_TYPE,
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def report_records(report) -> list[dict]:
    """One record an item: code, title, its URL and its evidence."""
    return [row.as_dict() for row in report.rows]


def public_records(records: list[dict]) -> list[dict]:
    """``records`` (a snapshot's, which keep their statuses) without the admin's
    keys."""
    return [
        {key: value for key, value in record.items() if key not in ADMIN_KEYS}
        for record in records
    ]


def reader_date(iso: str | None) -> str:
    """An ISO date of a record as the reader reads it (``9 พ.ย. 2564``)."""
    return format_date(datetime.date.fromisoformat(iso)) if iso else ""


def flat_row(record: dict) -> list[str]:
    """A record as table cells; several evidence URLs go one a line in one cell,
    their dates in the reader's calendar (JSON keeps them as ISO dates)."""
    evidence = record.get("evidence", [])
    values = {
        **record,
        "evidence_urls": "\n".join(e["url"] for e in evidence),
        "evidence_published_on": "\n".join(
            reader_date(e.get("published_on")) for e in evidence
        ),
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
    """A public download of ``records`` in ``fmt``."""
    body = WRITERS[fmt](public_records(records))
    result = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    return attachment(result, f"{filename}.{fmt}")
