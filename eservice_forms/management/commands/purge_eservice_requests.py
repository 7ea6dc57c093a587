"""Erase the personal data of closed requests once their service's retention period
has passed (PDPA). Reference, service, status and dates stay for the statistics."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eservice_forms.models import RequestEvent, ServiceRequest
from eservice_forms.request_statuses import CLOSED_STATUSES


def kept_keys(page) -> set[str]:
    """Answers that identify nobody, ticked "keep after the retention period"."""
    if page is None:
        return set()
    return set(
        page.specific.form_fields.filter(keep_after_retention=True).values_list(
            "clean_name", flat=True
        )
    )


def erase(service_request) -> None:
    """Erase one request's personal data: answers (but the kept ones), e-mail, files,
    messages of the timeline."""
    keep = kept_keys(service_request.page)
    with transaction.atomic():
        service_request.attachments.all().delete()
        service_request.form_data = {
            key: value
            for key, value in service_request.form_data.items()
            if key in keep
        }
        service_request.contact_email = ""
        service_request.secret_hash = ""
        service_request.anonymised_at = timezone.now()
        service_request.save()
        service_request.events.update(message="")
        RequestEvent.objects.create(request=service_request, event=RequestEvent.ERASED)


class Command(BaseCommand):
    help = "Erase personal data of closed e-service requests past their retention."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        candidates = ServiceRequest.objects.filter(
            status__in=CLOSED_STATUSES,
            anonymised_at__isnull=True,
            closed_at__isnull=False,
        ).select_related("page")
        count = 0
        for service_request in candidates.iterator():
            page = service_request.page.specific if service_request.page else None
            days = page.retention_days if page else 0
            if service_request.closed_at + datetime.timedelta(days=days) > now:
                continue
            count += 1
            if not dry_run:
                erase(service_request)
        self.stdout.write(
            _("%(count)d requests erased.") % {"count": count}
            if not dry_run
            else _("%(count)d requests would be erased.") % {"count": count}
        )
