"""Schemathesis against /api/openapi.json, the JSON API the host mounts: generated
requests (valid and invalid, for real pages and for made-up ones) never get a server
error, an undocumented status, or a response that breaks the document. Bounded and
deterministic."""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ita_pages.models import QuestionBoardPage
from tests.conftest import publish_child
from tests.eservice_forms.conftest import private_media  # noqa: F401 - autouse here
from tests.tips.conftest import tips_settings  # noqa: F401 - autouse here

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 12  # per operation and mode


@pytest.fixture
def schema(water, borrow, tip_page):
    """The document, loaded from the app; requests go to the app in this thread
    (inside the test's transaction, which Django must not close after each one,
    as its test client does not)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/openapi.json", get_wsgi_application()
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def run_operation(operation, mode, path_parameters):
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.data())
    def check(case):
        generated = case.draw(
            operation.as_strategy(mode, path_parameters=path_parameters)
        )
        generated.call_and_validate(checks=CHECKS)

    check()


@pytest.fixture
def question_board(home_page):
    return publish_child(home_page, QuestionBoardPage(title="ถาม-ตอบ", slug="qa"))


def test_no_server_error_and_no_response_outside_the_document(
    schema, water, borrow, tip_page, question_board
):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14
    for operation in operations:
        pages = [None]  # made-up ids
        if "{page_id}" in operation.path:
            if "/eservice/" in operation.path:
                pages += [water.pk, borrow.pk]
            elif "/participation/" in operation.path:
                pages += [question_board.pk]
            else:
                pages += [tip_page.pk]
        for page_id in pages:
            path_parameters = {"page_id": page_id} if page_id else None
            run_operation(operation, GenerationMode.POSITIVE, path_parameters)
            if page_id is None or list(operation.body):
                # Invalid data needs something to spoil: a made-up id or a body.
                run_operation(operation, GenerationMode.NEGATIVE, path_parameters)


def test_the_document_says_what_the_endpoints_refuse_for_their_shape(client):
    """What a generated "valid" request broke: an empty code or reference (refused
    by the form behind the endpoint), and the multipart ``data`` part, which is the
    JSON body and was described as any text."""
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]

    def body(path, media="application/json"):
        return paths[path]["post"]["requestBody"]["content"][media]

    for path, names in [
        ("/api/tips/case/", ["code"]),
        ("/api/eservice/tracking/", ["reference", "secret"]),
    ]:
        schema = body(path)["schema"]
        if "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
        for name in names:
            assert schema["properties"][name]["minLength"] == 1, (path, name)
    multipart = body("/api/tips/case/messages/", "multipart/form-data")
    data = multipart["schema"]["properties"]["data"]
    assert data["type"] == "string"  # a text field: as a file it would be refused
    assert data["contentMediaType"] == "application/json"
    assert data["contentSchema"]["properties"]["code"]["minLength"] == 1
