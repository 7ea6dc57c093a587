"""Uploaded files are never served as something a browser would run: documents of
the listed kinds only, sent sandboxed and not to be sniffed."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.documents.models import Document

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["notice.html", "logo.svg", "run.js", "page.xhtml"])
def test_documents_that_a_browser_would_run_are_refused(name):
    document = Document(title=name, file=ContentFile(b"<script>x</script>", name))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "file" in error.value.message_dict


def test_documents_are_served_sandboxed_and_never_sniffed(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = Document.objects.create(
        title="ประกาศ", file=ContentFile(b"%PDF-1.4\n%%EOF\n", "notice.pdf")
    )
    archive = Document.objects.create(
        title="ข้อมูล", file=ContentFile(b"PK\x03\x04", "data.zip")
    )
    for document in (pdf, archive):
        response = client.get(document.url, secure=True)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
    served = client.get(archive.url)
    assert served["Content-Disposition"].startswith("attachment")
