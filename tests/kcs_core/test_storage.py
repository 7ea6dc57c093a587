"""Private files live outside what the web server serves, with or without a setting."""

from pathlib import Path

import pytest

from eservice_forms.storage import private_storage
from kcs_core.storage import check_private_media_is_not_served, private_media_root
from tips.storage import PrivateTipStorage


def test_without_a_setting_private_files_go_beside_the_hosts_base_dir(
    settings, tmp_path
):
    """A host that only added the apps once got a 500 on its first attachment."""
    del settings.KCS_PRIVATE_MEDIA_ROOT
    settings.BASE_DIR = tmp_path
    assert private_media_root() == tmp_path / "private-media"
    assert Path(private_storage.location) == tmp_path / "private-media" / "eservice"
    assert Path(PrivateTipStorage().location) == tmp_path / "private-media" / "tips"
    assert check_private_media_is_not_served(None) == []


@pytest.mark.parametrize("served", ["MEDIA_ROOT", "STATIC_ROOT"])
def test_a_private_root_inside_a_served_folder_is_an_error(settings, tmp_path, served):
    setattr(settings, served, tmp_path / "served")  # not the tests' own MEDIA_ROOT
    settings.KCS_PRIVATE_MEDIA_ROOT = tmp_path / "served" / "private"
    [error] = check_private_media_is_not_served(None)
    assert error.id == "kcs_core.E003"
