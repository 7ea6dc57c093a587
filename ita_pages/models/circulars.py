"""Circulating an announcement to staff for acknowledgement (แจ้งเวียนให้บุคลากร
ภายในรับทราบ, a step of the memo's measures).

An editor circulates any announcement (the measures, a policy) to the staff of its
site: the admin users who act for the site, and staff without an account named with
their e-mail. Each gets one :class:`Acknowledgement` row and confirms "รับทราบ" once;
the row keeps who and when, never more. The printable acknowledgement list and the
public count on the announcement are the evidence.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ita_pages.models.mixins import AnnouncementRecordMixin
from ita_pages.models.pages import DisclosureSectionPage
from kcs_core.frontend_cache import purge_sites
from kcs_core.model_fields import optional_link

SIGNING_SALT = "ita_pages.acknowledge"
#: A link works this long (a circular is read within weeks, not years).
TOKEN_MAX_AGE = 180 * 24 * 3600
#: Staff are reminded at most this often.
REMINDER_INTERVAL = timezone.timedelta(days=1)


class Circular(AnnouncementRecordMixin):
    """An announcement circulated to a site's staff."""

    subject = models.CharField(_("subject"), max_length=300)
    message = models.TextField(_("message to staff"), blank=True)
    sent_at = models.DateTimeField(_("circulated at"), default=timezone.now)
    sent_by = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("circulated by"))
    last_reminded_at = models.DateTimeField(
        _("last reminded at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("circular to staff")
        verbose_name_plural = _("circulars to staff")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject

    def counts(self) -> dict:
        """``{"sent": n, "acknowledged": m}``."""
        return self.recipients.aggregate(
            sent=Count("pk"),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        )

    @classmethod
    def public_count(cls, announcement) -> dict | None:
        """``{"sent", "acknowledged"}`` over the circulars of ``announcement`` (in
        any of its languages), or None when it was never circulated: the public
        count on the announcement."""
        totals = Acknowledgement.objects.filter(
            circular__announcement__translation_key=announcement.translation_key
        ).aggregate(
            sent=Count("pk"),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        )
        return totals if totals["sent"] else None

    def may_remind(self, now=None) -> bool:
        """Whether a reminder may go out now (at most one a day)."""
        now = now or timezone.now()
        return self.last_reminded_at is None or (
            now - self.last_reminded_at >= REMINDER_INTERVAL
        )


class Acknowledgement(models.Model):
    """One member of staff a circular went to, and when they acknowledged it."""

    circular = models.ForeignKey(
        Circular,
        verbose_name=_("circular"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    user = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("admin user"))
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    acknowledged_at = models.DateTimeField(
        pgettext_lazy("circular to staff", "acknowledged at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "user"],
                condition=Q(user__isnull=False),
                name="ita_ack_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["circular", "email"],
                condition=~Q(email=""),
                name="ita_ack_one_per_email",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def token(self) -> str:
        """The signed token of this member's one-time link."""
        return signing.dumps(self.pk, salt=SIGNING_SALT)

    @classmethod
    def for_token(cls, token: str, site):
        """The row a link's token names, on ``site``; None for a forged, expired or
        foreign token."""
        try:
            pk = signing.loads(token, salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            return None
        return (
            cls.objects.select_related("circular__announcement")
            .filter(pk=pk, circular__site=site)
            .first()
        )

    def link_url(self) -> str:
        """Where this member acknowledges: the circular in the admin for an admin
        user, else their one-time link on the site's ITA section."""
        if self.user_id:
            path = reverse("ita_pages_circular", args=[self.circular_id])
            return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"
        section = (
            DisclosureSectionPage.objects.live()
            .descendant_of(self.circular.site.root_page)
            .order_by("depth", "path")
            .first()
        )
        if section is None:
            return ""
        route = section.reverse_subpage("acknowledge", args=self.token.split(":"))
        return (section.get_full_url() or "") + route

    def confirm(self) -> bool:
        """Record "รับทราบ" once: True the first time, False when already recorded
        (the first date is kept). The announcement's public count changes, so the
        site's cached pages are dropped."""
        done = (
            type(self)
            .objects.filter(pk=self.pk, acknowledged_at__isnull=True)
            .update(acknowledged_at=timezone.now())
        )
        self.refresh_from_db(fields=["acknowledged_at"])
        if done:
            site = self.circular.site
            transaction.on_commit(lambda: purge_sites([site]))
        return bool(done)

    def clean(self):
        if not self.user_id and not self.email:
            raise ValidationError(
                _("Staff without an account need an e-mail for their link.")
            )
