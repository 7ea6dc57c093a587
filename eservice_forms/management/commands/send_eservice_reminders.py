"""Daily notices: licence progress while late (every 7 days, Licensing Facilitation
Act 2558) and reminders to return borrowed property (due tomorrow or late, at most
one a day). Run it once a day (cron or a scheduler)."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eservice_forms import tasks
from eservice_forms.models import RequestEvent, ServiceRequest
from eservice_forms.workflow import LENT, LICENCE, LOAN

PROGRESS_INTERVAL = datetime.timedelta(days=7)


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
        late_licences = ServiceRequest.objects.overdue(today).filter(kind=LICENCE)
        progress = 0
        for service_request in late_licences:
            last = service_request.last_notice_at
            if last and now - last < PROGRESS_INTERVAL:
                continue
            send_notice(
                service_request,
                RequestEvent.NOTICE,
                _(
                    "Your request is still under way; "
                    "we will tell you again within 7 days."
                ),
                last_notice_at=now,
            )
            progress += 1
        loans = ServiceRequest.objects.filter(
            kind=LOAN,
            status=LENT,
            returned_on__isnull=True,
            return_due__lte=today + datetime.timedelta(days=1),
        ).exclude(last_reminder_on=today)
        reminders = 0
        for service_request in loans:
            send_notice(
                service_request,
                RequestEvent.REMINDER,
                _("Please return the borrowed items by %(date)s.")
                % {"date": service_request.return_due.isoformat()},
                last_reminder_on=today,
            )
            reminders += 1
        self.stdout.write(
            _("%(progress)d progress notices, %(reminders)d return reminders sent.")
            % {"progress": progress, "reminders": reminders}
        )
