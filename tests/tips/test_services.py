"""One path for a tip (``tips.services.file_tip``): the tip page and the JSON API
refuse and accept the same inputs, and count refusals against the same site and
client."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

import pytest

from kcs_core.throttle import FormRefused
from tests.json_api import JSONClient
from tests.tips.conftest import tip_form_data
from tests.tips.test_api import answers, pace, submit_url
from tips import services
from tips.forms import TipForm, TipsterMessageForm
from tips.models import Tip, TipCount, TipEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    return JSONClient(client)


def test_the_page_and_the_api_refuse_the_same_tip(client, api, tip_page):
    page = client.post(tip_page.url, tip_form_data(client, tip_page, description=""))
    sent = api.post(
        submit_url(tip_page),
        {
            "pace": pace(api, tip_page),
            "answers": answers(api, tip_page, description=""),
        },
    )
    assert page.status_code == sent.status_code == 400
    assert "description" in page.context["form"].errors
    assert "description" in sent.json()["errors"]
    assert Tip.objects.count() == 0


def test_refusals_on_the_page_and_in_the_api_count_together(
    client, api, tip_page, settings
):
    settings.KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR = 2
    wrong = tip_form_data(client, tip_page, captcha_1="00000")
    assert client.post(tip_page.url, wrong).status_code == 400
    refused = {"answers": answers(api, tip_page, description="")}
    assert api.post(submit_url(tip_page), refused).status_code == 400

    good = {"answers": answers(api, tip_page), "pace": pace(api, tip_page)}
    assert api.post(submit_url(tip_page), good).status_code == 429
    assert client.post(tip_page.url, tip_form_data(client, tip_page)).status_code == 429
    assert Tip.objects.count() == 0


def test_the_page_and_the_api_accept_the_same_tip(client, api, tip_page):
    page = client.post(tip_page.url, tip_form_data(client, tip_page))
    sent = api.post(
        submit_url(tip_page),
        {"pace": pace(api, tip_page), "answers": answers(api, tip_page)},
    )
    assert (page.status_code, sent.status_code) == (200, 201)
    first, second = Tip.objects.order_by("pk")
    assert (first.site, second.site) == (tip_page.get_site(),) * 2
    assert second.case_number.endswith("2")  # one sequence for both front ends


def test_erased_tips_count_in_the_month_they_were_filed(make_tip):
    """Erasing keeps one count per site, fiscal year, month, category and status:
    two tips of the same month add up, in their own month, not the month erased."""
    filed = datetime.datetime(2024, 11, 15, 10, tzinfo=datetime.UTC)
    tips = [make_tip()[0], make_tip()[0]]
    Tip.objects.filter(pk__in=[tip.pk for tip in tips]).update(created_at=filed)
    for tip in Tip.objects.all():
        services.erase_tip(tip)
    count = TipCount.objects.get()
    assert (count.month, count.count) == (11, 2)
    assert not Tip.objects.exists()


def test_a_follow_up_is_checked_by_the_service_itself(make_tip):
    """The page and the API hand the message form over; the service refuses an
    empty one whoever calls it, and stores nothing."""
    tip, code = make_tip()
    empty = TipsterMessageForm({"code": code, "body": ""})
    with pytest.raises(FormRefused):
        services.follow_up(tip, empty)
    assert "body" in empty.errors
    assert not tip.events.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE).exists()
    services.follow_up(tip, TipsterMessageForm({"code": code, "body": "เพิ่มเติม"}))
    assert tip.events.filter(kind=TipEvent.Kind.TIPSTER_MESSAGE).count() == 1


def test_a_resending_is_told_apart_by_its_files_contents(tip_page):
    """Evidence of the same name and size but other bytes, sent with a spent
    ticket, got the first receipt back and was dropped."""

    def sent(content: bytes) -> str:
        evidence = SimpleUploadedFile("photo.jpg", content, "image/jpeg")
        form = TipForm(
            QueryDict("description=x"),
            MultiValueDict({"evidence": [evidence]}),
            captcha_url_base=tip_page.url,
        )
        return services.what_was_sent(tip_page, form)

    assert sent(b"first") == sent(b"first") != sent(b"other")
