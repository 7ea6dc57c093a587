"""Every date a person reads is in the reader's calendar, across the whole demo.

One demo load; then every live page in Thai and English, the check-your-answers,
confirmation and tracking pages of a filed request, the e-mails that filing and a
return reminder send, a tip's case page, and the plugin's admin listings (in Thai,
then with the admin's language set to English). Thai text must hold no Gregorian
year (``20xx``), English text no Buddhist-era year (``25xx``).

What may carry a year of the other calendar, and is taken out before looking:

* reference and case numbers (``ESV-2570-000001``, ``TIP-2570-0001``): codes named
  by the Buddhist-era fiscal year in every language;
* page titles (an ITA year's pages are named by its catalog year, ``2570``);
* names of Thai laws with their year (``Act B.E. 2540``, ``Act 2562``), in English
  too;
* ITA assessment years where they are the catalog's name, in the ITA admin
  listings (a column headed "Assessment year (B.E.)");
* web addresses, which a printed ITA index shows for each link
  (``https://…/en/ita/2565/o1/``: a year's index is addressed by its catalog year);
* markup that no one reads as text: tags and attributes (``<time datetime>``,
  ``<option value>``), scripts and styles.
"""

import datetime
import re
from html.parser import HTMLParser
from io import StringIO

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page
from wagtail.users.models import UserProfile

import pytest

from eservice_forms.models import ServicePage, ServiceRequest
from eservice_forms.request_statuses import LENT, LOAN
from eservice_forms.tasks import staff_addresses
from ita_pages.models import AssessmentYear, IndexSnapshot, ITAIndexPage
from ita_pages.yearly import freeze
from tests.conftest import sign_in
from tests.eservice_forms.conftest import WATER_ANSWERS, review_then_confirm
from tests.tips.conftest import form_data as tip_form_answers
from tips import services as tip_services
from tips.models import TipFormPage, TipStatisticsPage

GREGORIAN_YEAR = re.compile(r"\b20\d\d\b")
BUDDHIST_YEAR = re.compile(r"\b25\d\d\b")
CODES = re.compile(r"\b[A-Z]{2,5}-\d{4}-\d+\b")
SNAPSHOT_AT = datetime.datetime(2026, 12, 1, 17, 19, tzinfo=datetime.UTC)
ADDRESSES = re.compile(r"\bhttps?://\S+")
LAW_YEARS = re.compile(r"\b(Act|B\.E\.|พ\.ศ\.)\s*(B\.E\.\s*)?\d{4}")


class VisibleText(HTMLParser):
    """The text of a page as a reader sees it: no tags, attributes or scripts."""

    HIDDEN = {"script", "style", "template", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def readable(text: str, titles: list[str]) -> str:
    """``text`` without the exempt parts listed in the module docstring."""
    for title in titles:
        text = text.replace(title, " ")
    return LAW_YEARS.sub(" ", CODES.sub(" ", ADDRESSES.sub(" ", text)))


class Findings:
    """Years of the wrong calendar, collected from everything read, reported at
    once."""

    def __init__(self, titles):
        self.titles, self.found = titles, []

    def check(self, where: str, language: str, text: str, html: bool = True, codes=()):
        text = readable(visible_text(text) if html else text, self.titles)
        for code in codes:
            text = re.sub(rf"\b{code}\b", " ", text)
        pattern = GREGORIAN_YEAR if language == "th" else BUDDHIST_YEAR
        for match in pattern.finditer(text):
            start = max(match.start() - 60, 0)
            self.found.append(
                f"{where} [{language}]: …{text[start : match.end() + 40]}…"
            )


def page_language(page) -> str:
    return page.locale.language_code


@pytest.fixture
def demo(loaded_demo, db, settings, tmp_path):
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
    titles = set()
    for title, draft in Page.objects.values_list("title", "draft_title"):
        titles.update({title, draft})
    # Longest first, so a title containing another goes out whole.
    return Findings(sorted(filter(None, titles), key=len, reverse=True))


def file_water_request(client, page):
    """File the water request as a resident: the review and confirmation pages, the
    stored request and its tracking code."""
    review, done = review_then_confirm(client, page, WATER_ANSWERS)
    confirmation = client.get(done["Location"]).content.decode()
    secret = confirmation.split('receipt__secret">')[1].split("<")[0]
    stored = ServiceRequest.objects.filter(page=page).latest("pk")
    return review.content.decode(), confirmation, stored, secret


def test_no_year_of_the_other_calendar_anywhere(
    demo, client, django_capture_on_commit_callbacks
):
    found = demo
    # A snapshot of each ITA index, taken at 00:19 on 2 Dec 2569 in Bangkok (17:19
    # UTC the day before): listed on the index page, named in its download.
    for index in ITAIndexPage.objects.live():
        snapshot = freeze(index)
        IndexSnapshot.objects.filter(pk=snapshot.pk).update(created_at=SNAPSHOT_AT)
    # Every live page, anonymous, in its own language.
    pages = Page.objects.live().filter(depth__gt=2).select_related("locale")
    for page in pages.specific():
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        found.check(url, page_language(page), response.content.decode())

    for index in ITAIndexPage.objects.live().select_related("locale"):
        snapshot = index.snapshots.get()
        response = client.get(f"{index.url}snapshots/{snapshot.pk}/csv/")
        stamp = {"th": "25691202-0019", "en": "20261202-0019"}[page_language(index)]
        assert stamp in response["Content-Disposition"]

    # Filing the water form in each language: its pages and e-mails.
    water = ServicePage.objects.filter(slug__startswith="water").select_related(
        "locale"
    )
    assert water.count() == 2
    filed = {}
    for page in water:
        language = page_language(page)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            review, confirmation, stored, secret = file_water_request(client, page)
        found.check(f"{page.url} review", language, review)
        found.check(f"{page.url} confirmation", language, confirmation)
        assert mail.outbox, "filing sends e-mail"
        for message in mail.outbox:
            # The resident's e-mail in their language, the staff's in the office's.
            read_in = language if message.to != staff_addresses(page.specific) else "th"
            found.check(f"e-mail {message.subject}", read_in, message.body, False)
        filed[language] = (page, stored, secret)

    # A borrowed-property reminder, due tomorrow: the e-mail and the tracking page.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for _page, stored, _secret in filed.values():
        ServiceRequest.objects.filter(pk=stored.pk).update(
            kind=LOAN, status=LENT, return_due=tomorrow, contact_email="a@example.com"
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_eservice_reminders", stdout=StringIO())
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        language = "en" if message.subject.isascii() else "th"
        found.check(f"reminder {message.subject}", language, message.body, False)
        # The notice names the request's status, never "is now: " and nothing.
        assert re.search(r"(is now|ขณะนี้): \S", message.body), message.body
    for language, (page, stored, secret) in filed.items():
        track = page.get_parent().url + "track/"
        response = client.post(track, {"reference": stored.reference, "secret": secret})
        html = response.content.decode()
        assert stored.reference in html
        found.check(f"{track} tracking", language, html)

    # A tip's case page, opened with its receipt code.
    tip_page = TipFormPage.objects.live().filter(locale__language_code="th").first()
    with django_capture_on_commit_callbacks(execute=True):
        tip, code = tip_services.submit_tip(tip_page, tip_form_answers(), [])
    response = client.post(tip_page.url + "case/", {"code": code})
    assert tip.case_number in response.content.decode()
    found.check("tip case", "th", response.content.decode())
    english_statistics = TipStatisticsPage.objects.live().get(
        locale__language_code="en"
    )
    text = visible_text(client.get(english_statistics.url).content.decode())
    assert re.search(r"Fiscal year 20\d\d: 1 tip received \(as of \d+ [A-Z]", text)

    # The plugin's admin listings, in Thai then in English; a due date three days
    # ahead reads as such in the request listing, never as "… ago".
    admin = get_user_model().objects.get(username="admin")
    sign_in(client, admin)
    request = ServiceRequest.objects.latest("pk")
    ServiceRequest.objects.filter(pk=request.pk).update(
        due_date=timezone.localdate() + datetime.timedelta(days=3)
    )
    listing = visible_text(
        client.get(reverse("eservice_requests:index")).content.decode()
    )
    assert "อีก 3 วัน" in listing and "ที่ผ่านมา" not in listing
    years = AssessmentYear.objects.values_list("year", flat=True)
    catalog_years = [str(year) for year in years]
    for language in ("th", "en"):
        profile = UserProfile.get_for_user(admin)
        profile.preferred_language = language
        profile.save()
        case = filed[language][1]
        admin_urls = {
            reverse("wagtailadmin_home"): (),
            reverse("eservice_requests:index"): (),
            # The case filed in this language: its messages are the resident's.
            reverse("eservice_requests:case", args=[case.pk]): (),
            reverse("ita_catalogs:index"): catalog_years,
            reverse("ita_pages_readiness"): catalog_years,
        }
        for url, codes in admin_urls.items():
            response = client.get(url)
            assert response.status_code == 200, url
            found.check(
                f"admin {url}", language, response.content.decode(), codes=codes
            )

    assert not found.found, "\n".join(found.found)
