"""Cells that a spreadsheet shows as text and never runs as a formula.

A value an editor or a resident typed ("=HYPERLINK(...)", "+66 81…", "@SUM(...)")
would otherwise run as a formula when an office opens the export in Excel or
LibreOffice (CSV injection). Every CSV and XLSX export of the plugin goes through
these two functions.
"""

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
