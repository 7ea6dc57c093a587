"""Fixtures of the kcs_core tests: an e-service page, where a form and cookies are,
and a clerk of the default site signed in."""

import pytest

from tests.conftest import make_staff, sign_in
from tests.eservice_forms.conftest import (  # noqa: F401 - fixtures
    private_media,
    service_index,
    water,
)


@pytest.fixture
def clerk_signed_in(client, site):
    """``clerk_signed_in(*codenames)``: a clerk who acts for the default site only
    (they may change its pages), holding the model permissions ``codenames``
    through their group, signed in on ``client``."""

    def sign_in_clerk(*codenames):
        clerk = make_staff(
            "clerk-a", "ผู้จัดทำข้อมูล ก", site.root_page, codenames=codenames
        )
        sign_in(client, clerk)
        return clerk

    return sign_in_clerk
