"""The handlers' admin URLs, mounted under ``/admin/tips/`` by wagtail_hooks."""

from django.urls import path

from tips.views import admin

app_name = "tips_admin"
urlpatterns = [
    path("", admin.tip_index, name="index"),
    path("<int:pk>/", admin.tip_detail, name="detail"),
    path("<int:pk>/files/<int:attachment_pk>/", admin.attachment_file, name="file"),
    path(
        "<int:pk>/files/<int:attachment_pk>/original/",
        admin.attachment_original,
        name="original",
    ),
]
