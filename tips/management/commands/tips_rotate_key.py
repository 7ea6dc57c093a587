"""Re-encrypt every tip, message and file under the newest key.

Rotation: put a new key first in ``KCS_TIPS_ENCRYPTION_KEYS`` (keeping the old one
after it), run this command, then remove the old key.
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from tips import crypto
from tips.models import Tip, TipAttachment, TipEvent
from tips.services import TIP_FIELDS


class Command(BaseCommand):
    help = "Re-encrypt tips under the newest key of KCS_TIPS_ENCRYPTION_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--generate",
            action="store_true",
            help="Only print a new random key to add to KCS_TIPS_ENCRYPTION_KEYS.",
        )

    def handle(self, *args, generate=False, **options):
        if generate:
            self.stdout.write(crypto.generate_key())
            return
        with transaction.atomic():
            tips = self.resave(Tip.objects.all(), TIP_FIELDS[1:])
            events = self.resave(TipEvent.objects.exclude(body=""), ["body"])
            attachments = self.resave(TipAttachment.objects.all(), ["name"])
        files = 0
        for attachment in TipAttachment.objects.all():
            for field in (attachment.original, attachment.sanitized):
                if not field:
                    continue  # the clean copy is still to be made
                self.rotate_file(Path(field.path))
                files += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-encrypted {tips} tips, {events} messages, "
                f"{attachments} file names and {files} files."
            )
        )

    def resave(self, queryset, fields) -> int:
        """Loading decrypts with any key; saving encrypts with the newest."""
        count = 0
        for row in queryset.iterator():
            row.save(update_fields=fields)
            count += 1
        return count

    def rotate_file(self, path: Path) -> None:
        """Replace the file atomically with its re-encrypted bytes."""
        rotated = crypto.rotate_bytes(path.read_bytes())
        handle, temporary = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(rotated)
        os.replace(temporary, path)
