"""Tips, their timelines, evidence, access log, handlers and retained counts.

``Tip`` is a plain model on purpose: not a snippet, not ``index.Indexed``, not a form
submission, so it never reaches Wagtail search, the API or the generic admin screens.
Everything belongs to a Wagtail Site and is only ever queried through it.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kcs_core.model_fields import optional_link, site_link
from kcs_core.models import SiteRecord
from tips.fields import EncryptedTextField
from tips.storage import private_storage


class Category(models.TextChoices):
    """What a tip is about, as the tipster chooses it; the public statistics count the
    tips of each, erased ones too."""

    BRIBERY = "bribery", _("Bribery")
    PROCUREMENT = "procurement", _("Procurement")
    ABUSE_OF_POWER = "abuse_of_power", _("Abuse of power")
    MISUSE_OF_PROPERTY = "misuse_of_property", _("Misuse of government property")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    """Where a case stands, as the tipster sees it with the receipt code. Handlers
    move it in any order: cases are reopened and referred again."""

    RECEIVED = "received", _("Received")
    """Not acknowledged yet: a reply or any other status acknowledges the tip."""
    UNDER_REVIEW = "under_review", _("Under review")
    INVESTIGATING = "investigating", _("Investigating")
    REFERRED = "referred", _("Referred to another agency")
    CLOSED_SUBSTANTIATED = "closed_substantiated", _("Closed: substantiated")
    """Closed, like the next one: ``tips_purge`` erases the tip, keeping its count,
    once it has been closed for ``KCS_TIPS_RETENTION_DAYS``."""
    CLOSED_UNSUBSTANTIATED = "closed_unsubstantiated", _("Closed: unsubstantiated")


CLOSED_STATUSES = (Status.CLOSED_SUBSTANTIATED, Status.CLOSED_UNSUBSTANTIATED)


class TipQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None):
        """Tips still unacknowledged (no reply, no status change) after their
        acknowledgement deadline."""
        today = today or timezone.localdate()
        return self.filter(acknowledged_at__isnull=True, acknowledge_by__lt=today)

    def closed_before(self, moment: datetime.datetime):
        return self.filter(status__in=CLOSED_STATUSES, closed_at__lt=moment)


class Tip(models.Model):
    """One tip-off: public case number, secret receipt (stored as a keyed hash),
    category, status, and the tipster's text encrypted at rest."""

    site = site_link()
    page = optional_link("wagtailcore.Page")
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    number = models.PositiveIntegerField(pgettext_lazy("tip sequence number", "number"))
    case_number = models.CharField(_("case number"), max_length=32)
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)
    category = models.CharField(_("category"), max_length=32, choices=Category)
    status = models.CharField(
        _("status"), max_length=32, choices=Status, default=Status.RECEIVED
    )
    accused = EncryptedTextField(_("who"), blank=True)
    description = EncryptedTextField(_("what happened"))
    occurred = EncryptedTextField(_("when"), blank=True)
    location = EncryptedTextField(_("where"), blank=True)
    reporter_name = EncryptedTextField(_("name"), blank=True)
    reporter_contact = EncryptedTextField(_("contact"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    acknowledge_by = models.DateField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = TipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        ordering = ["-created_at", "-pk"]
        permissions = [("handle_tips", _("Can read and answer tips"))]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "case_number"], name="tips_unique_case_number"
            )
        ]

    def __str__(self):
        # Audit labels and error reports show this: never any content.
        return self.case_number

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.acknowledged_at is None and self.acknowledge_by < today


class TipEvent(models.Model):
    """One entry of a tip's timeline. Internal notes are never shown to the tipster."""

    class Kind(models.TextChoices):
        """What an entry records: all but internal notes are shown to the tipster
        (``PUBLIC_KINDS``)."""

        SUBMITTED = "submitted", _("Tip received")
        TIPSTER_MESSAGE = "tipster_message", _("Message from the tipster")
        REPLY = "reply", _("Reply to the tipster")
        NOTE = "note", _("Internal note")
        STATUS = "status", _("Status changed")

    PUBLIC_KINDS = (Kind.SUBMITTED, Kind.TIPSTER_MESSAGE, Kind.REPLY, Kind.STATUS)
    #: What the tipster did: dated to its day only (docs/tips.md).
    TIPSTER_KINDS = (Kind.SUBMITTED, Kind.TIPSTER_MESSAGE)

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind)
    body = EncryptedTextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=32, choices=Status, blank=True)
    user = optional_link(settings.AUTH_USER_MODEL)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("tip event")
        verbose_name_plural = _("tip events")
        ordering = ["pk"]  # as written: a tipster's times are days

    def __str__(self):
        return f"{self.tip} {self.kind}"

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS

    @property
    def is_by_tipster(self) -> bool:
        return self.kind in self.TIPSTER_KINDS


class TipAttachment(models.Model):
    """An evidence file: the encrypted original and, beside it, an encrypted copy
    rebuilt without metadata by the background worker (empty until then, and for
    good when ``cleaning_failed``). Handlers open the copy; the original is a
    separate, logged action."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        TipEvent,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    name = EncryptedTextField(_("file name"))
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    original = models.FileField(storage=private_storage, upload_to="originals/")
    sanitized = models.FileField(
        storage=private_storage, upload_to="sanitized/", blank=True
    )
    cleaning_failed = models.BooleanField(
        _("clean copy failed"),
        default=False,
        help_text=_("The file could not be rebuilt within the memory and time limits."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tip attachment")
        verbose_name_plural = _("tip attachments")
        ordering = ["pk"]  # as written: a tipster's times are days

    def __str__(self):
        return f"{self.tip} #{self.pk}"

    @staticmethod
    def storage_name(suffix: str) -> str:
        """A random file name that reveals nothing of the upload."""
        return f"{uuid.uuid4().hex}{suffix}"

    def delete_files(self) -> None:
        for field in (self.original, self.sanitized):
            if field.name:
                field.storage.delete(field.name)


class TipAccessLog(models.Model):
    """Who opened which tip, file or message, and when (never any content)."""

    class Action(models.TextChoices):
        """What the handler did: opening the case or a file is logged by the admin's
        views, a reply, note or status change by :mod:`tips.services`."""

        VIEW = "view", _("Viewed the case")
        VIEW_FILE = "view_file", _("Opened a file (metadata removed)")
        VIEW_ORIGINAL = "view_original", _("Opened an original file")
        REPLY = "reply", _("Replied to the tipster")
        NOTE = "note", _("Added an internal note")
        STATUS = "status", _("Changed the status")

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=32, choices=Action)
    attachment = optional_link(TipAttachment)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("tip access log entry")
        verbose_name_plural = _("tip access log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.tip} {self.action} {self.user_id}"


class TipCount(models.Model):
    """What remains of erased tips: how many, by site, month, category and status."""

    site = site_link()
    fiscal_year = models.PositiveIntegerField(_("fiscal year"))
    month = models.PositiveSmallIntegerField(_("month"))
    category = models.CharField(_("category"), max_length=32, choices=Category)
    status = models.CharField(_("status"), max_length=32, choices=Status)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("erased tips count")
        verbose_name_plural = _("erased tips counts")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "fiscal_year", "month", "category", "status"],
                name="tips_unique_count",
            )
        ]

    def __str__(self):
        return f"{self.site_id} {self.fiscal_year}-{self.month} {self.count}"


class TipHandler(SiteRecord):
    """A member of a site's tip handlers, named publicly on the tip page.

    Only users who are in the "Tip handlers" group *and* listed here for a site see
    that site's tips: being a superuser is not enough.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tip_handler_roles",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("public name"),
        max_length=255,
        help_text=_("Shown on the tip page, e.g. นางสาวสมใจ ใจดี"),
    )
    position = models.CharField(_("position (Thai)"), max_length=255)
    position_en = models.CharField(_("position (English)"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("tip handler")
        verbose_name_plural = _("tip handlers")
        ordering = ["site", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "user"], name="tips_unique_handler")
        ]

    def __str__(self):
        return f"{self.name} ({self.position})"


class HandlerChange(SiteRecord):
    """A handler added to or removed from a site, kept for the public record.

    The tip page lists these with their dates, and every handler of the site is
    e-mailed about each one, so an administrator who makes themself a handler (or
    quietly removes one) is seen by the people whose work they would read.
    """

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        REMOVED = "removed", _("Removed")

    kind = models.CharField(_("change"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("public name"), max_length=255)
    position = models.CharField(_("position (Thai)"), max_length=255)
    position_en = models.CharField(_("position (English)"), max_length=255, blank=True)
    account = models.CharField(
        _("account"),
        max_length=255,
        help_text=_("The sign-in name of the account, as it was at the change."),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("tip handler change")
        verbose_name_plural = _("tip handler changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["site", "-changed_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name} ({self.changed_on})"

    @property
    def changed_on(self) -> datetime.date:
        """The day of the change, in the site's time zone."""
        return timezone.localdate(self.changed_at)
