"""Cells that a spreadsheet shows as text and never runs as a formula.

A value an editor or a resident typed ("=HYPERLINK(...)", "+66 81…", "@SUM(...)")
would otherwise run as a formula when an office opens the export in Excel or
LibreOffice (CSV injection). Every CSV and XLSX export of the plugin goes through
these two functions, and :class:`FormulaSafeCsvMiddleware` applies the CSV rule to
every CSV the site sends, Wagtail's own exports (reports, form submissions, list
exports) included. Wagtail already keeps its XLSX cells as text.
"""

import csv
import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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


def safe_csv_text(text: str) -> str:
    """CSV text with every formula-like cell made text (idempotent: a cell that
    already starts with an apostrophe is left alone)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()


def _safe_chunks(chunks, charset: str):
    for chunk in chunks:
        text = chunk.decode(charset) if isinstance(chunk, bytes) else chunk
        yield safe_csv_text(text).encode(charset)


class FormulaSafeCsvMiddleware:
    """Neutralises formula prefixes in every ``text/csv`` response. A streamed CSV
    (Wagtail writes one row a chunk) is rewritten chunk by chunk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/csv"):
            return response
        charset = response.charset or "utf-8"
        if response.streaming:
            response.streaming_content = _safe_chunks(
                response.streaming_content, charset
            )
        else:
            response.content = b"".join(_safe_chunks([response.content], charset))
        return response
