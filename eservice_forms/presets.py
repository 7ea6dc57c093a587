"""Preset services from ``services.md``: water for household use, building permit,
borrowing government property, general petition and public problem report.

Each preset lists the fields the paper form requires, under their suggested stable keys,
and the essentials of the citizen's manual. It asks nothing the office knows itself:
not the filing date (the request records when it was filed; pages made before keep
their date question, and old answers stay readable), and the address's ตำบล, อำเภอ
and จังหวัด come prefilled with the office's own
(:meth:`~eservice_forms.models.ServicePage.office_initial`). Counts are ``integer``
fields: whole numbers. :func:`create_service` builds a
:class:`~eservice_forms.models.ServicePage` from one, in Thai, and (given an English
index page) its English translation with English labels, published or as a draft.
:mod:`eservice_forms.setup` finds the index of a site and is what the admin, the
``eservice_new_service`` command and the demo call.
"""

from dataclasses import dataclass, field

from django.utils.text import slugify

from .models import ServiceFormField, ServicePage
from .workflow import LICENCE, LOAN, PETITION, RELIEF, REPORT

TITLES = "mr|นาย\nmrs|นาง\nmiss|นางสาว\nother|อื่น ๆ"
TITLES_EN = "mr|Mr\nmrs|Mrs\nmiss|Miss\nother|Other"


@dataclass
class F:
    """One preset field: key, type, Thai and English label, and options."""

    key: str
    type: str
    label: str
    label_en: str
    required: bool = True
    choices: str = ""
    choices_en: str = ""
    default: str = ""
    help: str = ""
    keep: bool = False


def address_fields(prefix: str = "addr") -> list[F]:
    """The address block (house no., หมู่, sub-district, district, province); the
    last three are offered prefilled with the office's own area."""
    return [
        F(f"{prefix}_no", "singleline", "บ้านเลขที่", "House number"),
        F(f"{prefix}_moo", "singleline", "หมู่ที่", "Village number (moo)"),
        F(f"{prefix}_village_name", "singleline", "ชื่อหมู่บ้าน", "Village name", False),
        F(f"{prefix}_subdistrict", "singleline", "ตำบล", "Sub-district"),
        F(f"{prefix}_district", "singleline", "อำเภอ", "District"),
        F(f"{prefix}_province", "singleline", "จังหวัด", "Province"),
        F(f"{prefix}_zipcode", "singleline", "รหัสไปรษณีย์", "Postcode", False),
    ]


def applicant_fields() -> list[F]:
    return [
        F(
            "title",
            "dropdown",
            "คำนำหน้า",
            "Title",
            choices=TITLES,
            choices_en=TITLES_EN,
        ),
        F("first_name", "singleline", "ชื่อ", "First name"),
        F("last_name", "singleline", "นามสกุล", "Last name"),
    ]


PHONE = F("phone", "phone", "เบอร์โทรศัพท์", "Phone number")
EMAIL = F(
    "email",
    "email",
    "อีเมล (ถ้าต้องการรับแจ้งความคืบหน้า)",
    "E-mail (to be told of progress)",
    False,
)


@dataclass
class Preset:
    slug: str
    title: str
    title_en: str
    kind: str
    division: str
    time: int
    unit: str
    fields: list[F]
    steps: list[tuple[str, int, str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    fees: list[tuple[str, str]] = field(default_factory=list)
    legal_basis: str = ""


PRESETS = [
    Preset(
        "water",
        "ขอรับน้ำอุปโภค-บริโภค",
        "Water for household use",
        RELIEF,
        "สำนักปลัด (งานป้องกันและบรรเทาสาธารณภัย)",
        5,
        "working_days",
        [
            *applicant_fields(),
            F("occupation", "singleline", "อาชีพ", "Occupation", False),
            *address_fields(),
            PHONE,
            EMAIL,
            F(
                "household_members",
                "integer",
                "จำนวนสมาชิกที่อาศัยอยู่จริงในบ้าน (คน)",
                "Household members actually living there",
            ),
            F(
                "cause",
                "dropdown",
                "สาเหตุ",
                "Cause",
                choices="drought|ภัยแล้ง\nvillage_tank_empty|ถังน้ำกลางหมู่บ้านหมด\n"
                "flood|อุทกภัย\nother|อื่น ๆ",
                choices_en="drought|Drought\nvillage_tank_empty|Village tank empty\n"
                "flood|Flood\nother|Other",
                keep=True,
            ),
            F(
                "reason_detail",
                "multiline",
                "รายละเอียดความเดือดร้อน",
                "Description of the hardship",
            ),
            F("trips_requested", "integer", "จำนวนเที่ยวที่ขอ", "Truck trips requested"),
            F(
                "delivery_location",
                "multiline",
                "สถานที่ส่งน้ำ (ถ้าต่างจากที่อยู่)",
                "Delivery place, if not the address",
                False,
            ),
            F(
                "requested_delivery_date",
                "date",
                "วันที่ต้องการรับน้ำ",
                "Date wanted",
                False,
            ),
            F("attachments", "files", "ภาพถ่าย/เอกสาร", "Photos or documents", False),
        ],
        steps=[
            ("รับคำร้องและตรวจสอบ", 1, "สำนักปลัด"),
            ("ออกสำรวจและจัดลำดับการส่งน้ำตามลำดับคำร้อง", 2, "สำนักปลัด"),
            ("ส่งน้ำ", 2, "สำนักปลัด"),
        ],
        legal_basis="<p>พระราชบัญญัติป้องกันและบรรเทาสาธารณภัย พ.ศ. 2550</p>",
    ),
    Preset(
        "building-permit",
        "ขออนุญาตก่อสร้างอาคาร",
        "Building permit",
        LICENCE,
        "กองช่าง",
        45,
        "days",
        [
            F("written_at", "singleline", "เขียนที่", "Written at"),
            F("applicant_name", "singleline", "ชื่อผู้ขออนุญาต", "Applicant's name"),
            F(
                "applicant_role",
                "radio",
                "ผู้ขออนุญาตเป็น",
                "The applicant is",
                choices="owner|เจ้าของอาคาร\nagent|ตัวแทนเจ้าของอาคาร",
                choices_en="owner|The building's owner\nagent|The owner's agent",
            ),
            F(
                "applicant_type",
                "radio",
                "ประเภทผู้ขอ",
                "Kind of applicant",
                choices="person|บุคคลธรรมดา\njuristic|นิติบุคคล",
                choices_en="person|A natural person\njuristic|A juristic person",
            ),
            F(
                "national_id",
                "thai_id",
                "เลขประจำตัวประชาชน",
                "National ID number",
                False,
                help="กรณีบุคคลธรรมดา",
            ),
            F(
                "juristic_reg_no",
                "singleline",
                "เลขทะเบียนนิติบุคคล",
                "Juristic person registration number",
                False,
                help="กรณีนิติบุคคล",
            ),
            F("applicant_address", "multiline", "ที่อยู่ผู้ขออนุญาต", "Applicant's address"),
            PHONE,
            EMAIL,
            F(
                "works_type",
                "radio",
                "ขออนุญาตเพื่อทำการ",
                "Works applied for",
                choices="construct|ก่อสร้าง\nalter|ดัดแปลง\ndemolish|รื้อถอน\nmove|เคลื่อนย้าย",
                choices_en="construct|Construct\nalter|Alter\ndemolish|Demolish\n"
                "move|Move",
                keep=True,
            ),
            F("site_address", "multiline", "ที่ตั้งอาคาร", "Site of the building"),
            F("building_owner_name", "singleline", "เจ้าของอาคาร", "Building owner"),
            F(
                "land_doc_type",
                "dropdown",
                "เอกสารสิทธิ์ที่ดิน",
                "Land title document",
                choices="chanote|โฉนดที่ดิน\nns3|น.ส.3\nns3k|น.ส.3 ก.\nsk1|ส.ค.1\n"
                "other|อื่น ๆ",
                choices_en="chanote|Title deed (chanote)\nns3|N.S.3\nns3k|N.S.3 Kor\n"
                "sk1|S.K.1\nother|Other",
            ),
            F("land_doc_no", "singleline", "เลขที่เอกสารสิทธิ์", "Land title number"),
            F("land_owner_name", "singleline", "เจ้าของที่ดิน", "Landowner"),
            F("buildings", "buildings", "รายละเอียดอาคาร", "Buildings"),
            F(
                "engineer_name",
                "singleline",
                "วิศวกรผู้ออกแบบและคำนวณ",
                "Structural engineer",
                False,
            ),
            F(
                "engineer_license_no",
                "singleline",
                "เลขทะเบียนวิศวกรควบคุม",
                "Engineer's licence number",
                False,
            ),
            F("architect_name", "singleline", "สถาปนิกผู้ออกแบบ", "Architect", False),
            F(
                "architect_license_no",
                "singleline",
                "เลขทะเบียนสถาปนิกควบคุม",
                "Architect's licence number",
                False,
            ),
            F("supervisor_name", "singleline", "ผู้ควบคุมงาน", "Site supervisor", False),
            F(
                "completion_days",
                "integer",
                "กำหนดแล้วเสร็จ (วัน นับแต่วันได้รับใบอนุญาต)",
                "Completion (days after the permit)",
            ),
            F(
                "docs_provided",
                "checkboxes",
                "เอกสารที่แนบ",
                "Documents attached",
                choices="owner_proof|สำเนาเอกสารแสดงการเป็นเจ้าของอาคาร\n"
                "agent_letter|หนังสือแสดงความเป็นตัวแทนเจ้าของอาคาร\n"
                "juristic_manager|หนังสือแสดงว่าเป็นผู้จัดการหรือผู้แทนนิติบุคคล\n"
                "plans|แผนผังบริเวณ แบบแปลน รายการประกอบแบบแปลน\n"
                "calculations|รายการคำนวณ\n"
                "demolition_method|มาตรการรื้อถอนอาคาร\n"
                "designer_cert|หนังสือรับรองของผู้ออกแบบ\n"
                "supervisor_consent|หนังสือยินยอมของผู้ควบคุมงาน\n"
                "council_cert|หนังสือรับรองจากสภาสถาปนิกหรือสภาวิศวกร\n"
                "land_doc|สำเนาเอกสารสิทธิ์ที่ดิน\n"
                "landowner_consent|หนังสือยินยอมของเจ้าของที่ดิน\n"
                "other_docs|เอกสารอื่น ๆ",
                choices_en="owner_proof|Proof of ownership of the building\n"
                "agent_letter|Letter appointing the agent\n"
                "juristic_manager|Letter naming the juristic person's manager\n"
                "plans|Site plan, plans and specifications\n"
                "calculations|Structural calculations\n"
                "demolition_method|Demolition method\n"
                "designer_cert|Designer's certificate\n"
                "supervisor_consent|Site supervisor's consent\n"
                "council_cert|Certificate of the Council of Architects or Engineers\n"
                "land_doc|Copy of the land title\n"
                "landowner_consent|Landowner's consent\n"
                "other_docs|Other documents",
            ),
            F("attachments", "files", "ไฟล์เอกสาร (PDF/ภาพ)", "Document files"),
        ],
        steps=[
            ("การตรวจสอบเอกสาร", 1, "กองช่าง"),
            ("การพิจารณา (ตรวจแบบแปลนและสถานที่)", 40, "กองช่าง"),
            ("การลงนามและแจ้งผล", 4, "นายกองค์การบริหารส่วนตำบล"),
        ],
        documents=[
            "สำเนาบัตรประจำตัวประชาชนและทะเบียนบ้านของผู้ขออนุญาต",
            "สำเนาโฉนดที่ดินหรือเอกสารสิทธิ์",
            "แผนผังบริเวณ แบบแปลน และรายการประกอบแบบแปลน",
        ],
        fees=[
            ("ใบอนุญาตก่อสร้าง", "200"),
            ("ใบอนุญาตดัดแปลง", "100"),
            ("ใบอนุญาตรื้อถอนหรือเคลื่อนย้าย", "50"),
        ],
        legal_basis="<p>พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 มาตรา 21 และ 25; "
        "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558</p>",
    ),
    Preset(
        "borrow-property",
        "ขอยืมพัสดุ/ครุภัณฑ์",
        "Borrowing government property",
        LOAN,
        "กองคลัง (งานพัสดุ)",
        3,
        "working_days",
        [
            F(
                "lender_unit",
                "dropdown",
                "หน่วยงานผู้ให้ยืม",
                "Lending division",
                choices="office|สำนักปลัด\nfinance|กองคลัง\nengineering|กองช่าง",
                choices_en="office|Office of the Chief Administrator\n"
                "finance|Finance Division\nengineering|Engineering Division",
                keep=True,
            ),
            F("borrower_name", "singleline", "ชื่อผู้ยืม", "Borrower's name"),
            F("borrower_position", "singleline", "ตำแหน่ง", "Position", False),
            F("borrower_address", "multiline", "ที่อยู่ผู้ยืม", "Borrower's address"),
            PHONE,
            EMAIL,
            F("purpose", "multiline", "วัตถุประสงค์ในการยืม", "Purpose"),
            F("use_location", "singleline", "สถานที่นำไปใช้", "Place of use"),
            F(
                "use_scope",
                "radio",
                "ลักษณะการยืม",
                "Kind of loan",
                choices="onsite|ยืมใช้ภายในสถานที่\noffsite|ยืมใช้นอกสถานที่\n"
                "inter_agency|ยืมระหว่างหน่วยงาน",
                choices_en="onsite|Use on the premises\noffsite|Use elsewhere\n"
                "inter_agency|Loan between agencies",
                keep=True,
            ),
            F("borrow_from", "date", "ยืมตั้งแต่วันที่", "From"),
            F("borrow_until", "date", "ถึงวันที่ (กำหนดส่งคืน)", "Until (return date)"),
            F("items", "loan_items", "รายการพัสดุที่ขอยืม", "Items to borrow"),
            F(
                "undertaking_accepted",
                "checkbox",
                "ข้าพเจ้าจะดูแลรักษาพัสดุและส่งคืนในสภาพใช้การได้ หากชำรุด เสียหาย "
                "หรือสูญหาย จะซ่อมแซม ชดใช้ด้วยพัสดุชนิด ขนาด คุณภาพเดียวกัน "
                "หรือชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม",
                "I will look after the items and return them usable; if they are "
                "damaged or lost I will repair them, replace them like for like, or "
                "pay their value at the time of borrowing",
            ),
        ],
        steps=[
            ("ตรวจสอบพัสดุคงเหลือ", 1, "กองคลัง (งานพัสดุ)"),
            ("เสนอผู้มีอำนาจอนุมัติ", 2, "กองคลัง (งานพัสดุ)"),
        ],
        legal_basis="<p>ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุ"
        "ภาครัฐ พ.ศ. 2560 ข้อ 207–211</p>",
    ),
    Preset(
        "petition",
        "คำร้องทั่วไป",
        "General request or petition",
        PETITION,
        "สำนักปลัด",
        15,
        "days",
        [
            F(
                "title",
                "dropdown",
                "คำนำหน้า",
                "Title",
                choices=TITLES,
                choices_en=TITLES_EN,
            ),
            F("full_name", "singleline", "ชื่อ-นามสกุล", "Full name"),
            F("age", "integer", "อายุ (ปี)", "Age (years)"),
            F(
                "nationality",
                "singleline",
                "สัญชาติ",
                "Nationality",
                False,
                default="ไทย",
            ),
            F("national_id", "thai_id", "เลขประจำตัวประชาชน", "National ID number"),
            F("address", "multiline", "ที่อยู่", "Address"),
            PHONE,
            EMAIL,
            F("subject", "singleline", "เรื่อง", "Subject"),
            F("details", "multiline", "รายละเอียดคำร้อง", "Details"),
            F("attachments", "files", "เอกสารประกอบ", "Supporting documents", False),
        ],
        steps=[
            ("รับเรื่องและตรวจสอบ", 3, "สำนักปลัด"),
            ("ส่งหน่วยงานที่รับผิดชอบดำเนินการและแจ้งผล", 12, "สำนักปลัด"),
        ],
    ),
    Preset(
        "report-problem",
        "แจ้งปัญหาสาธารณะ (ไฟฟ้า ถนน น้ำท่วม)",
        "Report a public problem (street light, road, flooding)",
        REPORT,
        "กองช่าง",
        15,
        "days",
        [
            F(
                "category",
                "dropdown",
                "ประเภทปัญหา",
                "Kind of problem",
                choices="light|ไฟฟ้าสาธารณะ\nroad|ถนน/สะพาน\ndrain|ท่อระบายน้ำ\n"
                "flood|น้ำท่วม/ระบายน้ำ\ntrash|ขยะ/ความสะอาด\ntree|ต้นไม้/กิ่งไม้อันตราย\n"
                "other|อื่น ๆ",
                choices_en="light|Street light\nroad|Road or bridge\ndrain|Drain\n"
                "flood|Flooding\ntrash|Rubbish\ntree|Dangerous tree\nother|Other",
                keep=True,
            ),
            F("reporter_name", "singleline", "ชื่อ-นามสกุลผู้แจ้ง", "Your name"),
            F("subject", "singleline", "หัวข้อ", "Subject"),
            F("detail", "multiline", "รายละเอียด", "Details"),
            F("village", "singleline", "สถานที่/หมู่บ้าน", "Place or village", False),
            PHONE,
            EMAIL,
            F("latitude", "singleline", "ละติจูด", "Latitude", False),
            F("longitude", "singleline", "ลองจิจูด", "Longitude", False),
            F("photos", "files", "ภาพถ่าย", "Photos", False),
            F(
                "consent",
                "checkbox",
                "ข้าพเจ้ายืนยันว่าข้อมูลเป็นความจริง",
                "I confirm that this information is true",
            ),
        ],
        steps=[
            ("รับแจ้งและตรวจสอบพื้นที่", 3, "กองช่าง"),
            ("ดำเนินการแก้ไขและแจ้งผล", 12, "กองช่าง"),
        ],
    ),
]


def field_rows(preset: Preset, english: bool = False) -> list[dict]:
    return [
        {
            "clean_name": f.key,
            "field_type": f.type,
            "label": f.label_en if english else f.label,
            "required": f.required,
            "choices": (f.choices_en or f.choices) if english else f.choices,
            "default_value": f.default,
            "help_text": "" if english else f.help,
            "keep_after_retention": f.keep,
        }
        for f in preset.fields
    ]


def create_service(
    index_page,
    preset: Preset,
    english_index=None,
    *,
    publish: bool = True,
    user=None,
    **overrides,
) -> ServicePage:
    """Create ``preset`` under ``index_page`` (and its English copy under
    ``english_index``) and return the Thai page: published, or with ``publish=False``
    a draft for an editor to check and publish. ``user`` owns the pages and is named
    in their history; ``overrides`` set other fields (e.g. ``to_address``)."""
    page = ServicePage(
        title=preset.title,
        slug=preset.slug or slugify(preset.title_en),
        kind=preset.kind,
        responsible_division=preset.division,
        processing_time=preset.time,
        processing_time_unit=preset.unit,
        legal_basis=preset.legal_basis,
        steps=[
            (
                "step",
                {
                    "step_type": name,
                    "duration": days,
                    "duration_unit": "working_days",
                    "responsible_unit": unit,
                },
            )
            for name, days, unit in preset.steps
        ],
        documents=[
            ("document", {"name": name, "copies": 1}) for name in preset.documents
        ],
        no_documents=not preset.documents,
        fees=[
            ("fee", {"item": item, "amount_thb": amount})
            for item, amount in preset.fees
        ],
        no_fee=not preset.fees,
        owner=user,
        live=publish,
        **overrides,
    )
    page.form_fields = [ServiceFormField(**row) for row in field_rows(preset)]
    index_page.add_child(instance=page)
    save_page(page, publish=publish, user=user)
    if english_index is not None:
        translated = page.copy_for_translation(english_index.locale)
        translated.title = preset.title_en
        translated.save()  # a draft's row, not only its revision, has the title
        labels = {row["clean_name"]: row for row in field_rows(preset, english=True)}
        for form_field in translated.form_fields.all():
            row = labels[form_field.clean_name]
            form_field.label, form_field.choices = row["label"], row["choices"]
            form_field.help_text = row["help_text"]
            form_field.save()
        save_page(translated, publish=publish, user=user)
    return page


def save_page(page, *, publish: bool, user=None) -> None:
    """Save a revision of ``page`` as the admin does, and publish it if asked."""
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
