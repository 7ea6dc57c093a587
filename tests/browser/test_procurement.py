"""An assessor's path from the 2569 index to the monthly procurement summaries the
demo computed from its records, in a real browser on the production stack."""


def test_assessor_reaches_a_month_with_purchases_and_one_without(page, demo_site):
    page.goto(demo_site + "/ita/2569/")
    assert "2569" in page.locator("h1").inner_text()
    page.locator("#o11 a.ita-item__code").click()
    page.wait_for_url(demo_site + "/ita/procurement/monthly/?year=2569")
    months = page.locator("table")
    assert "ตุลาคม 2568" in months.inner_text()
    page.get_by_role("link", name="พฤศจิกายน 2568").click()
    page.wait_for_url(demo_site + "/ita/procurement/2569-11/")
    summary = page.locator(".ita-report").inner_text()
    assert "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน พฤศจิกายน 2568" in summary
    assert "จัดซื้อวัสดุสำนักงาน จำนวน 25 รายการ" in summary
    assert "ใบสั่งซื้อเลขที่ 12/2569" in summary
    assert "ปลัด อบต. (บัญชีทดลอง)" in summary  # approved through the workflow
    page.go_back()
    page.get_by_role("link", name="ธันวาคม 2568").click()
    page.wait_for_url(demo_site + "/ita/procurement/2569-12/")
    assert "ไม่มีการจัดซื้อจัดจ้าง" in page.locator(".ita-report").inner_text()
    pdf = page.request.get(demo_site + "/ita/procurement/2569-11/pdf/")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert page.foreign_requests == []
