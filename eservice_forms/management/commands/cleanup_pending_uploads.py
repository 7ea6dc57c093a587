"""Delete files uploaded at "check your answers" and never confirmed (older than a
day)."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from eservice_forms.models import PendingUpload
from eservice_forms.staged_uploads import MAX_AGE


class Command(BaseCommand):
    help = "Delete unconfirmed e-service uploads older than a day."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(seconds=MAX_AGE)
        count = 0
        with transaction.atomic():
            for upload in PendingUpload.objects.filter(created_at__lt=cutoff):
                upload.delete()
                count += 1
        self.stdout.write(f"{count} pending uploads deleted.")
