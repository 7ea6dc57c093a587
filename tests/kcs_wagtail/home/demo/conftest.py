"""Fixtures of the demo's tests: the ITA section the demo fills."""

from tests.ita_pages.conftest import ita_section  # noqa: F401 - fixture
