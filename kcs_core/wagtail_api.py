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

from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise

from wagtail.api.v2 import serializers, views

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
