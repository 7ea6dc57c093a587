"""Public participation (ita_pages.models.participation, ita_pages.participation):
residents ask on the Q&A board and give opinions without an account, behind the
captcha and a pace ticket; staff answer and act in the admin; the public sees the
answers and a summary without personal data; the participation report counts a
fiscal year; the 2565 index links qa, opinion_channel and participation by role; the
JSON API files through the same path; nothing crosses sites."""

import datetime
import re

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

import pytest

from ita_pages import participation
from ita_pages.models import (
    Opinion,
    OpinionPage,
    OpinionStatus,
    ParticipationReportPage,
    Question,
    QuestionBoardPage,
)
from kcs_core.captcha import HumanCheckForm
from kcs_core.thai_dates import format_datetime
from tests.conftest import (
    pace_of,
    paced,
    publish_child,
    says_when_to_retry,
    sign_in,
    tells_when_to_retry,
)
from tests.html import read
from tests.ita_pages.conftest import make_index
from tests.json_api import JSONClient

pytestmark = pytest.mark.django_db

QUESTION = "ขอทราบกำหนดการเก็บขยะในหมู่ที่ 3 ครับ"
OPINION = {
    "topic": "staff",
    "subject": "งานจัดเก็บรายได้",
    "text": "เจ้าหน้าที่ให้บริการดีมาก แต่ควรเปิดช่องชำระภาษีช่วงพักเที่ยง",
    "name": "นางสาวสมศรี ตัวอย่าง",
    "contact": "081-234-5678",
}


@pytest.fixture(autouse=True)
def quick_forms(settings):
    settings.KCS_MIN_FILL_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def add_page(parent, page_class, slug, title):
    return publish_child(parent, page_class(title=title, slug=slug))


@pytest.fixture
def board(ita_section):
    return add_page(ita_section, QuestionBoardPage, "qa", "ถาม-ตอบ")


@pytest.fixture
def channel(ita_section):
    return add_page(ita_section, OpinionPage, "opinions", "แสดงความคิดเห็น")


@pytest.fixture
def report_page(ita_section):
    return add_page(ita_section, ParticipationReportPage, "participation", "การมีส่วนร่วม")


def started() -> str:
    return HumanCheckForm().initial["started"]


def filled(client, page, **answers) -> dict:
    """The page's form answered, the captcha passed (test mode) and the pace
    ticket solved."""
    return {
        "website": "",
        "started": started(),
        "captcha_0": "any-key",
        "captcha_1": "PASSED",
        **paced(client, page.url),
        **answers,
    }


def ask(client, board, text=QUESTION, **extra):
    return client.post(board.url, filled(client, board, text=text, **extra))


@pytest.fixture
def editor(site_editor):
    site_editor.groups.first().permissions.add(
        *Permission.objects.filter(
            codename__in=["change_question", "change_opinion", "view_question"]
        )
    )
    return site_editor


def test_a_resident_asks_and_the_answer_is_published_with_its_dates(
    client, board, editor, django_capture_on_commit_callbacks
):
    response = ask(client, board, email="somchai@example.com")
    assert response.status_code == 200
    assert "ได้รับคำถามของท่านแล้ว" in read(response)
    question = Question.objects.get()
    assert (question.text, question.email, question.board_id) == (
        QUESTION,
        "somchai@example.com",
        board.pk,
    )
    # Not answered yet: not on the board.
    assert QUESTION not in read(client.get(board.url))

    staff_client = Client()
    sign_in(staff_client, editor)
    edit_url = f"/admin/ita_questions/edit/{question.pk}/"
    edit_page = staff_client.get(edit_url).content.decode()
    assert "somchai@example.com" in edit_page
    assert format_datetime(question.asked_at, "long", "th") in edit_page  # พ.ศ.
    answer = {"answer": "ทุกวันอังคารและวันศุกร์ ช่วงเช้า", "published": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(edit_url, answer)
    question.refresh_from_db()
    assert question.answered_at and question.answered_by == editor
    assert [message.to for message in mail.outbox] == [["somchai@example.com"]]
    assert "ทุกวันอังคาร" in mail.outbox[0].body
    # A later edit keeps the first answer's date and tells nobody again.
    first_answered = question.answered_at
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(edit_url, {**answer, "answer": "ทุกวันอังคารและวันศุกร์"})
    question.refresh_from_db()
    assert question.answered_at == first_answered and len(mail.outbox) == 1

    page = read(Client().get(board.url))
    assert QUESTION in page and "ทุกวันอังคารและวันศุกร์" in page
    assert "somchai@example.com" not in page
    # Buddhist era only. Read on the dates' own line: the page's captcha
    # challenge is random hex, which may hold any four digits.
    dates = re.search(r'<p class="qa-list__meta">([^<]*)</p>', page).group(1)
    assert timezone.localdate().strftime("%Y") not in dates
    assert str(timezone.localdate().year + 543) in dates


def test_bad_input_is_refused_next_to_the_field_and_kept(client, board):
    response = client.post(
        board.url, filled(client, board, text="", email="not-an-address")
    )
    assert response.status_code == 400
    html = read(response)
    assert "ข้อผิดพลาด" in html and "กรุณากรอก" in html
    assert 'value="not-an-address"' in response.content.decode()

    wrong = filled(client, board, text=QUESTION, captcha_1="WRONG")
    response = client.post(board.url, wrong)
    assert response.status_code == 400
    assert QUESTION in response.content.decode()
    assert not Question.objects.exists()


def test_a_form_sent_twice_is_stored_once(client, board):
    data = filled(client, board, text=QUESTION)
    assert client.post(board.url, data).status_code == 200
    assert client.post(board.url, data).status_code == 400
    assert Question.objects.count() == 1


def test_a_client_refused_too_often_is_told_when_to_try_again(
    client, board, monkeypatch
):
    monkeypatch.setattr(participation, "REFUSALS_PER_HOUR", 2)
    for _ in range(2):
        wrong = filled(client, board, text=QUESTION, captcha_1="WRONG")
        assert client.post(board.url, wrong).status_code == 400
    response = client.post(board.url, filled(client, board, text=QUESTION))
    assert response.status_code == 429 and says_when_to_retry(response)
    assert tells_when_to_retry(response.content.decode())
    assert QUESTION in response.content.decode()  # what was typed is kept
    assert not Question.objects.exists()


@pytest.mark.parametrize("page", ["board", "channel"])
def test_the_captcha_picture_and_sound_are_never_kept_by_a_cache(client, request, page):
    """A challenge is one visitor's, once: the HTTP cache in front kept them."""
    page = request.getfixturevalue(page)
    key = re.search(r'name="captcha_0" value="(\w+)"', read(client.get(page.url)))[1]
    for part in ("image", "audio"):
        response = client.get(f"{page.url}captcha/{key}/{part}/")
        assert response["Cache-Control"] == "private, no-store", part


def test_the_honeypot_and_a_new_captcha(client, board):
    response = client.post(board.url, filled(client, board, text=QUESTION, website="x"))
    assert response.status_code == 400
    refreshed = client.post(
        board.url, {"text": QUESTION, "refresh_captcha": "1", "started": started()}
    )
    assert refreshed.status_code == 200 and QUESTION in refreshed.content.decode()
    assert not Question.objects.exists()


def test_the_form_page_is_never_kept_by_a_shared_cache(client, board):
    response = client.get(board.url)
    assert "no-store" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_an_opinion_keeps_its_sender_from_the_public(client, channel, editor):
    response = client.post(channel.url, filled(client, channel, **OPINION))
    assert response.status_code == 200
    opinion = Opinion.objects.get()
    assert (opinion.name, opinion.contact, opinion.status) == (
        OPINION["name"],
        OPINION["contact"],
        OpinionStatus.RECEIVED,
    )
    missing_name = client.post(
        channel.url, filled(client, channel, **{**OPINION, "name": ""})
    )
    assert missing_name.status_code == 400 and Opinion.objects.count() == 1

    staff_client = Client()
    sign_in(staff_client, editor)
    edit_url = f"/admin/ita_opinions/edit/{opinion.pk}/"
    edit_page = staff_client.get(edit_url).content.decode()
    assert OPINION["contact"] in edit_page
    assert format_datetime(opinion.received_at, "long", "th") in edit_page
    staff_client.post(
        edit_url,
        {
            "status": "acted",
            "public_summary": "ขอให้เปิดช่องชำระภาษีช่วงพักเที่ยง",
            "outcome": "เปิดช่องบริการช่วงพักเที่ยงตั้งแต่เดือนนี้",
        },
    )
    opinion.refresh_from_db()
    assert opinion.closed_at is not None

    page = read(Client().get(channel.url))
    assert "ขอให้เปิดช่องชำระภาษีช่วงพักเที่ยง" in page
    assert "เปิดช่องบริการช่วงพักเที่ยง" in page
    for private in (OPINION["name"], OPINION["contact"], OPINION["text"]):
        assert private not in page


CONTACT_REFUSED = "กรุณากรอกหมายเลขโทรศัพท์ เช่น 081 234 5678 หรืออีเมล เช่น name@example.com"


def test_a_contact_staff_cannot_reply_to_is_refused_on_both_paths(client, channel):
    unreachable = {**OPINION, "contact": "บ้านเลขที่ 5"}
    response = client.post(channel.url, filled(client, channel, **unreachable))
    assert response.status_code == 400
    assert CONTACT_REFUSED in read(response)
    assert 'value="บ้านเลขที่ 5"' in response.content.decode()

    api = JSONClient(client)
    form = api.get(f"/api/participation/pages/{channel.pk}/form/").json()
    hidden = {f["key"]: f["initial"] for f in form["fields"] if f["type"] == "hidden"}
    answers = {**hidden, **unreachable, "captcha": {"key": "k", "answer": "PASSED"}}
    refused = api.post(form["submit_url"], {"pace": pace_of(form), "answers": answers})
    assert refused.status_code == 400
    assert refused.json()["errors"]["contact"] == [CONTACT_REFUSED]
    assert not Opinion.objects.exists()

    by_mail = {**OPINION, "contact": " somsri@example.com "}
    accepted = client.post(channel.url, filled(client, channel, **by_mail))
    assert accepted.status_code == 200
    assert Opinion.objects.get().contact == "somsri@example.com"


def test_the_participation_report_counts_a_fiscal_year_of_both(
    client, site, report_page
):
    asked = timezone.make_aware(datetime.datetime(2025, 1, 6, 10))
    for days in (2, 4, 10):
        Question.objects.create(
            site=site,
            text="ถาม",
            asked_at=asked,
            answer="ตอบ",
            answered_at=asked + datetime.timedelta(days=days),
        )
    Question.objects.create(site=site, text="ยังไม่ตอบ", asked_at=asked)
    Question.objects.create(  # fiscal 2569: not counted in 2568
        site=site, text="ปีหน้า", asked_at=asked + datetime.timedelta(days=300)
    )
    Opinion.objects.create(
        site=site, received_at=asked, topic="work", text="ก", name="ข", contact="ค"
    )
    html = read(client.get(f"{report_page.url}?year=2568"))
    assert "ได้รับคำถาม 4 เรื่อง" in html
    assert "ตอบแล้ว: 3" in html
    assert "ภายใน 4 วัน" in html
    assert "ได้รับความคิดเห็น 1 เรื่อง" in html


def test_the_2565_index_links_the_three_roles(
    client, board, channel, report_page, ita_section, catalogs
):
    make_index(ita_section, catalogs[2565])
    assert client.get("/ita/2565/o8/")["Location"] == board.url
    assert client.get("/ita/2565/o32/")["Location"] == channel.url
    assert client.get("/ita/2565/o33/")["Location"] == f"{report_page.url}?year=2565"


def test_nothing_crosses_sites(client, site, second_site, board):
    other_board = add_page(second_site.root_page, QuestionBoardPage, "qa", "ถาม-ตอบ ข")
    Question.objects.create(
        site=second_site,
        board=other_board,
        text="คำถามของเทศบาล ข",
        answer="คำตอบ",
        answered_at=timezone.now(),
    )
    assert "คำถามของเทศบาล ข" not in read(client.get(board.url))
    api = JSONClient(client)
    assert (
        api.get(f"/api/participation/pages/{other_board.pk}/form/").status_code == 404
    )
    other = Client(HTTP_HOST="b.example")
    assert "คำถามของเทศบาล ข" in read(other.get("/qa/"))


def test_the_json_api_files_through_the_same_checks(client, board, channel):
    api = JSONClient(client)
    form = api.get(f"/api/participation/pages/{board.pk}/form/").json()
    assert [field["key"] for field in form["fields"]] == [
        "text",
        "email",
        "started",
        "captcha",
    ]
    hidden = {f["key"]: f["initial"] for f in form["fields"] if f["type"] == "hidden"}
    answers = {**hidden, "text": QUESTION, "captcha": {"key": "k", "answer": "PASSED"}}
    response = api.post(form["submit_url"], {"pace": pace_of(form), "answers": answers})
    assert response.status_code == 201, response.json()
    assert response.json()["kind"] == "question"
    # The same ticket again, or a wrong captcha: refused, nothing stored twice.
    again = api.post(form["submit_url"], {"pace": pace_of(form), "answers": answers})
    assert again.status_code == 400
    fresh = api.get(f"/api/participation/pages/{board.pk}/form/").json()
    wrong = {**answers, "captcha": {"key": "k", "answer": "WRONG"}}
    refused = api.post(fresh["submit_url"], {"pace": pace_of(fresh), "answers": wrong})
    assert refused.status_code == 400 and "captcha" in refused.json()["errors"]
    assert Question.objects.count() == 1

    # A file part is never dropped while the answers are filed: these forms take none.
    fresh = api.get(f"/api/participation/pages/{board.pk}/form/").json()
    with_file = api.multipart(
        fresh["submit_url"],
        {"pace": pace_of(fresh), "answers": answers},
        {"photo": [SimpleUploadedFile("p.png", b"\x89PNG")]},
    )
    assert with_file.status_code == 400 and list(with_file.json()["errors"]) == [
        "photo"
    ]
    assert Question.objects.count() == 1

    opinion_form = api.get(f"/api/participation/pages/{channel.pk}/form/").json()
    hidden = {
        f["key"]: f["initial"] for f in opinion_form["fields"] if f["type"] == "hidden"
    }
    response = api.post(
        opinion_form["submit_url"],
        {
            "pace": pace_of(opinion_form),
            "answers": {
                **hidden,
                **OPINION,
                "captcha": {"key": "k", "answer": "PASSED"},
            },
        },
    )
    assert response.status_code == 201 and Opinion.objects.count() == 1


def test_the_page_api_publishes_answers_without_the_askers_email(client, site, board):
    Question.objects.create(
        site=site,
        board=board,
        text=QUESTION,
        email="secret@example.com",
        answer="คำตอบ",
        answered_at=timezone.now(),
    )
    body = client.get(f"/api/v2/pages/{board.pk}/").json()
    assert body["answered_questions"][0]["question"] == QUESTION
    assert "secret@example.com" not in str(body)
