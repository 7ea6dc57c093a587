"""Drafts previewed in a headless front end, with wagtail-headless-preview.

Every page type of the plugin's apps mixes in :class:`HeadlessPreviewable`. On a site
whose front end is not Wagtail's templates, an editor's Preview stores the draft under a
signed, single-purpose token and opens the front end at
``<front end>?content_type=<app.model>&token=<token>``; the front end reads the draft
from ``/api/v2/page_preview/`` (:mod:`kcs_core.wagtail_api`), the only place the
Wagtail API serves an unpublished page.

It is opt-in and per site: with ``wagtail_headless_preview`` installed and
``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`` naming the site's host name (or
``"default"``), previews go to that front end; otherwise Preview renders the site's
own templates, as before.
"""

from django.apps import apps
from django.core import signing

if apps.is_installed("wagtail_headless_preview"):
    from wagtail_headless_preview.models import (
        HeadlessPreviewMixin,
        PagePreview,
        get_client_root_url_from_site,
    )
    from wagtail_headless_preview.settings import headless_preview_settings
else:  # the plugin works without it: previews stay the site's own templates
    HeadlessPreviewMixin = PagePreview = headless_preview_settings = None

#: A preview token older than this no longer opens its draft (the library deletes
#: stored drafts the day after).
PREVIEW_TOKEN_MAX_AGE = 60 * 60 * 24


def headless_front_end_of(site) -> str | None:
    """The front end that previews pages of ``site``, or None when it has none."""
    if PagePreview is None or site is None:
        return None
    client_urls = headless_preview_settings.CLIENT_URLS
    if site.hostname not in client_urls and "default" not in client_urls:
        return None
    return get_client_root_url_from_site(site)


def draft_for_token(content_type: str, token: str):
    """The draft page stored for a preview ``token`` of ``content_type``
    (``"app_label.modelname"``), or None when the token is forged, expired or
    unknown."""
    if PagePreview is None:
        return None
    try:
        HeadlessPreviewMixin.get_preview_signer().unsign(
            token, max_age=PREVIEW_TOKEN_MAX_AGE
        )
        app_label, model_name = content_type.split(".")
        preview = PagePreview.objects.get(
            token=token,
            content_type__app_label=app_label,
            content_type__model=model_name,
        )
    except (signing.BadSignature, ValueError, PagePreview.DoesNotExist):
        return None
    page = preview.as_page()
    if page.pk is None:  # a new page, not saved yet: the API needs some id
        page.pk = 0
    return page


class HeadlessPreviewable(*([HeadlessPreviewMixin] if HeadlessPreviewMixin else [])):
    """Page mixin: Preview opens the site's headless front end when it has one."""

    def get_client_root_url(self, request) -> str:
        """The front end of the page's own site (the library's default is the site of
        the admin's host name, which is often not the page's)."""
        return headless_front_end_of(self.get_site())

    def get_preview_url(self, request, token: str) -> str:
        """The front end's address with the draft's token; a front end address that
        has a query already (``…/index.html?api=…``) keeps it."""
        url = super().get_preview_url(request, token)
        root = self.get_client_root_url(request)
        if "?" in root:
            url = root + "&" + url[len(root) + 1 :]
        return url

    def previews_headless(self, request) -> bool:
        """Whether Preview goes to a headless front end; override to choose per page
        type or per editor."""
        return headless_front_end_of(self.get_site()) is not None

    def serve_preview(self, request, mode_name):
        if self.previews_headless(request):
            return super().serve_preview(request, mode_name)
        return super(_AFTER_LIBRARY, self).serve_preview(request, mode_name)


_AFTER_LIBRARY = HeadlessPreviewMixin or HeadlessPreviewable
