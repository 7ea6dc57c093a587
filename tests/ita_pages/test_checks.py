"""The system check that catches a page type's misspelt ITA role."""

from django.core import checks

from ita_pages.checks import check_ita_roles
from tips.models import TipFormPage


def test_the_shipped_page_types_declare_only_known_roles():
    assert check_ita_roles(None) == []


def test_a_misspelt_role_is_reported_with_the_known_ones(monkeypatch):
    monkeypatch.setattr(TipFormPage, "ita_roles", ("complaint_chanel",))
    [warning] = [w for w in checks.run_checks() if w.id == "ita_pages.W001"]
    assert warning.id == "ita_pages.W001" and warning.obj is TipFormPage
    assert "'complaint_chanel'" in warning.msg and "complaint_channel" in warning.hint
