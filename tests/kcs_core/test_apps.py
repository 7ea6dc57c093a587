"""The AppConfig mixin of the plugin's apps (kcs_core.apps)."""

from django.apps import AppConfig, apps

from kcs_core.apps import PluginAppMixin


def test_an_app_with_an_api_prefix_serves_its_api_router():
    config = apps.get_app_config("tips")
    assert config.kcs_api == ("tips", "tips.api.router")
    assert config.default_auto_field == "django.db.models.BigAutoField"


def test_an_app_without_an_api_prefix_has_no_router():
    assert apps.get_app_config("kcs_core").kcs_api is None


def test_a_router_named_on_the_config_wins():
    class Config(PluginAppMixin, AppConfig):
        name = "tips"
        kcs_api = ("complaints", "complaints.endpoints.router")

    config = Config("tips", apps.get_app_config("tips").module)
    assert config.kcs_api == ("complaints", "complaints.endpoints.router")
    assert config._is_default_auto_field_overridden
