"""Storage for files that must never be public: under ``KCS_PRIVATE_MEDIA_ROOT``.

Files have no URL; staff open them through a permission-checked view.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="eservice_forms.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """``FileSystemStorage`` rooted at ``KCS_PRIVATE_MEDIA_ROOT/eservice``, read from
    the settings at each use (so a test or a host can move it)."""

    @property
    def base_location(self):
        return os.path.join(settings.KCS_PRIVATE_MEDIA_ROOT, "eservice")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL.")


private_storage = PrivateStorage()
