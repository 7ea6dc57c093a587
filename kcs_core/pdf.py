"""Printable PDFs rendered from templates with WeasyPrint.

Stylesheets, images and the self-hosted Thai font are read from the static files
on disk (:func:`static_files_fetcher_class`), never fetched over the network, so a PDF
renders the same behind a firewall and Thai text is set in the shipped Sarabun.
"""

import functools
import logging
import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.template.loader import render_to_string

# WeasyPrint logs each step of every PDF it renders (and of its own start-up), and
# fontTools each web font it unpacks, at INFO: quiet them.
for noisy in ("weasyprint.progress", "fontTools.ttLib.woff2"):
    logging.getLogger(noisy).setLevel(logging.WARNING)

PDF_CONTENT_TYPE = "application/pdf"


def read_static(name: str) -> bytes | None:
    """A static file's bytes: from the apps' folders, else as collected (with
    hashed names in production); ``None`` when there is no such file."""
    found = finders.find(name)
    if found:
        with open(found, "rb") as file:
            return file.read()
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as file:
            return file.read()
    return None


@functools.cache
def static_files_fetcher_class() -> type:
    """A WeasyPrint URL fetcher that reads the site's static files from disk and
    refuses every other URL. Made on the first PDF, as WeasyPrint is imported
    (:func:`render_pdf`)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = unquote(urlsplit(url).path)
            prefix = urlsplit(settings.STATIC_URL).path
            content = (
                read_static(path[len(prefix) :]) if path.startswith(prefix) else None
            )
            if content is None:
                raise ValueError(f"Not a static file: {url}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, content, {"Content-Type": content_type})

    return StaticFilesFetcher


def render_pdf(template: str, context: dict, request=None) -> bytes:
    """``template`` rendered to PDF bytes. WeasyPrint is imported here, by the first
    PDF a process renders: importing it takes over a second and some 30 MB, which
    every other process (each web worker, the task worker, every management command)
    would pay for nothing."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request else "http://localhost/"
    fetcher = static_files_fetcher_class()()
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    """The PDF as a response the browser shows inline and saves as ``filename``."""
    response = HttpResponse(
        render_pdf(template, context, request), content_type=PDF_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
