"""The base of each app's ``*_reconcile_files`` command: delete orphan files.

A process killed while it stores an upload (``kill -9``, the out-of-memory killer, a
power cut) can leave a file on private storage whose database row was never
committed. Nothing references such a file: it only takes space, and it may hold
personal data. An app's command names its storage and the file names its rows
reference; files that are older than the grace period and referenced by no row are
deleted. Run it daily (see the README's "Daily jobs").
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone


class ReconcileFilesCommand(BaseCommand):
    """Delete the files of :meth:`get_storage` that no row references and that are
    older than ``--grace-minutes`` (younger ones may belong to a request still being
    stored). Subclasses implement :meth:`get_storage` and :meth:`referenced_names`."""

    help = "Delete private files that no row references."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=60,
            help="Keep unreferenced files younger than this (default: 60).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report without deleting."
        )

    def get_storage(self):
        """The storage whose files are reconciled."""
        raise NotImplementedError

    def referenced_names(self) -> set[str]:
        """The names (relative to the storage) of every file a row references."""
        raise NotImplementedError

    def stored_names(self, storage, directory: str = ""):
        """Every file name in ``storage``, walking its folders."""
        if not storage.exists(directory):
            return
        folders, files = storage.listdir(directory)
        for name in files:
            yield f"{directory}/{name}" if directory else name
        for folder in folders:
            yield from self.stored_names(
                storage, f"{directory}/{folder}" if directory else folder
            )

    def handle(self, *args, grace_minutes, dry_run, **options):
        storage = self.get_storage()
        cutoff = timezone.now() - datetime.timedelta(minutes=grace_minutes)
        # List the files before reading the rows: a row committed meanwhile is seen.
        names = list(self.stored_names(storage))
        referenced = self.referenced_names()
        orphans = [name for name in names if name not in referenced]
        old = [name for name in orphans if storage.get_modified_time(name) < cutoff]
        for name in old:
            if not dry_run:
                storage.delete(name)
            if options["verbosity"] >= 2:
                self.stdout.write(f"orphan: {name}")
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            f"{len(names)} files, {len(names) - len(orphans)} referenced; "
            f"{len(old)} orphan files {verb}, {len(orphans) - len(old)} kept "
            f"(younger than {grace_minutes} minutes)."
        )
