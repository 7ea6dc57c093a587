"""Models of the tip channel: tips (``tips``, the data) and page types (``pages``,
which route to :mod:`tips.views`)."""

from tips.models.pages import (
    OUTSIDE_CHANNELS,
    TipFormPage,
    TipGuidelinePage,
    TipStatisticsPage,
)
from tips.models.tips import (
    CLOSED_STATUSES,
    Category,
    HandlerChange,
    Status,
    Tip,
    TipAccessLog,
    TipAttachment,
    TipCount,
    TipEvent,
    TipHandler,
)

__all__ = [
    "CLOSED_STATUSES",
    "OUTSIDE_CHANNELS",
    "Category",
    "HandlerChange",
    "Status",
    "Tip",
    "TipAccessLog",
    "TipAttachment",
    "TipCount",
    "TipEvent",
    "TipFormPage",
    "TipGuidelinePage",
    "TipHandler",
    "TipStatisticsPage",
]
