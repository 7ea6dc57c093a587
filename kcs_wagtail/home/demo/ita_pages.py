"""Demo content of ita_pages: the shipped catalogs, the 2565 index at /ita/2565/, the
memo of 9 Nov 2564 as the measures announcement answering o42 (approved through the
two-step workflow by demo accounts), its steps tracked with sample progress and the
year-end report generated from them answering o43 (approved likewise), a handful of
evidence pages, so the index shows published, missing and stale items. The English
site gets the section, the index and every published page below it as
wagtail-localize translations, titled in English where the demo knows the English
(``ENGLISH_TITLES``); the rest shows the Thai original's text until translated.

The memo is transcribed from ``seed/000_cb758eda3a5b7114.txt``; only text-extraction
noise was repaired (words split by line ends, a Devanagari letter in a name).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Site

from ita_pages.approvals import setup_site_approval
from ita_pages.circulars import circulate
from ita_pages.models import (
    ApprovalRecord,
    AssessmentYear,
    Channel,
    ChannelRecord,
    Circular,
    CommunityLeader,
    DisclosureSectionPage,
    EvidenceLink,
    EvidencePage,
    ITAIndexPage,
    ITASettings,
    LeaderPosition,
    LetterBatch,
    MeasuresAnnouncementPage,
    MeasuresReportPage,
    ProgressNote,
    ReportPeriod,
    StepStatus,
)
from ita_pages.models.letters import send_letters
from ita_pages.models.measures import track_steps
from ita_pages.setup import load_shipped_catalogs, record_translations, set_up_site
from ita_pages.yearly import section_for

MEMO_DATE = datetime.date(2021, 11, 9)
LATER_YEARS = (2568, 2569)
ORGANISATION = "องค์การบริหารส่วนตำบลกุดชุมแสง"

MEMO_TEXT = (
    "<p>การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ "
    "พ.ศ. ๒๕๖๕ การใช้ทรัพย์สินของราชการ (IIT) ตัวชี้วัดที่ ๔ และการเปิดเผยข้อมูล ตัวชี้วัดที่ ๙ "
    "ข้อ ๐๔๒ กำหนดให้มีมาตรการส่งเสริมความโปร่งใสและป้องกันการทุจริตภายในหน่วยงาน "
    "เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานไปสู่การปฏิบัติอย่างเป็นรูปธรรม นั้น</p>"
    "<p>องค์การบริหารส่วนตำบลกุดชุมแสง ตระหนักถึงความสำคัญในเรื่องนี้ "
    "และเพื่อเป็นการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานให้ดีขึ้น "
    "และให้บุคลากรขององค์การบริหารส่วนตำบลกุดชุมแสงยึดถือปฏิบัติ "
    "จึงได้ดำเนินการประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    "ขององค์การบริหารส่วนตำบลกุดชุมแสง ตามการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ จึงขอแจ้งให้ทุกส่วนงานรับทราบ "
    "และดำเนินการประชาสัมพันธ์ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    "ขององค์การบริหารส่วนตำบลกุดชุมแสง เพื่อให้สาธารณชนได้รับทราบถึงมาตรการดังกล่าว"
    "ของหน่วยงาน ในช่องทางต่าง ๆ ได้แก่ ดิจิทัลบอร์ดประชาสัมพันธ์ ณ ที่ทำการองค์การบริหาร"
    "ส่วนตำบล และลงเว็บไซต์ขององค์การบริหารส่วนตำบลกุดชุมแสง "
    '<a href="http://www.koodchumsang.go.th">www.koodchumsang.go.th</a> '
    "รายละเอียดปรากฏตามเอกสารแนบท้าย</p>"
    "<p>จึงเรียนมาเพื่อโปรดทราบ และถือปฏิบัติต่อไป</p>"
    "<p><b>ผลการประเมินไปดำเนินการปรับปรุง และพัฒนาในปีงบประมาณ พ.ศ.2565</b></p>"
)

IMPROVEMENT_PLANS = [
    {
        "tool": "IIT",
        "heading": (
            "ตารางการผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) "
            "ประจำปีงบประมาณ พ.ศ. 2564 เพื่อปรับปรุงและพัฒนาใน ปีงบประมาณ พ.ศ. 2565"
        ),
        "finding": (
            "1. ด้าน IIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การใช้ทรัพย์สินของราชการ "
            "มีค่าต่ำสุด เท่ากับ 83.33 ซึ่งหน่วยงาน ต้องจัดทำข้อตกลงหรือประกาศให้บุคลากร "
            "ทราบถึงนโยบายการไม่นำทรัพย์สินของหน่วยงานไปใช้เป็นประโยชน์ส่วนตัว "
            "มีการจัดทำประกาศข้อปฏิบัติในการขอยืมทรัพย์สินของทางราชการ "
            "ไปใช้ในการปฏิบัติงานให้บุคคล ภายใน และภายนอกหน่วยงานทราบให้ชัดเจน"
        ),
        "rows": [
            {
                "finding": (
                    "1.จัดทำข้อตกลงหรือประกาศ ให้บุคลากรทราบถึงนโยบายการ "
                    "ไม่นำทรัพย์สินของหน่วยงาน ไปใช้เป็นประโยชน์ส่วนตัว\n"
                    "2.จัดทำประกาศข้อปฏิบัติในการ ขอยืมทรัพย์สินของทางราชการ "
                    "ไปใช้ในการปฏิบัติงาน"
                ),
                "steps": (
                    "1. จัดทำคู่มือการใช้ทรัพย์สินของทางราชการ\n"
                    "2.แจ้งเวียนให้บุคลากรภายในรับทราบ\n"
                    "3.ส่งหนังสือถึงผู้นำชุมชนให้ประชาสัมพันธ์ให้รับทราบโดยทั่วกัน\n"
                    "4.เผยแพร่ผ่านคู่มือการใช้ทรัพย์สินของทางราชการ ผ่านเว็บไซต์\n"
                    "5.เผยแพร่ผ่านคู่มือการใช้ทรัพย์สินของทางราชการผ่านเฟซบุ๊ก\n"
                    "6.ติดบอร์ดประชาสัมพันธ์หน้าสำนักงาน"
                ),
                "responsible": "-สำนักงานปลัด\n-กองคลัง",
                "monitoring": "-รายงานความก้าวหน้า และสรุปผล ณ สิ้นปีงบประมาณ",
            }
        ],
    },
    {
        "tool": "EIT",
        "heading": (
            "ตารางผลการประเมิน ผลการประเมินแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก "
            "(EIT) ประจำปีงบประมาณ พ.ศ.2564 เพื่อปรับปรุงและพัฒนาในปีงบประมาณ พ.ศ. 2565"
        ),
        "finding": (
            "2.ด้าน EIT พบว่าผลคะแนนของตัวชี้วัดด้าน คุณภาพการดำเนินงาน มีค่าต่ำสุด "
            "เท่ากับ 96.21 ซึ่งหน่วยงานต้องมีมาตรการลดขั้นตอนในการให้บริการ เช่น "
            "การให้บริการ ณ จุดเดียว (one stop service) การให้บริการโดยใช้ระบบ IT "
            "จะต้องมีช่องทางให้ประชาชนมีส่วนร่วมในการเสนอแนะการปฏิบัติงานของเจ้าหน้าที่"
            "หลายช่องทาง เช่น มีช่องทางการบริการผ่านระบบ E - SERVICE ,"
            "ช่องทางในการแจ้งเบาะแสการทุจริต สายด่วน หรือ ช่องทางอื่น ๆ ตามความเหมาะสม"
        ),
        "rows": [
            {
                "finding": (
                    "1.หน่วยงานต้องมีมาตรการลดขั้นตอนการในการให้บริการโดยใช้ระบบ IT "
                    "เช่น ระบบ E - Service\n"
                    "2.ควรมีช่องทางในการแจ้งเบาะแสการทุจริต เช่น สายด่วน "
                    "หรือช่องทางอื่น ๆ ตามความเหมาะสม\n"
                    "3.จัดทำระบบการให้บริการ ณ จุดเดียว (One stop service)"
                ),
                "steps": (
                    "1.เพิ่มช่องทางให้ประชาชนมีส่วนร่วมในการเสนอแนะการปฏิบัติงาน"
                    "ของเจ้าหน้าที่ผ่านเว็บไซต์ อบรม.\n"
                    "2.ปรับปรุงเว็บไซต์ ให้เป็นปัจจุบัน\n"
                    "3.นำข้อมูลด้านต่าง ๆ เผยแพร่ผ่านเว็บไซต์,เฟสบุ๊ก,ไลน์ "
                    "ให้ครอบคลุมในทุก ๆ ข้อมูลข่าวสาร "
                    "ที่เกิดประโยชน์ต่อประชาชนอย่างสูงสุดต่อไป\n"
                    "4.ประสานหน่วยงานบริการต่าง ๆ ในพื้นที่เพื่อจัดระบบการให้ให้บริการ "
                    "ณ จุดเดียว (one stop service)"
                ),
                "responsible": "-สำนักงานปลัด\n- กองคลัง",
                "monitoring": "- รายงานความก้าวหน้าและสรุปผล ณ สิ้นปีงบประมาณ",
            }
        ],
    },
    {
        "tool": "OIT",
        "heading": (
            "ตารางผลการประเมินแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ประจำปี "
            "งบประมาณ พ.ศ. 2564 เพื่อปรับปรุงและพัฒนา ใน ปีงบประมาณ พ.ศ. 2565"
        ),
        "finding": (
            "3. ด้าน OIT พบว่า ผลคะแนนของตัวชี้วัดด้าน การเปิดเผยข้อมูล มีค่าต่ำสุด "
            "เท่ากับ 87.50 ซึ่งหน่วยงานต้องจัดเว็บไซต์องค์กร "
            "โดยต้องนำข้อมูลต่าง ๆ ลงให้ครบถ้วน เช่น ข้อมูลพื้นฐานองค์กร แผนการดำเนินงาน "
            "งบประมาณ บุคลากร โครงการและกิจกรรม "
            "จะต้องมีการตรวจสอบและต่ออายุเว็บไซต์ให้ทันกำหนดเวลา "
            "พร้อมทั้งเผยแพร่ข้อมูลให้ประชาชนทราบ รวมถึงมีการจัดทำช่องทาง E - SERVICE "
            "ให้แก่ผู้รับบริการ สามารถขอรับบริการตามอำนาจหน้าที่หรือภารกิจของหน่วยงาน"
            "ผ่านช่องทางเว็บไซต์ได้"
        ),
        "rows": [
            {
                "finding": (
                    "1.หน่วยงานต้องจัดทำเว็บไซต์ องค์กร โดยต้องนำข้อมูลต่าง ๆ "
                    "ลงให้ครบถ้วนมีการเผยแพร่ ข้อมูล ในหลากหลายช่องทาง เช่น "
                    "Website , Facebook ฯลฯ"
                ),
                "steps": (
                    "1.ปรับปรุงเว็บไซต์ อบต.กุดชุมแสง ให้เป็นปัจจุบัน เช่น ข้อมูลพื้นฐาน "
                    "องค์กร แผนการดำเนินงานงบประมาณ บุคลากร โครงการและกิจกรรม\n"
                    "2. ตรวจสอบและต่ออายุเว็บไซต์ ให้ทันกำหนดเวลา\n"
                    "3.เพิ่มช่องทางการให้บริการประชาชน ผ่าน E-SERVICE ให้แก่ผู้รับบริการ "
                    "เพื่อขอรับบริการตามอำนาจหน้าที่ หรือภารกิจของอบต. เช่น "
                    "การขอรับบริการน้ำอุปโภค-บริโภค การขออนุญาตปลูกสร้างอาคาร "
                    "บ้านเรือน เป็นต้น"
                ),
                "responsible": "-สำนักงานปลัด",
                "monitoring": "-รายงานความก้าวหน้า และสรุปผล ณ สิ้นปีงบประมาณ",
            }
        ],
    },
]

SIGNATURES = [
    {
        "label": "ผู้เสนอ",
        "name": "นางธัญญพัทธ์ นวลประเสริฐ",
        "position": "เจ้าพนักงานธุรการฯ",
        "date": MEMO_DATE,
        "comment": "",
    },
    {
        "label": "ความเห็นปลัด อบต.กุดชุมแสง",
        "name": "นายพศิน พิริยะตระกูล",
        "position": "ปลัดองค์การบริหารส่วนตำบลกุดชุมแสง",
        "date": MEMO_DATE,
        "comment": "",
    },
    {
        "label": "ความเห็นของ นายก อบต.กุดชุมแสง",
        "name": "นายสุรัตน์ จันทราตรี",
        "position": "นายกองค์การบริหารส่วนตำบลกุดชุมแสง",
        "date": MEMO_DATE,
        "comment": "อนุมัติ",
    },
]

DEMO_NOTE = "<p><i>(ข้อมูลตัวอย่างสำหรับการสาธิตระบบ)</i></p>"

# (code, title, fiscal year, body): published evidence; 2564 ones show as stale.
EVIDENCE = [
    ("o1", "โครงสร้างองค์การบริหารส่วนตำบลกุดชุมแสง", 2565,
     "<p>แผนผังโครงสร้างการแบ่งส่วนราชการ: สำนักปลัด กองคลัง กองช่าง</p>"),
    ("o2", "ข้อมูลผู้บริหาร", 2565,
     "<p>นายกองค์การบริหารส่วนตำบล รองนายก และปลัดองค์การบริหารส่วนตำบล</p>"),
    ("o5", "ข้อมูลการติดต่อ", 2565,
     "<p>ที่ทำการองค์การบริหารส่วนตำบลกุดชุมแสง อำเภอหนองบัวแดง จังหวัดชัยภูมิ</p>"),
    ("o7", "ข่าวประชาสัมพันธ์", 2565, "<p>ข่าวกิจกรรมขององค์การบริหารส่วนตำบล</p>"),
    ("o10", "แผนดำเนินงานประจำปี", 2564, "<p>แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2564</p>"),
    ("o12", "รายงานผลการดำเนินงานประจำปี", 2564,
     "<p>รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2564</p>"),
]  # fmt: skip

# Item code → the English title of the demo's page answering it.
ENGLISH_TITLES = {
    "o1": "Organisational structure of Kud Chum Saeng SAO",
    "o2": "The executives",
    "o5": "Contact information",
    "o7": "News and announcements",
    "o10": "Annual operating plan",
    "o12": "Annual performance report",
    "o42": (
        "Report on the measures to promote integrity and transparency within the "
        "organisation"
    ),
    "o43": (
        "Year-end report on the measures to promote integrity and transparency "
        "within the organisation, fiscal year 2022"
    ),
}

# Item code → the English body of the demo's evidence page answering it.
ENGLISH_BODIES = {
    "o1": "<p>Organisation chart: the Office of the Permanent Secretary, the "
    "Finance Division and the Engineering Division.</p>",
    "o2": "<p>The Chief Executive, the Deputy Chief Executives and the Permanent "
    "Secretary of the SAO.</p>",
    "o5": "<p>The office of Kud Chum Saeng SAO, Nong Bua Daeng District, "
    "Chaiyaphum.</p>",
    "o7": "<p>News of the SAO's activities.</p>",
    "o10": "<p>The operating plan for fiscal year 2021.</p>",
    "o12": "<p>The performance report for fiscal year 2021.</p>",
}
DEMO_NOTE_EN = "<p><i>(Sample data for demonstrating the system)</i></p>"

DEMO_ACCOUNTS = [
    ("demo-clerk", "ธุรการ", "(บัญชีทดลอง)", 0),
    ("demo-chief-administrator", "ปลัด อบต.", "(บัญชีทดลอง)", 1),
    ("demo-chief-executive", "นายก อบต.", "(บัญชีทดลอง)", 2),
]


def ita_section(home) -> DisclosureSectionPage:
    """The ITA section below the Thai home page (``load_demo`` makes it, slug
    ``ita``): where the demo's ITA pages go."""
    return DisclosureSectionPage.objects.child_of(home).get(slug="ita")


def load(command, home, english_home):
    site = Site.objects.get(root_page=home)
    for year in load_shipped_catalogs(site):
        command.stdout.write(f"Loaded the ITA {year} catalog.")
    ita = ita_section(home)
    index = ensure_index(command, ita, AssessmentYear.objects.get(site=site, year=2565))
    # The later years' indexes, answered by role and by the records (news, gifts,
    # procurement); 2569's catalog is not verified yet.
    for year in LATER_YEARS:
        ensure_index(command, ita, AssessmentYear.objects.get(site=site, year=year))
    approval = setup_site_approval(site)
    clerk, chief_administrator, chief_executive = ensure_accounts(approval)
    announcement = ensure_announcement(command, index)
    if not ApprovalRecord.objects.filter(page=announcement).exists():
        run_approval(announcement, clerk, chief_administrator, chief_executive)
        command.stdout.write("Approved the measures announcement (demo accounts).")
    ensure_evidence(command, index)
    ensure_measures_report(command, index, announcement, approval)
    record_english_titles(index, english_home.locale)
    # The rest as the admin's "Set up ITA for a site" does it, after the demo's own
    # pages so that its drafts do not take their addresses: a draft evidence page
    # for every item still unanswered, and the English translations of the section,
    # the index and the published pages below it.
    for label in set_up_site(site, 2565).created:
        command.stdout.write(f"ITA set-up: {label}")


def ensure_index(command, ita, year) -> ITAIndexPage:
    index = ITAIndexPage.objects.child_of(ita).filter(slug=str(year.year)).first()
    if index:
        return index
    index = ita.add_child(
        instance=ITAIndexPage(
            title=f"ITA ประจำปีงบประมาณ พ.ศ. {year.year}",
            slug=str(year.year),
            assessment_year=year,
            intro=(
                "<p>รายการข้อมูลที่ต้องเปิดเผยตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
                "แต่ละข้อเชื่อมโยงไปยังหน้าหลักฐานบนเว็บไซต์นี้</p>"
            ),
            show_in_menus=True,
        )
    )
    if year.year == 2565:
        add_facebook_link(index, year)
    index.save_revision().publish()
    command.stdout.write(f"Created the ITA index {index.url_path}")
    return index


def add_facebook_link(index, year) -> None:
    """The 2565 item o9 (social media) answered by the office's Facebook page."""
    facebook = "https://www.facebook.com/koodchumsang"
    index.evidence_links.add(
        EvidenceLink(
            item_code="o9",
            external_url=facebook,
            fiscal_year=year.year,
            title="เฟซบุ๊ก องค์การบริหารส่วนตำบลกุดชุมแสง",
            navigation_path="หน้าแรก › ส่วนท้ายของหน้า › Facebook",
        )
    )


def ensure_accounts(approval):
    """Demo accounts for the three roles: never the memo's signatories' names."""
    user_model = get_user_model()
    groups = [
        approval.editors,
        approval.chief_administrators,
        approval.chief_executives,
    ]
    users = []
    for username, first_name, last_name, group_index in DEMO_ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name},
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(groups[group_index])
        users.append(user)
    return users


def ensure_announcement(command, index) -> MeasuresAnnouncementPage:
    existing = MeasuresAnnouncementPage.objects.descendant_of(index).first()
    if existing:
        return existing
    section = section_for(
        index, index.assessment_year.items.get(code="o42").subindicator
    )
    page = section.add_child(
        instance=MeasuresAnnouncementPage(
            title="รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            slug="o42",
            issuing_unit=f"สำนักปลัด {ORGANISATION}",
            announcement_number="ชย ๗๑๕๐๑/ -",
            announcement_date=MEMO_DATE,
            addressee="พนักงานส่วนตำบลและพนักงานจ้างทุกท่าน",
            intro=MEMO_TEXT,
            improvement_plans=[("plan", plan) for plan in IMPROVEMENT_PLANS],
            signer_name="นายสุรัตน์ จันทราตรี",
            signer_position=f"นายก{ORGANISATION}",
            signatures=[("signature", signature) for signature in SIGNATURES],
            fiscal_year=2565,
            ita_codes="o42",
            last_reviewed=MEMO_DATE,
            search_description=(
                "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
                "ขององค์การบริหารส่วนตำบลกุดชุมแสง ประจำปีงบประมาณ พ.ศ. 2565"
            ),
            live=False,
        )
    )
    page.save_revision()
    command.stdout.write(f"Created the measures announcement {page.url_path}")
    return page


def run_approval(page, clerk, chief_administrator, chief_executive) -> None:
    """Submit as the clerk; the ปลัด reviews, the นายก approves (and so publishes)."""
    page.get_workflow().start(page, clerk)
    for user, comment in (
        (chief_administrator, "เห็นควรอนุมัติให้เผยแพร่"),
        (chief_executive, "อนุมัติ"),
    ):
        fresh = type(page).objects.get(pk=page.pk)
        state = fresh.current_workflow_state.current_task_state
        state.task.specific.on_action(state, user, "approve", comment=comment)


CHANNELS = [
    (Channel.WEBSITE, 0),
    (Channel.NOTICE_BOARD, 0),
    (Channel.FACEBOOK, 1),
]

# Staff without an account the memo was circulated to (sample data), and how many
# days after the circular each member acknowledged (None: not yet).
OTHER_STAFF = [
    ("นางสาวบุญมา ตัวอย่าง", "พนักงานจ้างตามภารกิจ", "boonma@example.com"),
    ("นายทองดี สมมุติ", "พนักงานจ้างทั่วไป", "thongdee@example.com"),
]
ACKNOWLEDGED_AFTER_DAYS = [1, 1, 2, 3, None]


def ensure_circular(command, site, announcement) -> None:
    """The memo circulated to the site's staff (the demo accounts and two members
    without an account), all but one acknowledged: the count on the announcement
    and the acknowledgement list (sample data)."""
    if Circular.objects.filter(site=site).exists():
        return
    sent_at = timezone.make_aware(
        datetime.datetime.combine(
            MEMO_DATE + datetime.timedelta(days=1), datetime.time(9)
        )
    )
    circular = circulate(
        Circular(
            site=site,
            announcement=announcement,
            subject="แจ้งเวียนมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            message="ขอให้บุคลากรทุกคนศึกษาและถือปฏิบัติตามมาตรการ",
            sent_at=sent_at,
        ),
        OTHER_STAFF,
        None,
    )
    for row, days in zip(
        circular.recipients.all(), ACKNOWLEDGED_AFTER_DAYS, strict=False
    ):
        if days is not None:
            row.acknowledged_at = sent_at + datetime.timedelta(days=days)
            row.save(update_fields=["acknowledged_at"])
    counts = circular.counts()
    command.stdout.write(
        f"Circulated the memo to {counts['sent']} staff, "
        f"{counts['acknowledged']} acknowledged (sample data)."
    )


LEADERS = [
    ("นายสมศักดิ์ ตัวอย่าง", LeaderPosition.KAMNAN, "หมู่ที่ 1 บ้านกุดชุมแสง"),
    ("นายประเสริฐ ทดลอง", LeaderPosition.VILLAGE_HEAD, "หมู่ที่ 2 บ้านโนนสะอาด"),
    ("นางสาวมาลี สมมุติ", LeaderPosition.VILLAGE_HEAD, "หมู่ที่ 3 บ้านหนองแวง"),
]


def ensure_letters(command, site, announcement) -> None:
    """Sample community leaders and the memo sent to them as letters (numbered from
    the site's register of 2564), with the letter settings to print them."""
    if LetterBatch.objects.filter(site=site).exists():
        return
    settings = ITASettings.for_site(site)
    settings.letter_code = "ชย 71501/ว"
    settings.letter_signer_name = "นายสุรัตน์ จันทราตรี"
    settings.letter_signer_position = f"นายก{ORGANISATION}"
    settings.letter_contact = "สำนักปลัด\nโทร. 0 4405 6282 (ข้อมูลตัวอย่าง)"
    settings.save()
    for name, position, village in LEADERS:
        CommunityLeader.objects.create(
            site=site, name=name, position=position, village=village
        )
    letters = send_letters(
        LetterBatch(
            site=site,
            announcement=announcement,
            subject="ขอความอนุเคราะห์ประชาสัมพันธ์มาตรการส่งเสริมคุณธรรมและความโปร่งใส"
            "ภายในหน่วยงาน",
            enclosure="สำเนาประกาศมาตรการ จำนวน 1 ฉบับ",
            body="ด้วย"
            + ORGANISATION
            + " ได้ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            "ประจำปีงบประมาณ พ.ศ. 2565 รายละเอียดตามสิ่งที่ส่งมาด้วย\n"
            "จึงเรียนมาเพื่อโปรดประชาสัมพันธ์ให้ประชาชนในหมู่บ้านรับทราบโดยทั่วกัน",
            sent_on=MEMO_DATE + datetime.timedelta(days=1),
        )
    )
    command.stdout.write(f"Sent the memo as {len(letters)} letters (sample data).")


def ensure_measures_report(command, index, announcement, approval) -> None:
    """The memo's steps with dated progress (sample data), where the memo was
    published, and the year-end report of 2565 generated from them and approved
    (answering o43 by its role)."""
    site = index.get_site()
    ensure_letters(command, site, announcement)
    ensure_circular(command, site, announcement)
    steps = track_steps(announcement)
    if not ProgressNote.objects.filter(step__announcement=announcement).exists():
        for number, step in enumerate(steps, start=1):
            step.due_date = datetime.date(2022, 9, 30)
            step.status = StepStatus.DONE
            step.save()
            ProgressNote.objects.create(
                step=step,
                date=MEMO_DATE + datetime.timedelta(days=number * 14),
                note="ดำเนินการตามขั้นตอนนี้แล้ว (ข้อมูลตัวอย่าง)",
            )
        for channel, days in CHANNELS:
            ChannelRecord.objects.create(
                site=site,
                announcement=announcement,
                channel=channel,
                published_on=MEMO_DATE + datetime.timedelta(days=days),
            )
    if MeasuresReportPage.objects.descendant_of(index).exists():
        return
    section = section_for(
        index, index.assessment_year.items.get(code="o43").subindicator
    )
    report = section.add_child(
        instance=MeasuresReportPage(
            title="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
            "ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2565",
            slug="o43",
            announcement=announcement,
            period=ReportPeriod.YEAR_END,
            fiscal_year=2565,
            last_reviewed=datetime.date(2022, 9, 30),
            live=False,
        )
    )
    report.save_revision()
    run_approval(report, *ensure_accounts(approval))
    command.stdout.write(f"Created and approved the measures report {report.url_path}")


def ensure_evidence(command, index) -> None:
    """Publish the demo evidence; last year's pages are linked on the index, where
    they show as stale until this year's are published."""
    items = {item.slug: item for item in index.assessment_year.items.all()}
    year = index.assessment_year.year
    stale = []
    for code, title, fiscal, body in EVIDENCE:
        section = section_for(index, items[code].subindicator)
        if section.get_children().filter(slug=code).exists():
            continue
        page = section.add_child(
            instance=EvidencePage(
                title=title,
                slug=code,
                fiscal_year=fiscal,
                ita_codes=code,
                last_reviewed=MEMO_DATE,
                body=[("rich_text", body + DEMO_NOTE)],
            )
        )
        page.save_revision().publish()
        command.stdout.write(f"Created the evidence page {page.url_path}")
        if fiscal != year:
            stale.append(EvidenceLink(item_code=code, linked_page=page))
    if stale:
        index.evidence_links.add(*stale)
        index.save_revision().publish()


def record_english_titles(index, english) -> None:
    """The English titles (and bodies) of the demo's published pages, kept as
    wagtail-localize translations for ``set_up_site`` to translate the pages with;
    the body keeps its block's id, so that its strings pair with the Thai ones."""
    pages = index.get_descendants().live().filter(slug__in=ENGLISH_TITLES)
    for page in pages.specific():
        fields = {"title": ENGLISH_TITLES[page.slug]}
        body = getattr(page, "body", None)
        if page.slug in ENGLISH_BODIES and body:
            fields["body"] = [
                {
                    "type": "rich_text",
                    "value": ENGLISH_BODIES[page.slug] + DEMO_NOTE_EN,
                    "id": body[0].id,
                }
            ]
        record_translations(page, english, fields)
