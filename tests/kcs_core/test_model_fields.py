"""The shared field declarations: what each link does when its target goes."""

from django.db import models

from kcs_core.model_fields import nullable_link, optional_link, site_link


def options(field: models.ForeignKey) -> dict:
    _name, _path, _args, kwargs = field.deconstruct()
    return kwargs


def test_a_nullable_link_is_emptied_with_its_target_but_required_in_forms():
    field = nullable_link("wagtailcore.Page", verbose_name="service page")
    assert options(field) == {
        "to": "wagtailcore.page",
        "on_delete": models.SET_NULL,
        "null": True,
        "related_name": "+",
        "verbose_name": "service page",
    }
    assert not field.blank


def test_an_optional_link_may_also_be_left_empty_in_forms():
    field = optional_link("wagtailcore.Page")
    assert options(field)["on_delete"] is models.SET_NULL
    assert field.null and field.blank


def test_a_site_link_goes_with_its_site_unless_told_otherwise():
    assert site_link().remote_field.on_delete is models.CASCADE
    assert site_link(on_delete=models.PROTECT).remote_field.on_delete is (
        models.PROTECT
    )
