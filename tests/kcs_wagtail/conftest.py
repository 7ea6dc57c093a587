"""Fixtures of the host's tests: pages of each app, for tests of the whole site."""

from tests.eservice_forms.conftest import borrow, service_index, water  # noqa: F401
from tests.tips.conftest import tip_page  # noqa: F401
