"""Error reports (tips.debug): tip requests reveal nothing, other requests keep
Django's usual report."""

from django.test import RequestFactory

from tips.anonymity import anonymize
from tips.debug import TipExceptionReporter, TipExceptionReporterFilter


def report_of(request) -> str:
    try:
        raise RuntimeError("a failure")
    except RuntimeError as error:
        traceback = error.__traceback__
        reporter = TipExceptionReporter(request, type(error), error, traceback)
        reporter.filter = TipExceptionReporterFilter()
        return reporter.get_traceback_text()


def test_other_requests_keep_djangos_report():
    request = RequestFactory().get(
        "/news/?page=2", HTTP_COOKIE="theme=dark", HTTP_USER_AGENT="ReporterAgent"
    )
    text = report_of(request)
    assert "theme" in text and "dark" in text
    assert "ReporterAgent" in text and "page" in text


def test_a_scrubbed_request_reports_no_cookie_value_or_query():
    request = RequestFactory().get(
        "/tip-off/?page=2", HTTP_COOKIE="theme=dark", HTTP_USER_AGENT="ReporterAgent"
    )
    anonymize(request)
    text = report_of(request)
    assert "theme" in text and "dark" not in text
    assert "ReporterAgent" not in text and "page=2" not in text
