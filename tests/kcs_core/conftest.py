"""Fixtures of the kcs_core tests: an e-service page, where a form and cookies are."""

from tests.eservice_forms.conftest import (  # noqa: F401 - fixtures
    private_media,
    service_index,
    water,
)
