"""Demo content of public participation: the Q&A board, the opinion channel and the
participation report in the ITA section, with a few questions and opinions in the
fiscal years the demo's indexes show (2568, 2569) and this one."""

import datetime

from django.utils import timezone

from wagtail.models import Site

from ita_pages.models import (
    EvidenceLink,
    ITAIndexPage,
    Opinion,
    OpinionPage,
    OpinionStatus,
    OpinionTopic,
    ParticipationReportPage,
    Question,
    QuestionBoardPage,
)
from kcs_wagtail.home.demo.ita_pages import ita_section

# (asked: date, question, answer, days to the answer or None)
QUESTIONS = [
    (
        datetime.date(2025, 2, 10),
        "ขอทราบกำหนดการเก็บขยะในหมู่ที่ 3",
        "รถเก็บขยะเข้าหมู่ที่ 3 ทุกวันอังคารและวันศุกร์ ช่วงเช้า",
        2,
    ),
    (
        datetime.date(2025, 12, 3),
        "ยื่นแบบชำระภาษีที่ดินและสิ่งปลูกสร้างได้ถึงวันไหน",
        "ชำระได้ภายในเดือนเมษายน ที่กองคลัง หรือผ่านบริการออนไลน์ของ อบต.",
        4,
    ),
    (
        datetime.date(2026, 1, 15),
        "ขอใช้สนามกีฬาของ อบต. จัดงานแข่งขันฟุตบอลต้องทำอย่างไร",
        None,
        None,
    ),
]

# (received: date, topic, public summary, outcome, status)
OPINIONS = [
    (
        datetime.date(2025, 3, 4),
        OpinionTopic.STAFF,
        "ขอให้เปิดช่องชำระภาษีช่วงพักเที่ยง",
        "เปิดช่องบริการช่วงพักเที่ยงทุกวันทำการ ตั้งแต่เดือนเมษายน 2568",
        OpinionStatus.ACTED,
    ),
    (
        datetime.date(2026, 2, 20),
        OpinionTopic.SERVICE,
        "ขอให้แจ้งผลคำร้องทางโทรศัพท์",
        "",
        OpinionStatus.CONSIDERING,
    ),
]


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def link_inquiry_item(home, board) -> None:
    """The 2569 index answers its O3 ("ข้อมูลการติดต่อและช่องทางการสอบถาม", an item
    without a role) with the Q&A board, as an editor links it."""
    index = ITAIndexPage.objects.descendant_of(home).filter(assessment_year__year=2569)
    index = index.first()
    if index is None or index.evidence_links.filter(item_code="O3").exists():
        return
    index.evidence_links.add(
        EvidenceLink(
            item_code="O3",
            linked_page=board,
            fiscal_year=2569,
            title=board.title,
            navigation_path="หน้าแรก › การเปิดเผยข้อมูลสาธารณะ (ITA) › ถาม-ตอบ (Q&A)",
        )
    )
    index.save_revision().publish()


def load(command, home, english_home):
    """The three pages and the sample questions and opinions, created once."""
    section = ita_section(home)
    board = command.ensure_child(
        section,
        QuestionBoardPage,
        "qa",
        "ถาม-ตอบ (Q&A)",
        intro="<p>สอบถามเรื่องใดก็ได้เกี่ยวกับงานของ อบต. ไม่ต้องสมัครสมาชิก</p>",
    )
    channel = command.ensure_child(
        section,
        OpinionPage,
        "opinions",
        "ช่องทางรับฟังความคิดเห็นต่อการปฏิบัติงาน",
        intro="<p>เสนอแนะการปฏิบัติงานของ อบต. และเจ้าหน้าที่</p>",
    )
    command.ensure_child(
        section,
        ParticipationReportPage,
        "participation",
        "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
        intro="<p>สรุปคำถามและความคิดเห็นที่ได้รับจากประชาชนในแต่ละปีงบประมาณ</p>",
    )
    link_inquiry_item(home, board)
    site = Site.objects.get(root_page=home)
    if Question.objects.filter(site=site).exists():
        return
    for asked, text, answer, days in QUESTIONS:
        Question.objects.create(
            site=site,
            board=board,
            asked_at=at(asked),
            text=text,
            answer=answer or "",
            answered_at=at(asked + datetime.timedelta(days=days)) if answer else None,
        )
    for received, topic, summary, outcome, status in OPINIONS:
        opinion = Opinion(
            site=site,
            channel=channel,
            received_at=at(received),
            topic=topic,
            text=summary,
            name="ผู้เสนอตัวอย่าง",
            contact="08x-xxx-xxxx",
            status=status,
            public_summary=summary,
            outcome=outcome,
        )
        if opinion.is_closed:
            opinion.closed_at = at(received + datetime.timedelta(days=14))
        opinion.save()
