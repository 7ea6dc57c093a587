"""Spreadsheet exports that open right in Excel on Thai Windows and never run a
typed value as a formula.

Every CSV and XLSX export of the plugin is built here:

- **UTF-8 with a byte-order mark**, sent as ``text/csv; charset=utf-8``: without the
  mark, Excel reads a CSV in the Windows code page and shows Thai as mojibake.
- **Values as the reader reads them** (:func:`reader_value`): times in the site's zone
  (``TIME_ZONE``, Asia/Bangkok), dates and times through :mod:`kcs_core.thai_dates`
  (``2 ธ.ค. 2569 08:19 น.`` for a Thai reader), a site by its name and host name.
- **Formula-safe cells** (:func:`csv_cell`, :func:`append_text_row`): a value an editor
  or a resident typed ("=HYPERLINK(...)", "+66 81…", "@SUM(...)") would otherwise run
  as a formula when an office opens the export (CSV injection).

:func:`csv_response` builds a CSV download from rows; :class:`ReaderSpreadsheetMixin`
does the same for a Wagtail listing's CSV/XLSX export; :class:`FormulaSafeCsvMiddleware`
applies the CSV rules to every CSV the site sends, Wagtail's own exports (reports,
form submissions, list exports) included. Wagtail already keeps its XLSX cells as
text.
"""

import codecs
import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse
from django.utils import timezone

from wagtail.models import Site

from kcs_core import thai_dates

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
CSV_CHARSET = "utf-8"
CSV_CONTENT_TYPE = f"text/csv; charset={CSV_CHARSET}"


def csv_cell(value):
    """``value`` for a CSV cell: text that starts like a formula gets a leading
    apostrophe, which spreadsheets take as "this is text" and do not show."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def append_text_row(sheet, values) -> None:
    """Append ``values`` to an openpyxl worksheet, every cell that looks like a
    formula kept as plain text."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


# --- values as the reader reads them ---------------------------------------------


def site_in_export(site: Site) -> str:
    """A site as an export names it: its name with its host name (two local
    governments may share a name, and a reference is unique per site only), else its
    host name."""
    return f"{site.site_name} ({site.hostname})" if site.site_name else site.hostname


def reader_value(value):
    """``value`` as text for the person who opens the export, in the active
    language: an aware time in the site's zone (``2 ธ.ค. 2569 08:19 น.`` /
    ``2 Dec 2026 08:19``), a date (``9 พ.ย. 2564``), a site by its name and host;
    anything else as is."""
    if isinstance(value, datetime.datetime):
        return thai_dates.format_datetime(value)
    if isinstance(value, datetime.date):
        return thai_dates.format_date(value)
    if isinstance(value, Site):
        return site_in_export(value)
    return value


def xlsx_value(value):
    """``value`` for an XLSX cell: a time as a date cell in the site's zone (Excel
    keeps no zone; Wagtail writes UTC), a site by its name and host; anything else
    as is."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    if isinstance(value, Site):
        return site_in_export(value)
    return value


def xlsx_date_format(*, with_time: bool) -> str:
    """The Excel number format of a date cell in the active language: ``5 ธ.ค. 2569``
    in Thai (``bbbb``: Excel's Buddhist-era year), ``5 Dec 2026`` otherwise; with its
    time for a time."""
    day = "[$-th-TH]d mmm bbbb" if thai_dates.is_thai() else "[$-en-GB]d mmm yyyy"
    return f"{day} hh:mm" if with_time else day


# --- building a CSV ---------------------------------------------------------------


def csv_row(values: Iterable) -> list:
    """One row's cells: each as the reader reads it, none runnable as a formula."""
    return [csv_cell(reader_value(value)) for value in values]


def csv_bytes(rows: Iterable[Sequence]) -> bytes:
    """``rows`` (the header first) as a CSV file Excel opens as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(csv_row(row))
    return (BYTE_ORDER_MARK + out.getvalue()).encode(CSV_CHARSET)


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Make ``response`` a download named ``filename``."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(rows: Iterable[Sequence], filename: str) -> HttpResponse:
    """A CSV download of ``rows`` (the header first), named ``filename`` (with its
    ``.csv``)."""
    return attachment(
        HttpResponse(csv_bytes(rows), content_type=CSV_CONTENT_TYPE), filename
    )


# --- rewriting a CSV another view wrote ------------------------------------------


def _lines(chunks, charset: str):
    """The text of ``chunks`` (bytes or str, split anywhere: inside a character, a
    row or a quoted field) as whole lines, for :func:`csv.reader`; a byte-order mark
    at the start is left out."""
    decoder = codecs.getincrementaldecoder(charset)()
    pending = ""
    started = False
    for chunk in chunks:
        pending += decoder.decode(chunk) if isinstance(chunk, bytes) else chunk
        if not started and pending:
            started = True
            pending = pending.removeprefix(BYTE_ORDER_MARK)
        *complete, pending = pending.split("\n")
        for line in complete:
            yield line + "\n"
    pending += decoder.decode(b"", final=True)
    if not started:
        pending = pending.removeprefix(BYTE_ORDER_MARK)
    if pending:
        yield pending


def safe_csv_rows(chunks, charset: str = CSV_CHARSET):
    """CSV text, row by row, with every formula-like cell made text (idempotent: a
    cell that already starts with an apostrophe is left alone). A byte-order mark
    at the start is dropped (see :func:`excel_csv_rows`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(_lines(chunks, charset)):
        writer.writerow([csv_cell(cell) for cell in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def is_utf8(charset: str) -> bool:
    """Whether ``charset`` names UTF-8 (``utf-8``, ``UTF8``…)."""
    try:
        return codecs.lookup(charset).name == "utf-8"
    except LookupError:
        return False


def excel_csv_rows(chunks, charset: str = CSV_CHARSET) -> Iterator[str]:
    """:func:`safe_csv_rows`, the first one after a byte-order mark when the CSV is
    UTF-8 (exactly one, whether the CSV had one or not)."""
    rows = safe_csv_rows(chunks, charset)
    if is_utf8(charset):
        yield BYTE_ORDER_MARK
    yield from rows


def as_excel_csv(response):
    """Rewrite a ``text/csv`` response in place (streamed or not, however its chunks
    are cut): formula-safe cells; a UTF-8 CSV gets its byte-order mark and says its
    charset (``text/csv; charset=utf-8``); a CSV in another declared charset keeps
    it."""
    declared = "charset=" in response.get("Content-Type", "").lower()
    charset = response.charset or CSV_CHARSET
    if not declared and is_utf8(charset):
        response["Content-Type"] = CSV_CONTENT_TYPE
    if response.streaming:
        response.streaming_content = (
            row.encode(charset)
            for row in excel_csv_rows(response.streaming_content, charset)
        )
    else:
        response.content = "".join(excel_csv_rows([response.content], charset)).encode(
            charset
        )
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    return response


def is_csv(response) -> bool:
    """Whether ``response`` is a CSV (``text/csv``, with or without a charset)."""
    return response.get("Content-Type", "").lower().startswith("text/csv")


class ReaderSpreadsheetMixin:
    """For a Wagtail listing with an export (``IndexView``, any view with Wagtail's
    ``SpreadsheetExportMixin``): every cell as the reader reads it
    (:func:`reader_value` in CSV, :func:`xlsx_value` in XLSX), none runnable as a
    formula, and a CSV that Excel opens as UTF-8. Put it before the view class."""

    def choice_label(self, field: str, value):
        """The label of a value of a field with choices (``รับเรื่องแล้ว``, not the
        stored ``received``); any other value as is."""
        try:
            model_field = self.model._meta.get_field(field)
        except (AttributeError, FieldDoesNotExist):
            return value
        if not getattr(model_field, "choices", None):
            return value
        return dict(model_field.flatchoices).get(value, value)

    def preprocess_field_value(self, field, value, export_format):
        """One exported cell; override to show a field otherwise."""
        value = self.choice_label(field, value)
        if export_format != self.FORMAT_CSV:
            return super().preprocess_field_value(
                field, xlsx_value(value), export_format
            )
        value = super().preprocess_field_value(
            field, reader_value(value), export_format
        )
        return csv_cell(value)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        """Date cells stay dates (they sort and filter), shown as the reader reads
        them: in Thai with Thai month names and the Buddhist-era year
        (:func:`xlsx_date_format`)."""
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, datetime.date):
                cell.number_format = xlsx_date_format(
                    with_time=isinstance(cell.value, datetime.datetime)
                )
            yield cell

    def write_csv_response(self, queryset):
        return as_excel_csv(super().write_csv_response(queryset))


class FormulaSafeCsvMiddleware:
    """Applies :func:`as_excel_csv` to every ``text/csv`` response: formula
    prefixes neutralised, a UTF-8 CSV with one byte-order mark and its charset
    declared. A streamed CSV is rewritten row by row as it streams, however its
    chunks are cut; a CSV that already went through it is left as it was."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_csv(response):
            as_excel_csv(response)
        return response
