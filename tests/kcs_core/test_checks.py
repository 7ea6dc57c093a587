"""The plugin says plainly that it needs Wagtail's own page model."""

from django.core.checks import registry
from django.test import override_settings

from kcs_core.checks import check_page_model


def test_wagtails_own_page_model_passes():
    assert check_page_model in registry.registry.get_checks()
    assert check_page_model(None) == []
    with override_settings(WAGTAIL_PAGE_MODEL="wagtailcore.Page"):
        assert check_page_model(None) == []


def test_a_swapped_page_model_is_refused_by_name():
    with override_settings(WAGTAIL_PAGE_MODEL="home.SitePage"):
        [error] = check_page_model(None)
    assert error.id == "kcs_core.E004"
    assert "'home.SitePage'" in error.msg and "WAGTAIL_PAGE_MODEL" in error.hint
