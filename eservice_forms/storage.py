"""Storage for residents' files, which must never be public: under
``KCS_PRIVATE_MEDIA_ROOT/eservice`` (see :mod:`kcs_core.storage`)."""

from django.utils.deconstruct import deconstructible

from kcs_core.storage import PrivateFileStorage


@deconstructible(path="eservice_forms.storage.PrivateStorage")
class PrivateStorage(PrivateFileStorage):
    """Residents' attachments and staged uploads; staff open them through a
    permission-checked view."""

    folder = "eservice"


private_storage = PrivateStorage()
