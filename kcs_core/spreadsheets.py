"""Cells that a spreadsheet shows as text and never runs as a formula.

A value an editor or a resident typed ("=HYPERLINK(...)", "+66 81…", "@SUM(...)")
would otherwise run as a formula when an office opens the export in Excel or
LibreOffice (CSV injection). Every CSV and XLSX export of the plugin goes through
these two functions, and :class:`FormulaSafeCsvMiddleware` applies the CSV rule to
every CSV the site sends, Wagtail's own exports (reports, form submissions, list
exports) included. Wagtail already keeps its XLSX cells as text.
"""

import codecs
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


def _lines(chunks, charset: str):
    """The text of ``chunks`` (bytes or str, split anywhere: inside a character, a
    row or a quoted field) as whole lines, for :func:`csv.reader`."""
    decoder = codecs.getincrementaldecoder(charset)()
    pending = ""
    for chunk in chunks:
        pending += decoder.decode(chunk) if isinstance(chunk, bytes) else chunk
        *complete, pending = pending.split("\n")
        for line in complete:
            yield line + "\n"
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending


def safe_csv_rows(chunks, charset: str = "utf-8"):
    """CSV text, row by row, with every formula-like cell made text (idempotent: a
    cell that already starts with an apostrophe is left alone)."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(_lines(chunks, charset)):
        writer.writerow([csv_cell(cell) for cell in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def safe_csv_text(text: str) -> str:
    return "".join(safe_csv_rows([text]))


class FormulaSafeCsvMiddleware:
    """Neutralises formula prefixes in every ``text/csv`` response. A streamed CSV
    is rewritten row by row as it streams, however its chunks are cut."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/csv"):
            return response
        charset = response.charset or "utf-8"
        if response.streaming:
            response.streaming_content = (
                row.encode(charset)
                for row in safe_csv_rows(response.streaming_content, charset)
            )
        else:
            response.content = "".join(
                safe_csv_rows([response.content], charset)
            ).encode(charset)
        return response
