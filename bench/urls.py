"""The site's URLs plus ``/bench/trivial/``: the cheapest Django response, the yardstick
every page is compared with in the same run."""

from django.http import HttpResponse
from django.urls import path

from kcs_wagtail.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site_urlpatterns]
