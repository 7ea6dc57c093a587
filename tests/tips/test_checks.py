"""The tip channel refuses to start without its privacy protections."""

from tips.checks import check_tip_privacy


def test_a_host_without_the_tip_protections_gets_errors_not_warnings(settings):
    """A host that followed the old README sent tip text in Django's error e-mails."""
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if "TipAnonymity" not in name
    ]
    del settings.DEFAULT_EXCEPTION_REPORTER_FILTER
    errors = check_tip_privacy(None)
    assert [error.id for error in errors] == ["tips.E001", "tips.E002"]
    assert all(error.is_serious() for error in errors)
