"""The measures as a plan, followed through to the report (ITA ``measures_report``).

Each step of a published measures announcement's improvement plans becomes a
:class:`MeasureStep` (owner, due date, status) with dated :class:`ProgressNote`
entries and their evidence; :class:`ChannelRecord` keeps where an announcement was
published and when. These are records of their own: recording progress never
touches the approved announcement. A :class:`MeasuresReportPage` freezes them into
its revision when a draft is saved, so the six-month progress report and the
year-end summary are approved through the site's two-step workflow as they read.
"""

import datetime
import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ita_pages.blocks import TOOL_CHOICES
from ita_pages.models.fields import status_field
from ita_pages.models.mixins import (
    AnnouncementRecordMixin,
    DisclosurePageMixin,
    EvidenceFieldsMixin,
    FrozenReportMixin,
)
from kcs_core.api_fields import be_date
from kcs_core.model_fields import ThaiDateModelField, nullable_link, optional_link
from kcs_core.preview import HeadlessPreviewable
from kcs_core.thai_dates import fiscal_year_bounds, format_date


class StepStatus(models.TextChoices):
    """Where a step of the plan stands, in the order it moves on; the progress reports
    show it beside the step."""

    PLANNED = "planned", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
    """Given up: the step stays in the reports with this status rather than leaving
    the plan."""


class MeasureStep(AnnouncementRecordMixin, ClusterableModel):
    """One step of a finding's plan, as the announcement's table lists it."""

    announcement = models.ForeignKey(
        "ita_pages.MeasuresAnnouncementPage",
        verbose_name=_("measures announcement"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    #: Where in the announcement the step comes from: ``<plan block id>:<row>:<n>``.
    source_key = models.CharField(max_length=100, editable=False)
    tool = models.CharField(_("assessment tool"), max_length=3, choices=TOOL_CHOICES)
    finding = models.TextField(_("finding / recommendation"))
    text = models.TextField(_("step"))
    owner = models.CharField(_("responsible"), max_length=255, blank=True)
    due_date = ThaiDateModelField(_("due date"), null=True, blank=True)
    status = status_field(StepStatus)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("measure step")
        verbose_name_plural = _("measure steps")
        ordering = ["announcement", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "source_key"], name="ita_measure_step_source"
            )
        ]

    def __str__(self):
        return self.text


class ProgressNote(Orderable):
    """What was done for a step, when, with the evidence."""

    step = ParentalKey(MeasureStep, on_delete=models.CASCADE, related_name="notes")
    date = ThaiDateModelField(_("date"), default=timezone.localdate)
    note = models.TextField(_("what was done"))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    document = optional_link("wagtaildocs.Document", verbose_name=_("evidence file"))

    panels = [
        FieldPanel("date"),
        FieldPanel("note"),
        FieldPanel("evidence_url"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")


class Channel(models.TextChoices):
    """Where an announcement is made known, as the memo's steps list them; the
    measures report lists each channel used, with its date."""

    WEBSITE = "website", _("Web site")
    FACEBOOK = "facebook", _("Facebook")
    LINE = "line", _("LINE")
    NOTICE_BOARD = "notice_board", _("Notice board")
    LETTERS = "letters", _("Letters to community leaders")
    """Recorded when the letters are sent
    (:func:`~ita_pages.models.letters.send_letters`), their count as the note."""
    CIRCULATION = "circulation", _("Circulated to staff")
    """Recorded when the announcement is circulated, the circular's subject as the
    note."""


class ChannelRecord(AnnouncementRecordMixin):
    """That an announcement was published through a channel on a date."""

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    published_on = ThaiDateModelField(_("published on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("publication channel")
        verbose_name_plural = _("publication channels")
        ordering = ["published_on", "pk"]

    def __str__(self):
        return f"{self.get_channel_display()} {format_date(self.published_on)}"


NUMBERING = re.compile(r"^\s*\d+\s*[.)]\s*")


def split_steps(text: str) -> list[str]:
    """``"1. ทำ ก\\n2.ทำ ข"`` → ``["ทำ ก", "ทำ ข"]``: a table cell's steps."""
    lines = (NUMBERING.sub("", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def track_steps(announcement) -> list[MeasureStep]:
    """The announcement's steps as tracked items, those missing created (owner:
    the row's responsible unit). Idempotent; steps already tracked keep their
    owner, dates, status and notes."""
    site = announcement.get_site()
    steps = []
    order = 0
    for plan in announcement.improvement_plans:
        for row_number, row in enumerate(plan.value["rows"]):
            for step_number, text in enumerate(split_steps(row["steps"])):
                order += 1
                step, _created = MeasureStep.objects.get_or_create(
                    announcement=announcement,
                    source_key=f"{plan.id}:{row_number}:{step_number}",
                    defaults={
                        "site": site,
                        "tool": plan.value["tool"],
                        "finding": row["finding"],
                        "text": text,
                        "owner": " ".join(row["responsible"].split()),
                        "sort_order": order,
                    },
                )
                steps.append(step)
    return steps


def track_published_steps(sender, instance, **kwargs) -> None:
    """``page_published`` receiver: a published announcement's steps are tracked,
    on the original page only (the first of its translations to be created)."""
    translated_from = Page.objects.filter(
        translation_key=instance.translation_key, pk__lt=instance.pk
    )
    if not translated_from.exists():
        track_steps(instance)


class ReportPeriod(models.TextChoices):
    SIX_MONTHS = "six_months", _("Six-month progress report")
    YEAR_END = "year_end", _("Year-end summary")


def period_end(year: int, period: str) -> datetime.date:
    """The last day a report of fiscal ``year`` covers (31 March or 30 September)."""
    end = fiscal_year_bounds(year)[1]
    if period == ReportPeriod.SIX_MONTHS:
        return datetime.date(end.year, 3, 31)
    return end


def measures_progress(announcement, until: datetime.date) -> dict:
    """The announcement's steps by finding, their notes up to ``until``, and its
    publication channels: the data a report freezes."""
    findings: dict[tuple, dict] = {}
    steps = MeasureStep.objects.filter(announcement=announcement).prefetch_related(
        "notes__document"
    )
    for step in steps:
        finding = findings.setdefault(
            (step.tool, step.finding),
            {"tool": step.tool, "finding": step.finding, "steps": []},
        )
        finding["steps"].append(
            {
                "text": step.text,
                "owner": step.owner,
                "due_date": step.due_date.isoformat() if step.due_date else "",
                "status": step.status,
                "notes": [
                    {
                        "date": note.date.isoformat(),
                        "note": note.note,
                        "url": note.evidence_url,
                        "document": {
                            "title": note.document.title,
                            "url": note.document.url,
                        }
                        if note.document
                        else None,
                    }
                    for note in sorted(step.notes.all(), key=lambda n: n.date)
                    if note.date <= until
                ],
            }
        )
    channels = ChannelRecord.objects.filter(
        announcement_id=announcement.pk, published_on__lte=until
    )
    return {
        "until": until.isoformat(),
        "prepared_at": timezone.now().isoformat(),
        "findings": list(findings.values()),
        "channels": [
            {
                "channel": record.channel,
                "published_on": record.published_on.isoformat(),
                "note": record.note,
            }
            for record in channels
        ],
    }


def with_dates(report: dict) -> dict:
    """A frozen report with labels and Buddhist-era dates beside the ISO ones."""

    def day(text):
        return datetime.date.fromisoformat(text) if text else None

    statuses, channels = dict(StepStatus.choices), dict(Channel.choices)
    return {
        **report,
        "until_be": be_date(day(report.get("until"))),
        "findings": [
            {
                **finding,
                "steps": [
                    {
                        **step,
                        "status_label": str(statuses.get(step["status"], "")),
                        "due_date_be": be_date(day(step["due_date"])),
                        "notes": [
                            {**note, "date_be": be_date(day(note["date"]))}
                            for note in step["notes"]
                        ],
                    }
                    for step in finding["steps"]
                ],
            }
            for finding in report.get("findings", [])
        ],
        "channels": [
            {
                **record,
                "channel_label": str(channels.get(record["channel"], "")),
                "published_on_be": be_date(day(record["published_on"])),
            }
            for record in report.get("channels", [])
        ],
    }


class MeasuresReportPage(
    FrozenReportMixin,
    HeadlessPreviewable,
    EvidenceFieldsMixin,
    DisclosurePageMixin,
    Page,
):
    """The implementation report of a measures announcement (ITA ``measures_report``):
    per finding and step what was done and when, with the evidence, and where the
    announcement was published; frozen when its draft is saved."""

    announcement = nullable_link(
        "ita_pages.MeasuresAnnouncementPage", verbose_name=_("measures announcement")
    )
    period = models.CharField(
        _("report"),
        max_length=20,
        choices=ReportPeriod.choices,
        default=ReportPeriod.YEAR_END,
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            PageChooserPanel("announcement"),
            FieldPanel("period"),
            FieldPanel("intro"),
        ]
        + EvidenceFieldsMixin.evidence_panels
    )
    api_fields = [
        APIField("announcement"),
        APIField("period"),
        APIField("intro"),
        APIField("frozen_report"),
        *EvidenceFieldsMixin.evidence_api_fields,
        *DisclosurePageMixin.approval_api_fields,
    ]
    subpage_types: list[str] = []
    ita_roles = ("measures_report",)

    class Meta:
        verbose_name = _("measures report")
        verbose_name_plural = _("measures reports")

    @classmethod
    def ita_paths_answering(cls, paths: list[str], year: int) -> set[str]:
        """Of these reports, those of fiscal ``year``: an index links its
        ``measures_report`` item to its own year's report only."""
        live = cls.objects.live().filter(path__in=paths, fiscal_year=year)
        return set(live.values_list("path", flat=True))

    def refresh_snapshot(self) -> None:
        """Take the steps, notes and channels as they are now."""
        if self.announcement_id:
            until = period_end(self.fiscal_year, self.period)
            self.snapshot = measures_progress(self.announcement, until)

    @property
    def frozen_report(self) -> dict:
        return with_dates(self.snapshot) if self.snapshot else {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_data"] = self.frozen_report
        context["tools"] = dict(TOOL_CHOICES)
        return context
