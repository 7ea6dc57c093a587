"""A NUL character anywhere in a request is refused with 400 and a plain message,
never a 500 from the database; a property test sends odd query strings to public
pages and API operations and never meets a 500."""

import json
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile

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


def test_an_api_call_over_django_form_limits_is_answered_in_json(
    client, water, settings
):
    """A multipart call with a large ``data`` part, or more files than Django
    reads, was Django's HTML 400 page; a JSON body over the limit was a 413."""
    url = f"/api/eservice/services/{water.pk}/requests/"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = {"data": json.dumps({"answers": {"reason_detail": "x" * 2000}})}
    origin = "https://app.example.go.th"
    settings.CORS_ALLOWED_ORIGINS = [origin]
    too_large = client.post(
        url,
        {**big, "attachments": photo()},
        HTTP_ORIGIN=origin,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert too_large.status_code == 413
    assert too_large.json() == {"detail": "The request is too large."}
    assert too_large["Access-Control-Allow-Origin"] == origin  # a front end reads it
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    parts = {"data": "{}", "attachments": [photo(), photo(), photo()]}
    too_many = client.post(url, parts)
    assert too_many.status_code == 400 and too_many.json()["errors"]["__all__"]
    # The HTML form keeps Django's own answer.
    assert client.post(water.url, {"attachments": [photo()] * 3}).status_code == 400


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("p.jpg", b"\xff\xd8\xff", content_type="image/jpeg")


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
