"""What eservice_forms leaves behind, for kcs_core's ``kcs_uninstall`` command
(registered in ``wagtail_hooks.py``; see :mod:`kcs_core.uninstall`).

The app creates nothing in the host's shared tables but its pages, which the command
finds by their type. Its records and residents' files are listed so that the office
can export and archive them first.
"""

from pathlib import Path

from eservice_forms.models import Attachment, SatisfactionResponse, ServiceRequest
from eservice_forms.storage import private_storage
from kcs_core.uninstall import AppLeftovers, Rows


def leftovers() -> AppLeftovers:
    """The ``kcs_uninstall`` hook."""
    return AppLeftovers(
        "eservice_forms",
        records=[
            Rows(
                "e-service requests (the admin keeps a service page that has "
                "requests; kcs_uninstall deletes it all the same)",
                ServiceRequest.objects.all(),
            ),
            Rows("attachments of requests", Attachment.objects.all()),
            Rows("satisfaction answers", SatisfactionResponse.objects.all()),
        ],
        folders=[Path(private_storage.location)],
    )
