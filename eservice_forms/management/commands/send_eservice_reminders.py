"""Daily notices: licence progress while late (every 7 days, Licensing Facilitation
Act 2558) and reminders to return borrowed property (due tomorrow or late, at most
one a day). Run it once a day (cron or a scheduler)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from eservice_forms import tasks
from eservice_forms.models import RequestEvent, ServiceRequest
from eservice_forms.request_statuses import LENT, LICENCE, LOAN
from kcs_core.thai_dates import format_date

PROGRESS_INTERVAL = datetime.timedelta(days=7)


def applicant_language(service_request) -> str:
    """The language a notice is written in: that of the service page the request was
    filed on (the e-mail about it goes out in the same language)."""
    page = service_request.page
    return page.locale.language_code if page else settings.LANGUAGE_CODE


def send_notice(service_request, event: str, message: str, **changes) -> None:
    with transaction.atomic():
        for name, value in changes.items():
            setattr(service_request, name, value)
        service_request.save(update_fields=list(changes))
        notice = RequestEvent.objects.create(
            request=service_request, event=event, public=True, message=message
        )
        transaction.on_commit(lambda: tasks.notify_status_change.enqueue(notice.pk))


class Command(BaseCommand):
    help = "Send licence progress notices and borrowed-property return reminders."

    def handle(self, *args, **options):
        now = timezone.now()
        today = timezone.localdate()
        late_licences = (
            ServiceRequest.objects.overdue(today)
            .filter(kind=LICENCE, decided_at__isnull=True)  # the result is out
            .select_related("page__locale")
        )
        progress = 0
        for service_request in late_licences:
            last = service_request.last_notice_at
            if last and now - last < PROGRESS_INTERVAL:
                continue
            with override(applicant_language(service_request)):
                message = _(
                    "Your request is still under way; "
                    "we will tell you again within 7 days."
                )
            send_notice(
                service_request, RequestEvent.NOTICE, message, last_notice_at=now
            )
            progress += 1
        loans = (
            ServiceRequest.objects.filter(
                kind=LOAN,
                status=LENT,
                returned_on__isnull=True,
                return_due__lte=today + datetime.timedelta(days=1),
            )
            .exclude(last_reminder_on=today)
            .select_related("page__locale")
        )
        reminders = 0
        for service_request in loans:
            with override(applicant_language(service_request)):
                message = _("Please return the borrowed items by %(date)s.") % {
                    "date": format_date(service_request.return_due, style="long")
                }
            send_notice(
                service_request,
                RequestEvent.REMINDER,
                message,
                last_reminder_on=today,
            )
            reminders += 1
        self.stdout.write(
            _("%(progress)d progress notices, %(reminders)d return reminders sent.")
            % {"progress": progress, "reminders": reminders}
        )
