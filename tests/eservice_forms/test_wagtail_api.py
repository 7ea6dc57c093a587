"""The pages' fields in the Wagtail API v2."""

import uuid

from django.http import QueryDict

from eservice_forms import services
from eservice_forms.models import ServiceStatisticsPage
from tests.conftest import publish_child

from .conftest import WATER_ANSWERS


def api(client, page_type, **params):
    response = client.get(
        "/api/v2/pages/", {"type": page_type, "fields": "*", **params}
    )
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_service_page_fields_and_form_schema(client, water):
    (item,) = api(client, "eservice_forms.ServicePage")
    assert item["kind"] == "relief" and item["processing_time"] == 5
    assert item["no_fee"] is True and item["steps"][0]["type"] == "step"
    fields = {field["clean_name"]: field for field in item["form_fields"]}
    assert "phone" in fields and "attachments" in fields
    assert fields["trips_requested"]["min_value"] == 1
    assert fields["phone"]["min_value"] is None
    assert fields["requested_delivery_date"]["not_before_filing_day"] is True


def test_index_lists_services_by_kind(client, water, building_permit):
    (item,) = api(client, "eservice_forms.ServiceIndexPage")
    kinds = [group["kind"] for group in item["services_by_kind"]]
    assert len(kinds) == 2
    titles = [s["title"] for g in item["services_by_kind"] for s in g["services"]]
    assert water.title in titles


def test_statistics_page_publishes_its_figures(client, water, service_index):
    publish_child(service_index, ServiceStatisticsPage(title="สถิติ", slug="statistics"))
    data = QueryDict(mutable=True)
    data.update(WATER_ANSWERS)
    services.submit_request(water, data, {}, idempotency_key=uuid.uuid4())
    (item,) = api(client, "eservice_forms.ServiceStatisticsPage")
    assert item["current_figures"]["total"] == 1
