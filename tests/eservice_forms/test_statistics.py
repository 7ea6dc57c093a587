"""ITA evidence computed from the data: statistics and satisfaction pages."""

import datetime
import uuid

from django.http import QueryDict
from django.utils import timezone, translation

from eservice_forms import services
from eservice_forms.models import (
    SatisfactionPage,
    SatisfactionResponse,
    ServiceRequest,
    ServiceStatisticsPage,
)
from eservice_forms.presets import create_service
from eservice_forms.statistics import satisfaction_statistics, service_statistics
from kcs_core.thai_dates import fiscal_year
from tests.conftest import publish_child
from tests.html import landmark_names

from .conftest import PRESET, WATER_ANSWERS


def file(page):
    data = QueryDict(mutable=True)
    data.update(WATER_ANSWERS)
    return services.submit_request(page, data, {}, idempotency_key=uuid.uuid4()).request


def test_statistics_page_chart_and_table_show_the_same_numbers(
    client, water, service_index, admin_user, django_assert_max_num_queries
):
    page = publish_child(
        service_index, ServiceStatisticsPage(title="สถิติ", slug="stats")
    )
    requests = [file(water) for _ in range(3)]
    services.change_status(requests[0], "done", user=admin_user)
    ServiceRequest.objects.filter(pk=requests[0].pk).update(
        decided_at=requests[0].submit_time + datetime.timedelta(days=4)
    )
    client.get(page.url)
    with django_assert_max_num_queries(30) as few:
        html = client.get(page.url).content.decode()
    for _ in range(20):
        file(water)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page.url)
    assert ServiceStatisticsPage.ita_roles == ("service_statistics",)
    assert 'class="bars"' in html and "<script" not in html
    assert html.count(f"<td>{water.title}</td><td>3</td>") == 1
    assert f'<span class="bars__label">{water.title}</span>' in html
    # decided, median days and declared time
    assert f"<td>{water.title}</td><td>1</td><td>4</td><td>5 วันทำการ</td>" in html
    assert "เสร็จสิ้น" in html and "ต.ค." in html
    names = landmark_names(html)
    assert names and len(names) == len(set(names))  # each region its own name


def test_median_days_read_as_people_write_them(
    client, water, service_index, admin_user
):
    """The median of an even count is an average: 0.0 stood beside 0."""
    page = publish_child(
        service_index, ServiceStatisticsPage(title="สถิติ", slug="stats")
    )
    requests = [file(water) for _ in range(4)]
    for request, days in zip(requests, [0, 0, 2, 3], strict=True):
        services.change_status(request, "done", user=admin_user)
        ServiceRequest.objects.filter(pk=request.pk).update(
            decided_at=request.submit_time + datetime.timedelta(days=days)
        )
    html = client.get(page.url).content.decode()
    assert f"<td>{water.title}</td><td>4</td><td>1</td>" in html
    ServiceRequest.objects.filter(pk=requests[0].pk).update(
        decided_at=requests[0].submit_time + datetime.timedelta(days=2)
    )
    html = client.get(page.url).content.decode()
    assert f"<td>{water.title}</td><td>4</td><td>2</td>" in html


def test_satisfaction_page_aggregates_answers(client, water, service_index):
    page = publish_child(
        service_index, SatisfactionPage(title="ความพึงพอใจ", slug="sat")
    )
    for rating in (5, 4):
        SatisfactionResponse.objects.create(request=file(water), rating=rating)
    html = client.get(page.url).content.decode()
    assert "4.50" in html and "ตอบแบบสำรวจ 2 ราย" in html
    assert SatisfactionPage.ita_roles == ("satisfaction",)


def test_a_service_filed_in_both_languages_counts_as_one_service(
    client, service_index, english_home, admin_user
):
    english_index = service_index.copy_for_translation(english_home.locale)
    english_index.save_revision().publish()
    thai = create_service(service_index, PRESET["water"], english_index)
    english = thai.get_translation(english_home.locale)
    filed = [file(thai), file(thai), file(english)]
    for request in filed:
        SatisfactionResponse.objects.create(request=request, rating=4)
    year = filed[0].fiscal_year
    figures = service_statistics(thai.get_site(), year)
    assert figures["per_service"][0]["count"] == 3 and len(figures["per_service"]) == 1
    assert figures["per_service"][0]["service_title"] == thai.title
    with translation.override("en"):
        ratings = satisfaction_statistics(thai.get_site(), year)["per_service"]
    assert ratings == [{"service_title": english.title, "count": 3, "average": 4}]


def test_year_is_chosen_by_the_visitor(client, water, service_index):
    page = publish_child(
        service_index, ServiceStatisticsPage(title="สถิติ", slug="stats")
    )
    file(water)
    html = client.get(page.url, {"year": "2500"}).content.decode()
    assert "ปีงบประมาณ 2500: คำร้องทั้งหมด 0 รายการ" in html
    assert timezone.localdate()


def test_the_year_asked_for_is_shown_and_offered_within_sensible_years(
    client, water, service_index
):
    """An ITA index links ``?year=2565``: the page shows 2565 and its picker selects
    it, though no request was filed then; an impossible year shows the current one."""
    page = publish_child(
        service_index, SatisfactionPage(title="ความพึงพอใจ", slug="sat")
    )
    file(water)
    current = fiscal_year(timezone.localdate())
    response = client.get(page.url, {"year": "2565"})
    assert response.context["year"] == 2565
    assert response.context["years"] == [current, 2565]
    assert '<option value="2565" selected>' in response.content.decode()
    assert "ไม่มีปีงบประมาณ" not in response.content.decode()
    for wrong in ("2499", str(current + 1), "๒๕๖๕x"):
        refused = client.get(page.url, {"year": wrong})
        assert refused.context["year"] == current
        assert f"ไม่มีปีงบประมาณ “{wrong}” ให้แสดง" in refused.content.decode()
    assert client.get(page.url, {"year": ""}).context["year"] == current
