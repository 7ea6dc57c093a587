"""Fixtures of the JSON API tests: the e-service and tip fixtures, and a client that
speaks JSON."""

import json

import pytest

from kcs_core.pacing import SOLUTION_FIELD, TICKET_FIELD
from tests.conftest import solve_pace
from tests.eservice_forms.conftest import (  # noqa: F401 - fixtures
    borrow,
    private_media,
    service_index,
    water,
)
from tests.tips.conftest import (  # noqa: F401 - fixtures
    handler,
    other_site,
    tip_page,
    tips_settings,
)


class JSONClient:
    """Django's test client, sending and reading JSON."""

    def __init__(self, client):
        self.client = client

    def get(self, url, params=None, **extra):
        return self.client.get(url, params, **extra)

    def post(self, url, body=None, **extra):
        return self.client.post(
            url, json.dumps(body or {}), content_type="application/json", **extra
        )

    def multipart(self, url, body, files=None, **extra):
        """``body`` as the ``data`` part, ``files`` as ``{field key: [files]}``."""
        return self.client.post(
            url, {"data": json.dumps(body), **(files or {})}, **extra
        )


@pytest.fixture
def api(client):
    return JSONClient(client)


def pace_of(form: dict) -> dict:
    """The ``pace`` of a submission: the form description's ticket, solved as the
    widget solves it."""
    fields = solve_pace(form["pace"])
    return {"ticket": fields[TICKET_FIELD], "solution": fields[SOLUTION_FIELD]}
