"""Public participation (ITA ``qa``, ``opinion_channel`` and ``participation``).

Residents ask the office questions on a :class:`QuestionBoardPage` and give their
opinion of the office's work and its staff on an :class:`OpinionPage`, without an
account, behind a captcha and a pace ticket. Staff answer and act in the admin; the
answered questions are published with their dates, the opinions as a summary of what
was received and done. A :class:`ParticipationReportPage` reports a fiscal year of
both. Personal data (an asker's e-mail, an opinion's name and contact, its own words)
is shown to staff only; the public sees what staff wrote for the public.

This module holds the records and the queries; the page types are in
:mod:`ita_pages.models.participation_pages`.
"""

import statistics

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ita_pages.models.fields import status_field
from kcs_core.api_fields import be_date
from kcs_core.model_fields import nullable_link, optional_link
from kcs_core.models import SiteRecord
from kcs_core.thai_dates import fiscal_year, fiscal_year_bounds

QUESTION_MAX_LENGTH = 3000
OPINION_MAX_LENGTH = 5000


class Question(SiteRecord):
    """A resident's question and the office's answer. The e-mail, when given, is for
    telling the asker the answer is there; it is never published."""

    board = nullable_link("ita_pages.QuestionBoardPage", verbose_name=_("Q&A board"))
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    text = models.TextField(
        _("question"), validators=[MaxLengthValidator(QUESTION_MAX_LENGTH)]
    )
    email = models.EmailField(_("asker's e-mail"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("answered by"))
    published = models.BooleanField(
        _("publish the question and its answer"),
        default=True,
        help_text=_(
            "Untick for a question that is not for the public board (abuse, a "
            "private matter); it still counts in the report."
        ),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["site", "asked_at"])]

    def __str__(self):
        return self.text[:80]

    @property
    def received_at(self):
        """When the question came in (as for an opinion)."""
        return self.asked_at

    def record_answer(self, user) -> bool:
        """Date the answer the first time one is written; True when this save
        answers the question (the asker is then told)."""
        if self.answer.strip() and not self.answered_at:
            self.answered_at = timezone.now()
            self.answered_by = user
            return True
        return False


class OpinionTopic(models.TextChoices):
    """What an opinion is about, as the resident chooses it on the form; the yearly
    summary counts the opinions per topic."""

    WORK = "work", _("The office's work")
    STAFF = "staff", _("A member of staff")
    SERVICE = "service", _("A service")
    OTHER = "other", _("Something else")


class OpinionStatus(models.TextChoices):
    """Where an opinion stands, in the order staff move it on. Closing it (acted on
    or not) dates it, reopening it clears the date."""

    RECEIVED = "received", _("Received")
    CONSIDERING = "considering", _("Being considered")
    ACTED = "acted", _("Acted on")
    NOT_ACTED = "not_acted", _("Not acted on (reason given)")
    """What the office did gives the reason."""


CLOSED_STATUSES = (OpinionStatus.ACTED, OpinionStatus.NOT_ACTED)


class Opinion(SiteRecord):
    """A resident's opinion or suggestion on the office's work or its staff. Not
    anonymous (tips are the anonymous channel): the name and contact let staff reply,
    and only staff see them and the resident's words. The public sees the summary
    and the outcome staff write."""

    channel = nullable_link("ita_pages.OpinionPage", verbose_name=_("opinion channel"))
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    topic = models.CharField(_("about"), max_length=20, choices=OpinionTopic.choices)
    subject = models.CharField(
        _("which work, service or member of staff"), max_length=300, blank=True
    )
    text = models.TextField(
        _("opinion or suggestion"),
        validators=[MaxLengthValidator(OPINION_MAX_LENGTH)],
    )
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("telephone or e-mail"), max_length=200)
    status = status_field(OpinionStatus)
    public_summary = models.CharField(
        _("summary for the public"),
        max_length=500,
        blank=True,
        help_text=_(
            "What the opinion asks, in a sentence, without names or anything that "
            "identifies the resident or a member of staff."
        ),
    )
    outcome = models.TextField(
        _("what the office did"),
        blank=True,
        help_text=_("Published beside the summary once the opinion is closed."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["site", "received_at"])]

    def __str__(self):
        return self.public_summary or self.get_topic_display()

    def save(self, *args, **kwargs):
        """Dates the closing: set when staff close the opinion, cleared when they
        reopen it."""
        if self.is_closed and not self.closed_at:
            self.closed_at = timezone.now()
        elif not self.is_closed:
            self.closed_at = None
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


def received_in(queryset, field: str, year: int):
    """The rows of ``queryset`` whose ``field`` (a date and time) falls in fiscal
    ``year``."""
    start, end = fiscal_year_bounds(year)
    return queryset.filter(**{f"{field}__date__gte": start, f"{field}__date__lte": end})


def answered_questions(site):
    """The questions published on ``site``'s board, newest answer first."""
    return Question.objects.filter(
        site=site, published=True, answered_at__isnull=False
    ).order_by("-answered_at", "-pk")


def question_out(question: Question) -> dict:
    """A published question as the API gives it: never the asker's e-mail."""
    return {
        "question": question.text,
        "asked_at": question.asked_at.isoformat(),
        "asked_on_be": be_date(timezone.localdate(question.asked_at)),
        "answer": question.answer,
        "answered_at": question.answered_at.isoformat(),
        "answered_on_be": be_date(timezone.localdate(question.answered_at)),
    }


def opinion_summary(site, year: int) -> dict:
    """What ``site`` received on its opinion channel in fiscal ``year`` and what it
    did: counts per topic and status, and the closed opinions' public summaries and
    outcomes (never a name, a contact or the resident's words)."""
    opinions = received_in(Opinion.objects.filter(site=site), "received_at", year)
    per_topic = dict(
        opinions.values_list("topic").annotate(count=Count("pk")).order_by()
    )
    per_status = dict(
        opinions.values_list("status").annotate(count=Count("pk")).order_by()
    )
    closed = opinions.filter(status__in=CLOSED_STATUSES).exclude(public_summary="")
    return {
        "year": year,
        "received": sum(per_topic.values()),
        "per_topic": [
            {"topic": value, "label": str(label), "count": per_topic.get(value, 0)}
            for value, label in OpinionTopic.choices
        ],
        "per_status": [
            {"status": value, "label": str(label), "count": per_status.get(value, 0)}
            for value, label in OpinionStatus.choices
        ],
        "outcomes": [
            {
                "topic": opinion.topic,
                "topic_label": opinion.get_topic_display(),
                "summary": opinion.public_summary,
                "outcome": opinion.outcome,
                "status": opinion.status,
                "status_label": opinion.get_status_display(),
                "received_on_be": be_date(timezone.localdate(opinion.received_at)),
                "closed_on_be": be_date(timezone.localdate(opinion.closed_at)),
            }
            for opinion in closed.order_by("received_at", "pk")
        ],
    }


def days_between(start, end) -> int:
    return (timezone.localdate(end) - timezone.localdate(start)).days


def question_summary(site, year: int) -> dict:
    """The questions ``site`` received in fiscal ``year``: how many, how many were
    answered, and the median days to an answer."""
    questions = received_in(Question.objects.filter(site=site), "asked_at", year)
    answered = questions.filter(answered_at__isnull=False)
    waits = [
        days_between(asked, answered_at)
        for asked, answered_at in answered.values_list("asked_at", "answered_at")
    ]
    return {
        "received": questions.count(),
        "answered": len(waits),
        "median_days_to_answer": statistics.median(waits) if waits else None,
    }


def participation_report(site, year: int) -> dict:
    """The participation report of fiscal ``year``: the Q&A board and the opinion
    channel together."""
    return {
        "year": year,
        "questions": question_summary(site, year),
        "opinions": opinion_summary(site, year),
    }


def participation_years(site) -> set[int]:
    """The fiscal years with questions or opinions on ``site``."""
    dates = [
        *Question.objects.filter(site=site).dates("asked_at", "month"),
        *Opinion.objects.filter(site=site).dates("received_at", "month"),
    ]
    return {fiscal_year(date) for date in dates}
