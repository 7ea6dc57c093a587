"""A NUL character anywhere in a request is refused with 400 and a plain message,
never a 500 from the database; a property test sends odd query strings to public
pages and API operations and never meets a 500."""

import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REFUSAL = "ไม่อนุญาต"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?search=%00",
        "/api/eservice/services/?locale=%00",
        "/?q=%00",
        "/e-service/%00/",
        "/e-service/water/?a%00=1",
    ],
)
def test_a_nul_in_the_url_is_a_400(client, water, url):
    response = client.get(url)
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()


def test_api_refusals_are_json(client, water):
    response = client.get("/api/eservice/services/?locale=%00")
    assert response.json()["detail"]


def test_a_nul_in_a_form_field_is_a_400(client, water):
    response = client.post(water.url, {"action": "review", "first_name": "สม\x00ศรี"})
    assert response.status_code == 400


def test_a_nul_in_a_json_body_is_a_400(client, water):
    response = client.post(
        "/api/eservice/tracking/",
        json.dumps({"reference": "ESV-2570-000001", "secret": "A\u0000B"}),
        content_type="application/json",
    )
    assert response.status_code == 400


def test_an_escaped_nul_in_the_json_part_of_a_multipart_call_is_a_400(client, water):
    response = client.post(
        f"/api/eservice/services/{water.pk}/requests/",
        {"data": json.dumps({"first_name": "สม\u0000ศรี"}, ensure_ascii=True)},
    )
    assert response.status_code == 400


def test_ordinary_thai_input_passes(client, water):
    assert client.get(water.url + "?q=น้ำ").status_code == 200


ODD_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
PUBLIC_URLS = [
    "/",
    "/e-service/",
    "/e-service/water/",
    "/e-service/track/",
    "/api/v2/pages/",
    "/api/v2/pages/find/",
    "/api/eservice/services/",
    "/api/tips/",
]


@pytest.mark.slow
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    url=st.sampled_from(PUBLIC_URLS),
    params=st.dictionaries(
        st.sampled_from(["search", "locale", "q", "type", "year", "limit", "html_path"])
        | ODD_TEXT,
        ODD_TEXT,
        max_size=3,
    ),
)
def test_odd_query_strings_never_give_a_500(client, water, url, params):
    response = client.get(f"{url}?{urlencode(params)}")
    assert response.status_code < 500, (url, params, response.content[:300])
