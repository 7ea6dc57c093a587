"""Demo content of the tip channel: its guideline and statistics pages, the tip
page's acknowledgement time, and one demo tip handler named on the tip page."""

import os
import secrets

from django.contrib.auth import get_user_model

from wagtail.models import Locale, Site

from tips.models import TipFormPage, TipGuidelinePage, TipHandler, TipStatisticsPage

GUIDELINE_STEPS = [
    ("step", {
        "title": "รับเรื่องและออกเลขที่เรื่อง",
        "description": "<p>ระบบออกเลขที่เรื่องและรหัสรับเรื่องให้ผู้แจ้งทันที</p>",
        "responsible": "ผู้รับเรื่องเบาะแส สำนักปลัด",
        "duration": "ทันที",
    }),
    ("step", {
        "title": "ตอบรับและตรวจสอบข้อเท็จจริงเบื้องต้น",
        "description": "<p>ผู้รับเรื่องตอบรับเรื่องและตรวจสอบข้อมูลหลักฐาน</p>",
        "responsible": "ผู้รับเรื่องเบาะแส สำนักปลัด",
        "duration": "ภายใน 7 วัน",
    }),
    ("step", {
        "title": "สอบสวนหรือส่งต่อหน่วยงานที่มีอำนาจ",
        "description": "<p>กรณีผู้ถูกกล่าวหาเป็นผู้บริหาร ส่งเรื่องไปยังสำนักงาน ป.ป.ช. "
        "หรือสำนักงาน ป.ป.ท.</p>",
        "responsible": "ปลัด อบต.",
        "duration": "ภายใน 30 วัน",
    }),
    ("step", {
        "title": "แจ้งผลให้ผู้แจ้งทราบ",
        "description": "<p>ผู้แจ้งดูผลได้ด้วยรหัสรับเรื่อง</p>",
        "responsible": "ผู้รับเรื่องเบาะแส สำนักปลัด",
        "duration": "เมื่อดำเนินการแล้วเสร็จ",
    }),
]  # fmt: skip


def load(command, home, english_home):
    """Create what is missing; leave what an editor changed."""
    english = Locale.objects.get(language_code="en")
    tip_page = home.get_children().type(TipFormPage).first()
    if tip_page is None:
        return
    tip_page = tip_page.specific
    guideline = command.ensure_child(
        tip_page,
        TipGuidelinePage,
        "guideline",
        "คู่มือการจัดการเรื่องร้องเรียนการทุจริต",
        intro="<p>แจ้งเบาะแสผ่านแบบฟอร์มออนไลน์ โดยไม่ต้องระบุชื่อ "
        "ระบบไม่บันทึกที่อยู่ไอพีหรือข้อมูลอุปกรณ์ของผู้แจ้ง</p>",
        steps=GUIDELINE_STEPS,
        responsible_unit="สำนักปลัด องค์การบริหารส่วนตำบลกุดชุมแสง",
        time_frame="<p>ตอบรับภายใน 7 วัน และแจ้งผลภายใน 30 วัน</p>",
        channel_page=tip_page,
    )
    command.ensure_translation(
        guideline,
        english,
        "Complaint-handling guideline",
        responsible_unit="Office of the Chief Administrator, Kud Chum Saeng SAO",
    )
    statistics = command.ensure_child(
        tip_page,
        TipStatisticsPage,
        "statistics",
        "สถิติเรื่องร้องเรียนการทุจริต",
        intro="<p>จำนวนเรื่องที่ได้รับแยกตามประเภท สถานะ และเดือน</p>",
    )
    command.ensure_translation(statistics, english, "Tip-off statistics")
    ensure_demo_handler(command, Site.objects.get(root_page=home))


def ensure_demo_handler(command, site):
    """A demo handler account, printed once like the admin's."""
    username = "integrity"
    user_model = get_user_model()
    if TipHandler.objects.filter(site=site).exists():
        return
    user = user_model.objects.filter(username=username).first()
    if user is None:
        password = os.environ.get("KCS_HANDLER_PASSWORD") or secrets.token_urlsafe(12)
        user = user_model.objects.create_user(
            username=username, password=password, first_name="สมใจ", last_name="ใจดี"
        )
        command.stdout.write(
            f"Tip handler login: username: {username}  password: {password}  "
            "(then a code from an authenticator app, set up at the first sign-in)"
        )
    TipHandler.objects.create(
        site=site,
        user=user,
        name="นางสาวสมใจ ใจดี",
        position="นิติกร สำนักปลัด",
        position_en="Legal officer, Office of the Chief Administrator",
    )
    command.stdout.write("Named the demo tip handler.")
