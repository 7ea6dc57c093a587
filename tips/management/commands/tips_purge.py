"""Erase closed tips after the retention period, keeping only their counts."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from kcs_core.thai_dates import format_date
from tips.models import Tip
from tips.services import erase_tip


class Command(BaseCommand):
    help = (
        "Erase tips closed more than KCS_TIPS_RETENTION_DAYS days ago (text, "
        "messages, files and access log); their counts stay in the statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Retention in days (default: the KCS_TIPS_RETENTION_DAYS setting).",
        )

    def handle(self, *args, days=None, **options):
        if days is None:
            days = getattr(settings, "KCS_TIPS_RETENTION_DAYS", 5 * 365)
        cutoff = timezone.now() - datetime.timedelta(days=days)
        erased = 0
        for tip in Tip.objects.closed_before(cutoff).iterator():
            erase_tip(tip)
            erased += 1
        self.stdout.write(
            ngettext(
                "Erased %(count)d tip closed before %(date)s.",
                "Erased %(count)d tips closed before %(date)s.",
                erased,
            )
            % {"count": erased, "date": format_date(cutoff, style="long")}
        )
