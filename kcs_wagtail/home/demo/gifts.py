"""Demo content of the gift register: the register page in the ITA section, linked
to the no-gift policy if the demo has one, and two gifts of this fiscal year."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Site

from ita_pages.models import (
    GiftAction,
    GiftRecord,
    GiftRegisterPage,
)
from kcs_core.thai_dates import fiscal_year, fiscal_year_bounds
from kcs_wagtail.home.demo.ita_pages import ita_section

GIFTS = [
    (
        "กระเช้าของขวัญปีใหม่",
        Decimal(500),
        "ผู้ใหญ่บ้านหมู่ที่ 3",
        "เทศกาลปีใหม่",
        GiftAction.KEPT,
    ),
    (
        "นาฬิกาข้อมือ",
        Decimal(5000),
        "ห้างหุ้นส่วนจำกัดก่อสร้างตัวอย่าง",
        "",
        GiftAction.RETURNED,
    ),
]


def load(command, home, english_home):
    """The page and this fiscal year's two gifts, created once."""
    command.ensure_child(
        ita_section(home),
        GiftRegisterPage,
        "gifts",
        "ทะเบียนการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา",
        intro="<p>รายการทรัพย์สินหรือประโยชน์อื่นใดที่บุคลากรได้รับ "
        "และการดำเนินการตามนโยบายไม่รับของขวัญ (No Gift Policy)</p>",
    )
    site = Site.objects.get(root_page=home)
    if GiftRecord.objects.filter(site=site).exists():
        return
    start, _end = fiscal_year_bounds(fiscal_year(timezone.localdate()))
    for days, (description, value, giver, occasion, action) in enumerate(GIFTS):
        GiftRecord.objects.create(
            site=site,
            received_on=start + datetime.timedelta(days=days * 20 + 5),
            recipient="นายสมชาย ตัวอย่าง",
            recipient_position="ปลัดองค์การบริหารส่วนตำบล",
            description=description,
            value=value,
            giver=giver,
            occasion=occasion,
            action=action,
        )
