"""Models of the ITA app, one module per family."""

from ita_pages.models.approval import ApprovalChain, ApprovalRecord, ITAApprovalTask
from ita_pages.models.catalog import (
    AssessmentYear,
    CatalogItem,
    Indicator,
    SubIndicator,
    code_sort_key,
)
from ita_pages.models.circulars import Acknowledgement, Circular
from ita_pages.models.gifts import GiftAction, GiftRecord, GiftRegisterPage
from ita_pages.models.index_page import EvidenceLink, IndexSnapshot, ITAIndexPage
from ita_pages.models.letters import (
    CommunityLeader,
    LeaderPosition,
    Letter,
    LetterBatch,
)
from ita_pages.models.measures import (
    Channel,
    ChannelRecord,
    MeasuresReportPage,
    MeasureStep,
    ProgressNote,
    ReportPeriod,
    StepStatus,
)
from ita_pages.models.mixins import DisclosurePageMixin, EvidenceFieldsMixin
from ita_pages.models.news import NewsCategory, NewsIndexPage, NewsPage
from ita_pages.models.pages import (
    DisclosureSectionPage,
    EvidencePage,
    MeasuresAnnouncementPage,
)
from ita_pages.models.participation import (
    Opinion,
    OpinionStatus,
    OpinionTopic,
    Question,
)
from ita_pages.models.participation_pages import (
    OpinionPage,
    ParticipationReportPage,
    QuestionBoardPage,
)
from ita_pages.models.procurement import (
    ProcurementBid,
    ProcurementMethod,
    ProcurementPage,
    ProcurementRecord,
    ProcurementReportPage,
    ProcurementStatus,
    ReportKind,
)
from ita_pages.models.settings import ITASettings

__all__ = [
    "Acknowledgement",
    "Circular",
    "ApprovalChain",
    "ApprovalRecord",
    "AssessmentYear",
    "Channel",
    "ChannelRecord",
    "CatalogItem",
    "CommunityLeader",
    "DisclosurePageMixin",
    "DisclosureSectionPage",
    "EvidenceFieldsMixin",
    "EvidenceLink",
    "EvidencePage",
    "GiftAction",
    "GiftRecord",
    "GiftRegisterPage",
    "ITAApprovalTask",
    "ITAIndexPage",
    "ITASettings",
    "LeaderPosition",
    "Letter",
    "LetterBatch",
    "Indicator",
    "IndexSnapshot",
    "MeasureStep",
    "MeasuresAnnouncementPage",
    "MeasuresReportPage",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "Opinion",
    "OpinionPage",
    "OpinionStatus",
    "OpinionTopic",
    "ParticipationReportPage",
    "ProcurementBid",
    "ProcurementMethod",
    "ProcurementPage",
    "ProcurementRecord",
    "ProcurementReportPage",
    "ProcurementStatus",
    "ProgressNote",
    "Question",
    "QuestionBoardPage",
    "ReportKind",
    "ReportPeriod",
    "StepStatus",
    "SubIndicator",
    "code_sort_key",
]
