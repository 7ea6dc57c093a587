"""The e-service models: pages in :mod:`.pages`, requests and their history in
:mod:`.requests`."""

from .evidence import SatisfactionPage, ServiceStatisticsPage
from .pages import ServiceFormField, ServiceIndexPage, ServicePage
from .requests import (
    Attachment,
    PendingUpload,
    RequestEvent,
    SatisfactionResponse,
    ServiceRequest,
)

__all__ = [
    "Attachment",
    "PendingUpload",
    "RequestEvent",
    "SatisfactionPage",
    "SatisfactionResponse",
    "ServiceFormField",
    "ServiceIndexPage",
    "ServicePage",
    "ServiceRequest",
    "ServiceStatisticsPage",
]
