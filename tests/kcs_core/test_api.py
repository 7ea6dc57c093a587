"""What the whole JSON API shares (kcs_core.api): the OpenAPI document, routers found
by installed app, errors in Thai or English, 413, cross-origin access closed unless
configured, and forms described and filled from JSON."""

from django import forms
from django.apps import apps
from django.test import Client

import pydantic
import pytest
from ninja import NinjaAPI, Schema

from kcs_core.api import (
    APIError,
    AppRouter,
    JSONForm,
    ListedPageOut,
    app_routers,
    build_api,
    read_body,
)

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_every_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/eservice/services/",
        "/api/eservice/services/{page_id}/form/",
        "/api/eservice/services/{page_id}/requests/",
        "/api/eservice/tracking/",
        "/api/eservice/tracking/survey/",
        "/api/tips/",
        "/api/tips/pages/{page_id}/form/",
        "/api/tips/pages/{page_id}/captcha/",
        "/api/tips/pages/{page_id}/tips/",
        "/api/tips/case/",
        "/api/tips/case/messages/",
        "/api/participation/pages/{page_id}/form/",
        "/api/participation/pages/{page_id}/captcha/",
        "/api/participation/pages/{page_id}/",
    }
    submit = document["paths"]["/api/eservice/services/{page_id}/requests/"]["post"]
    assert set(submit["requestBody"]["content"]) == {
        "application/json",
        "multipart/form-data",
    }
    assert {"201", "400", "404", "413"} <= set(submit["responses"])
    for path in document["paths"].values():  # what every write may get
        if "post" in path:
            assert {"403", "413", "415"} <= set(path["post"]["responses"])


def test_a_method_a_path_does_not_take_is_refused_in_json(client):
    """ninja's own 405 was the plain text "Method not allowed"."""
    refused = client.get("/api/tips/case/")
    assert refused.status_code == 405 and refused["Allow"] == "POST"
    assert refused.json() == {"detail": "ที่อยู่นี้ไม่รับคำขอแบบ GET รับเฉพาะ POST"}
    english = client.delete("/api/eservice/tracking/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {
        "detail": "This address does not take DELETE; it takes POST."
    }
    assert english["Content-Language"] == "en"
    # The endpoints still take their methods, without a CSRF token.
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/api/tips/case/", {}, "application/json").status_code == 400


def test_the_api_browser_loads_nothing_from_other_hosts(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_the_wagtail_api_still_answers(client, home_page):
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 1


def test_routers_come_from_the_installed_apps(monkeypatch):
    assert [prefix for prefix, _router in app_routers()] == [
        "participation",
        "eservice",
        "tips",
    ]
    # A host with the e-services but not the tips (and apps without a router).
    only = [apps.get_app_config(label) for label in ("kcs_core", "eservice_forms")]
    monkeypatch.setattr(apps, "get_app_configs", lambda: only)
    assert [prefix for prefix, _router in app_routers()] == ["eservice"]
    paths = build_api().get_openapi_schema(path_prefix="/api/")["paths"]
    assert paths and not any(path.startswith("/api/tips/") for path in paths)


class ThingIn(pydantic.BaseModel):
    name: str


class ThingOut(Schema):
    name: str


def test_an_app_router_declares_the_endpoints_the_apps_share():
    router = AppRouter()

    @router.pages("/", ListedPageOut, url_name="t_pages", summary="Pages")
    def pages(request): ...

    @router.page_form(ThingOut, url_name="t_form", summary="A form")
    def form(request, page_id: int): ...

    @router.captcha(url_name="t_captcha")
    def captcha(request, page_id: int): ...

    @router.lookup("/case/", ThingOut, url_name="t_case", summary="A case")
    def case(request): ...

    @router.upload("/files/", ThingIn, {201: ThingOut}, url_name="t_up", summary="Up")
    def upload(request): ...

    api = NinjaAPI(urls_namespace="test_app_router")
    api.add_router("/t/", router)
    paths = api.get_openapi_schema(path_prefix="/")["paths"]
    answers = {
        (path, method): set(operation["responses"])
        for path, operations in paths.items()
        for method, operation in operations.items()
    }
    assert answers == {
        ("/t/", "get"): {200, 400, 404},
        ("/t/pages/{page_id}/form/", "get"): {200, 400, 404},
        ("/t/pages/{page_id}/captcha/", "post"): {201, 400, 404},
        ("/t/case/", "post"): {200, 400, 404, 429},
        ("/t/files/", "post"): {201, 400, 404, 413, 429, 503},
    }
    captcha_operation = paths["/t/pages/{page_id}/captcha/"]["post"]
    assert captcha_operation["summary"] == "Another captcha challenge"
    upload_body = paths["/t/files/"]["post"]["requestBody"]["content"]
    assert set(upload_body) == {"application/json", "multipart/form-data"}


def test_errors_are_thai_by_default_and_english_on_request(client, home_page):
    url = "/api/eservice/tracking/"
    thai = client.post(url, {}, content_type="application/json")
    assert thai.status_code == 400
    assert thai.json()["errors"]["reference"] == ["กรุณากรอกช่องนี้"]
    assert thai.json()["detail"] == "กรุณาแก้ไขข้อมูลที่ระบุ"
    english = client.post(
        url, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["errors"]["reference"] == ["This field is required."]
    assert english["Content-Language"] == "en"


def test_unknown_objects_are_404_in_the_same_shape(client, home_page):
    response = client.get("/api/eservice/services/999999/form/")
    assert response.status_code == 404
    assert response.json() == {"detail": "ไม่พบข้อมูล"}


def test_bodies_over_the_server_limit_are_413(client, home_page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post(
        "/api/eservice/tracking/",
        {"reference": "x" * 200, "secret": "y"},
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"]


class Answers(pydantic.BaseModel):
    answers: dict = {}


@pytest.mark.parametrize("as_multipart", [False, True])
def test_a_body_nested_too_deep_to_read_is_a_400_not_a_server_error(rf, as_multipart):
    """A few kilobytes of ``[[[…]]]`` exhausted Python's recursion while decoding:
    a 500 (and an error e-mail) for anyone who sent it."""
    nested = "[" * 5000 + "]" * 5000
    if as_multipart:
        request = rf.post("/", {"data": nested})
    else:
        request = rf.post("/", nested, content_type="application/json")
    with pytest.raises(APIError) as refused:
        read_body(request, Answers)
    assert refused.value.status == 400
    assert refused.value.errors["__all__"] == [
        "ไม่สามารถอ่านข้อมูลที่ส่งมาได้ กรุณาตรวจสอบรูปแบบข้อมูล"
    ]


def preflight(client, path, origin="https://app.example.go.th"):
    return client.options(
        path,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )


def test_cross_origin_access_is_closed_by_default(client, home_page):
    response = preflight(client, "/api/eservice/tracking/")
    assert "Access-Control-Allow-Origin" not in response


def test_cross_origin_access_opens_for_configured_origins_on_the_api_only(
    client, home_page, settings
):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.go.th"]
    for path in ("/api/eservice/tracking/", "/api/v2/pages/"):
        response = preflight(client, path)
        assert response["Access-Control-Allow-Origin"] == "https://app.example.go.th"
    assert "Access-Control-Allow-Origin" not in preflight(
        client, "/api/eservice/tracking/", origin="https://evil.example"
    )
    assert "Access-Control-Allow-Origin" not in preflight(client, "/")
    # A front end of that origin reads when a throttled client may try again.
    answer = client.post(
        "/api/eservice/tracking/", {}, "application/json",
        HTTP_ORIGIN="https://app.example.go.th",
    )  # fmt: skip
    exposed = answer["Access-Control-Expose-Headers"].split(", ")
    assert {"Retry-After", "Content-Language"} <= set(exposed)


def test_writes_from_other_sites_pages_are_refused(client, home_page, settings):
    """Any page could make its visitors' browsers send a multipart or text body
    without a preflight: wrong codes sent so would lock a tipster out of their
    case. Writes from the site's own pages, listed front ends and clients that
    are not browsers go on."""
    url = "/api/tips/case/"
    wrong = {"code": "AAAA-BBBB-CCCC"}
    evil = client.post(
        url, {"data": '{"code": "x"}'}, HTTP_ORIGIN="https://evil.example"
    )
    assert evil.status_code == 403
    assert "https://evil.example" in evil.json()["detail"]
    assert (
        client.post(url, wrong, "application/json", HTTP_ORIGIN="null").status_code
        == 403
    )
    for origin in ("http://testserver", None):  # the code looked at (a 400)
        extra = {"HTTP_ORIGIN": origin} if origin else {}
        assert client.post(url, wrong, "application/json", **extra).status_code == 400
    # A proxy that dropped the port from Host: the browser still says same-origin.
    same = {
        "HTTP_ORIGIN": "https://testserver:8443",
        "HTTP_SEC_FETCH_SITE": "same-origin",
    }
    assert client.post(url, wrong, "application/json", **same).status_code == 400
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.go.th"]
    settings.CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\w+\.example\.org$"]
    for origin in ("https://app.example.go.th", "https://news.example.org"):
        listed = client.post(url, wrong, "application/json", HTTP_ORIGIN=origin)
        assert listed.status_code == 400


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded"]
)
def test_bodies_neither_json_nor_multipart_are_415(client, home_page, content_type):
    body = '{"reference": "ESV-2570-000001", "secret": "AAAA-BBBB-CCCC"}'
    response = client.post("/api/eservice/tracking/", body, content_type)
    assert response.status_code == 415
    assert response.json()["detail"].startswith("กรุณาส่งข้อมูลเป็น")


class SampleForm(forms.Form):
    name = forms.CharField(label="Name", min_length=2, max_length=20)
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=1)
    day = forms.DateField(widget=forms.DateInput)
    agree = forms.BooleanField()
    colours = forms.MultipleChoiceField(
        choices=[("red", "Red"), ("blue", "Blue")],
        widget=forms.CheckboxSelectMultiple,
    )
    token = forms.CharField(widget=forms.HiddenInput, initial="abc")


def test_json_form_describes_each_input():
    form = SampleForm()
    described = {
        field["key"]: field
        for field in JSONForm(form, {"th": form, "en": form}).describe()
    }
    assert {key: field["type"] for key, field in described.items()} == {
        "name": "text",
        "email": "email",
        "count": "number",
        "day": "date",
        "agree": "checkbox",
        "colours": "checkboxes",
        "token": "hidden",
    }
    assert (described["name"]["min_length"], described["name"]["max_length"]) == (2, 20)
    assert described["count"]["min_value"] == 1
    assert "max_value" not in described["count"]  # no bound: none said
    assert "min_value" not in described["name"]
    assert described["name"]["labels"] == {"th": "Name", "en": "Name"}
    assert described["colours"]["multiple"] is True
    assert [c["value"] for c in described["colours"]["choices"]] == ["red", "blue"]
    assert described["token"]["initial"] == "abc"


def test_json_form_fills_the_form_as_a_browser_would():
    form = SampleForm()
    data = JSONForm(form, {"th": form}).data(
        {
            "name": "สมศรี",
            "count": 3,
            "day": "2026-01-05",
            "agree": True,
            "colours": ["red", "blue"],
            "token": "abc",
        }
    )
    bound = SampleForm(data)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["colours"] == ["red", "blue"]


def test_json_form_refuses_keys_it_does_not_have():
    """A misspelt key lost its answer without a word."""

    class WithFile(SampleForm):
        photo = forms.FileField(required=False)

    form = WithFile()
    with pytest.raises(APIError) as refused:
        JSONForm(form, {"th": form}).data({"nmae": "สมศรี", "photo": "a.jpg"})
    assert refused.value.status == 400
    assert refused.value.errors == {
        "nmae": ["ไม่มีช่องชื่อนี้ กรุณาตรวจสอบการสะกด"],
        "photo": ["กรุณาส่งไฟล์เป็นส่วนของ multipart ที่ใช้ชื่อนี้"],
    }


@pytest.mark.parametrize(
    "answers",
    [
        {"name": {"first": "x"}},
        {"name": ["a", "b"]},
        {"agree": "yes"},
        {"name": "nul\x00byte"},
    ],
)
def test_json_form_refuses_answers_of_the_wrong_shape(answers):
    form = SampleForm()
    with pytest.raises(Exception) as raised:
        JSONForm(form, {"th": form}).data(answers)
    assert raised.value.status == 400
    assert set(raised.value.errors) == set(answers)
