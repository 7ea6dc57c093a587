"""A filed request, its timeline, its files and the resident's satisfaction answer."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import AbstractFormSubmission

from kcs_core.files import IMAGE_AND_PDF_TYPES
from kcs_core.model_fields import nullable_link, optional_link, site_link
from kcs_core.thai_dates import format_datetime

from ..request_statuses import (
    CLOSED_STATUSES,
    KIND_CHOICES,
    LENT,
    LOAN,
    RECEIVED,
    STATUS_CHOICES,
)
from ..storage import private_storage


class ServiceRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today: datetime.date | None = None):
        """Open requests past their due date."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def overdue_returns(self, today: datetime.date | None = None):
        """Loans whose items are out past the return date."""
        today = today or timezone.localdate()
        return self.filter(
            kind=LOAN, status=LENT, returned_on__isnull=True, return_due__lt=today
        )

    def for_site(self, site):
        return self.filter(site=site)


class ServiceRequest(AbstractFormSubmission):
    """One request a resident filed through a service page.

    Its number (``ESV-<fiscal year>-<6 digits>``) is issued per site and fiscal year.
    The page link survives the page (``SET_NULL``, with a snapshot of the service's
    title and kind), because a request is a record the office must keep.
    """

    page = nullable_link("wagtailcore.Page", verbose_name=_("service page"))
    site = site_link(on_delete=models.PROTECT, verbose_name=_("site"))
    service_title = models.CharField(_("service"), max_length=255)
    kind = models.CharField(_("kind of service"), max_length=16, choices=KIND_CHOICES)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    number = models.PositiveIntegerField(_("number in the fiscal year"))
    reference = models.CharField(_("reference number"), max_length=32)
    status = models.CharField(
        _("status"), max_length=20, choices=STATUS_CHOICES, default=RECEIVED
    )
    idempotency_key = models.UUIDField(_("submission key"), unique=True)
    secret_hash = models.CharField(max_length=128, blank=True)
    # How the tracking code was derived (eservice_forms.tracking_codes): 1 for
    # requests stored before codes had keys of their own.
    tracking_code_scheme = models.PositiveSmallIntegerField(default=2, editable=False)
    contact_email = models.EmailField(_("applicant's e-mail"), blank=True)
    assigned_division = models.CharField(
        _("assigned division"), max_length=255, blank=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    last_notice_at = models.DateTimeField(
        _("last notice to the applicant"), null=True, blank=True
    )
    return_due = models.DateField(_("return date"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    last_reminder_on = models.DateField(null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )

    objects = ServiceRequestQuerySet.as_manager()
    # A record, not content: its link to the service page is no "usage" of the page,
    # and indexing it would queue a task for every request filed.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("e-service request")
        verbose_name_plural = _("e-service requests")
        ordering = ["-submit_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "fiscal_year", "number"],
                name="eservice_unique_number_per_site_year",
            ),
            models.UniqueConstraint(
                fields=["site", "reference"], name="eservice_unique_reference"
            ),
        ]
        indexes = [models.Index(fields=["site", "status", "due_date"])]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def items_out(self) -> bool:
        """A loan's items are handed over and their return not recorded yet: the
        return is what staff record next, and nothing closes the request before."""
        return self.status == LENT and self.returned_on is None

    @property
    def service_name(self) -> str:
        """The service's name in the active language (its page's translation), else
        the title it was filed under (a request filed in English, a deleted page)."""
        return self.page.localized.title if self.page else self.service_title

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.is_open and self.due_date and self.due_date < timezone.localdate()
        )

    def attachment_names(self) -> dict[str, list[str]]:
        """The attached files' names by field key."""
        names = {}
        for attachment in self.attachments.all():
            names.setdefault(attachment.field_key, []).append(attachment.original_name)
        return names

    def public_events(self):
        return self.events.filter(public=True)


class RequestEvent(models.Model):
    """One line of a request's timeline: who did what, when. ``public`` lines are what
    the applicant sees; internal notes and assignments never are."""

    SUBMITTED = "submitted"
    STATUS = "status"
    NOTE = "note"
    ASSIGNED = "assigned"
    NOTICE = "notice"
    RETURNED = "returned"
    REMINDER = "reminder"
    ERASED = "erased"
    MAIL_FAILED = "mail_failed"
    EVENT_CHOICES = [
        (SUBMITTED, _("Request filed")),
        (STATUS, _("Status changed")),
        (NOTE, _("Internal note")),
        (ASSIGNED, _("Assigned")),
        (NOTICE, _("Notice sent to the applicant")),
        (RETURNED, _("Items returned")),
        (REMINDER, _("Return reminder sent")),
        (ERASED, _("Personal data erased")),
        (MAIL_FAILED, _("E-mail not sent")),
    ]

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="events"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    user = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("by"))
    event = models.CharField(_("event"), max_length=16, choices=EVENT_CHOICES)
    status = models.CharField(
        _("status"), max_length=20, choices=STATUS_CHOICES, blank=True
    )
    message = models.TextField(_("message"), blank=True)
    public = models.BooleanField(_("shown to the applicant"), default=False)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.event} {format_datetime(self.created_at)}"


def stored_file_path(instance, filename):
    """``<folder>/<random token>.<extension>``, the extension that of the type the
    content shows (never the sender's): the resident's file name stays in the
    database only."""
    extension = IMAGE_AND_PDF_TYPES.get(instance.content_type, "bin")
    return f"{instance.folder}/{instance.token}.{extension}"


class StoredFile(models.Model):
    """A file on private storage, removed from the disk when its row is deleted (after
    the transaction commits, so a rollback keeps it)."""

    folder = "files"

    file = models.FileField(
        _("file"), storage=private_storage, upload_to=stored_file_path, max_length=255
    )
    token = models.CharField(max_length=32, unique=True)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        abstract = True

    def delete_file_on_commit(self) -> None:
        name, storage = self.file.name, self.file.storage
        if name:
            transaction.on_commit(lambda: storage.delete(name))


class Attachment(StoredFile):
    """A file a resident attached to a request. Only staff who may handle the request
    can open it (see the admin's attachment view). A photo is rebuilt from its
    pixels by the task worker after filing (``cleaning``)."""

    class Cleaning(models.TextChoices):
        NOT_NEEDED = "", _("not a photo")
        PENDING = "pending", _("location and camera data being removed")
        DONE = "done", _("location and camera data removed")
        FAILED = "failed", _("location and camera data could not be removed")

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    field_key = models.CharField(_("field"), max_length=255)
    cleaning = models.CharField(
        _("photo metadata"),
        max_length=16,
        choices=Cleaning.choices,
        blank=True,
        default=Cleaning.NOT_NEEDED,
    )

    folder = "requests"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class PendingUpload(StoredFile):
    """A file uploaded at the "check your answers" step, kept until the resident
    confirms (browsers do not send files twice). ``cleanup_pending_uploads`` removes
    the ones never confirmed."""

    created_at = models.DateTimeField(default=timezone.now)

    folder = "pending"

    class Meta:
        verbose_name = _("pending upload")
        verbose_name_plural = _("pending uploads")

    def __str__(self):
        return self.original_name


class SatisfactionResponse(models.Model):
    """The resident's answer to the survey offered once a request is done."""

    request = models.OneToOneField(
        ServiceRequest, on_delete=models.CASCADE, related_name="satisfaction"
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")

    def __str__(self):
        return f"{self.request_id}: {self.rating}"


def delete_stored_file(sender, instance, **kwargs):
    """Deleting the row (or its request) deletes the file, once the deletion commits
    (connected to ``Attachment`` and ``PendingUpload`` in the app's ``ready``)."""
    instance.delete_file_on_commit()
