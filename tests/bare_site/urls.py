from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from tests.stock_site import readme_block

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include(wagtail_urls)),
]

# What the README tells a host to add, word for word (its "host: urls" block).
exec(readme_block("urls"))  # noqa: S102
