"""Demo content of the news listing: /news/ with an item of three categories, one of
them on the office's notice board, and the English translations of the listing and of
that item, so the English home page's notice board has news too."""

import datetime

from ita_pages.models import NewsCategory, NewsIndexPage, NewsPage

NEWS = [
    (
        "tax-2570",
        NewsCategory.NEWS,
        datetime.date(2026, 11, 20),
        "ประชาสัมพันธ์การชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี พ.ศ. 2570",
        "ชำระภาษีที่ดินและสิ่งปลูกสร้างได้ที่กองคลัง ตั้งแต่เดือนเมษายนถึงเดือนกรกฎาคม",
        "<p>ผู้มีหน้าที่เสียภาษีที่ดินและสิ่งปลูกสร้าง ชำระได้ที่กองคลัง "
        "องค์การบริหารส่วนตำบลกุดชุมแสง ในวันและเวลาราชการ</p>",
        False,
    ),
    (
        "water-schedule",
        NewsCategory.ANNOUNCEMENT,
        datetime.date(2026, 11, 25),
        "ประกาศตารางการแจกจ่ายน้ำอุปโภค-บริโภค ช่วงฤดูแล้ง",
        "รถบรรทุกน้ำออกให้บริการหมู่ที่ 1 ถึง 12 ตามตารางนี้ ยื่นคำร้องออนไลน์ได้ตลอดเวลา",
        "<p>องค์การบริหารส่วนตำบลกุดชุมแสง จะออกแจกจ่ายน้ำอุปโภค-บริโภค "
        "ให้แก่ครัวเรือนที่ขาดแคลนน้ำ ตามลำดับคำร้อง</p>",
        True,
    ),
    (
        "road-moo-5",
        NewsCategory.PROCUREMENT,
        datetime.date(2026, 11, 10),
        "ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5 "
        "ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        "ราคากลาง 1,250,000 บาท ยื่นข้อเสนอผ่านระบบจัดซื้อจัดจ้างภาครัฐ (e-GP)",
        "<p>ผู้สนใจดูรายละเอียดและยื่นข้อเสนอได้ทางระบบการจัดซื้อจัดจ้างภาครัฐ</p>",
        False,
    ),
]

#: Slug → the English title, summary and body of the items translated.
ENGLISH_NEWS = {
    "water-schedule": (
        "Drinking water delivery in the dry season: the schedule",
        "Water trucks serve villages 1 to 12 on this schedule. Requests can be filed "
        "online at any time.",
        "<p>Kud Chum Saeng SAO delivers drinking water to households short of water, "
        "in the order their requests arrive.</p>",
    ),
}


def load(command, home, english_home):
    """The listing and its items, created once; kept as an editor left them."""
    index = command.ensure_child(
        home,
        NewsIndexPage,
        "news",
        "ข่าวและประกาศ",
        intro="<p>ข่าวประชาสัมพันธ์ ประกาศ และประกาศจัดซื้อจัดจ้าง</p>",
    )
    english = english_home.locale
    command.ensure_translation(
        index,
        english,
        "News and announcements",
        intro="<p>News, announcements and procurement notices</p>",
    )
    for slug, category, date, title, summary, body, on_board in NEWS:
        item = command.ensure_child(
            index,
            NewsPage,
            slug,
            title,
            category=category,
            date=date,
            summary=summary,
            body=body,
            show_on_notice_board=on_board,
        )
        if slug in ENGLISH_NEWS:
            english_title, english_summary, english_body = ENGLISH_NEWS[slug]
            command.ensure_translation(
                item, english, english_title, summary=english_summary, body=english_body
            )
