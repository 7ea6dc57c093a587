"""E-mail each site's tip handlers when tips wait past their acknowledgement date.

Run daily (cron or a scheduler). The e-mail says how many tips are overdue and links
to the list; it carries no case number and no content.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from tips.models import Tip, TipHandler


class Command(BaseCommand):
    help = "Remind tip handlers of tips overdue for acknowledgement (no content)."

    def handle(self, *args, **options):
        overdue = dict(
            Tip.objects.overdue()
            .values_list("site_id")
            .annotate(count=Count("pk"))
            .order_by()
        )
        sent = 0
        for site_id, count in overdue.items():
            recipients = sorted(
                {
                    handler.user.email
                    for handler in TipHandler.objects.filter(
                        site_id=site_id
                    ).select_related("user")
                    if handler.user.email and handler.user.is_active
                }
            )
            if recipients:
                self.send(recipients, count)
                sent += 1
        self.stdout.write(f"Sent {sent} reminders.")

    def send(self, recipients: list[str], count: int) -> None:
        """One e-mail, in Thai, with the count and the link to the overdue list."""
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        link = f"{base}{reverse('tips_admin:index')}?overdue=on"
        with override("th"):
            send_mail(
                _("Tip-offs waiting for acknowledgement"),
                _(
                    "%(count)d tip(s) passed their acknowledgement date without an "
                    "answer. Open the list (after signing in): %(link)s"
                )
                % {"count": count, "link": link},
                None,
                recipients,
            )
