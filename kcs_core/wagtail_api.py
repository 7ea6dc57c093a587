"""The plugin's endpoints of the Wagtail API v2, which the host registers::

    api_router.register_endpoint("pages", PagesAPIViewSet)
    api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)

``PagesAPIViewSet`` is Wagtail's, except that each page is given in its own language:
the labels, dates and texts its fields compute are English for a page of the English
locale, Thai for a Thai one (Wagtail's own viewset gives them in the site's default
language whatever the page's).

``/api/v2/page_preview/`` is the draft an editor is previewing, for a headless front
end, in the same shape as ``/api/v2/pages/<id>/``. It answers only a valid token
(signed, at most a day old, stored by the editor's Preview):
``?content_type=ita_pages.evidencepage&token=…``. Anything else is a 404, so no draft
is readable without one (:mod:`kcs_core.preview`).
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise

from wagtail.api.v2 import serializers, views
from wagtail.models import Locale, Site

from rest_framework.response import Response

from kcs_core.preview import draft_for_token


def evaluated(data):
    """``data`` with its lazy translations turned into text now (in the active
    language), not when the response is rendered (in the site's default one)."""
    if isinstance(data, Promise):
        return str(data)
    if isinstance(data, dict):
        return {key: evaluated(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [evaluated(value) for value in data]
    return data


class PageSerializer(serializers.PageSerializer):
    """Wagtail's page serializer, in the page's own language."""

    def to_representation(self, instance):
        with translation.override(instance.locale.language_code):
            return evaluated(super().to_representation(instance))


class PagesAPIViewSet(views.PagesAPIViewSet):
    base_serializer_class = PageSerializer

    def find_object(self, queryset, request):
        """``find/?html_path=`` takes a page's own address in any language: a path
        with a language prefix (``/en/ita/2565/``, the ``html_url`` of an English
        page) is routed from the site's home page in that language. Wagtail routes
        every path from the site's root page, so it finds only default-language
        pages."""
        page = self.find_by_language_prefix(request)
        if page is not None and queryset.filter(pk=page.pk).exists():
            return page
        return super().find_object(queryset, request)

    def find_by_language_prefix(self, request):
        """The page ``html_path`` names below a language prefix, or None."""
        site = Site.find_for_request(request)
        components = [
            part for part in request.GET.get("html_path", "").split("/") if part
        ]
        if site is None or not components:
            return None
        language = components[0]
        if language == settings.LANGUAGE_CODE or language not in dict(
            settings.LANGUAGES
        ):
            return None
        locale = Locale.objects.filter(language_code=language).first()
        home = site.root_page.get_translation_or_none(locale) if locale else None
        if home is None:
            return None
        try:
            page, _args, _kwargs = home.specific.route(request, components[1:])
        except Http404:
            return None
        return page


class PagePreviewAPIViewSet(PagesAPIViewSet):
    known_query_parameters = views.PagesAPIViewSet.known_query_parameters.union(
        ["content_type", "token"]
    )

    def listing_view(self, request):
        """``/api/v2/page_preview/?content_type=…&token=…`` answers as a detail view:
        there is one draft per token."""
        self.action = "detail_view"
        return self.detail_view(request, 0)

    def detail_view(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)

    def get_object(self):
        if not hasattr(self, "_draft"):
            self._draft = draft_for_token(
                self.request.GET.get("content_type", ""),
                self.request.GET.get("token", ""),
            )
        if self._draft is None:
            raise Http404("no draft for this preview token")
        return self._draft
