"""Remove what the kcs-wagtail apps put into the host's tables, before
``migrate <app> zero`` drops their own (see ``docs/install.md``, "Uninstall")."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kcs_core.storage import private_media_root
from kcs_core.uninstall import Plan, SiteRootInTheWay, carry_out, make_plan


class Command(BaseCommand):
    help = (
        "List, and with --yes delete, what the kcs-wagtail apps put into the host's "
        "tables: every page of their page types with everything below it, their "
        "groups and workflows, and the host's rows about their models (revisions, "
        "logs, reference and search index, background tasks). Files stay unless "
        "--delete-files. Then run 'migrate <app> zero' for each app."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Delete. Without it, only list what would be deleted.",
        )
        parser.add_argument(
            "--delete-files",
            action="store_true",
            help="Also delete the apps' private files (residents' attachments, tip "
            "evidence). With --yes only.",
        )

    def handle(self, *args, yes, delete_files, **options):
        try:
            plan = make_plan()
        except SiteRootInTheWay as refusal:
            raise CommandError(str(refusal)) from refusal
        if not yes:
            self.stdout.write(
                "Dry run: nothing is deleted. Run again with --yes to delete this.\n"
            )
        self.write_plan(plan)
        if yes:
            self.write_deleted(carry_out(plan))
            if delete_files:
                self.delete_folders(plan)
        self.write_next_steps(plan)
        if not yes:
            self.line("\nNothing was deleted (dry run).")

    def line(self, text: str = "") -> None:
        self.stdout.write(text)

    def write_plan(self, plan: Plan) -> None:
        self.write_pages(plan)
        self.line("Rows the apps created in the host's tables:")
        for leftovers in plan.leftovers:
            for rows in leftovers.shared:
                self.line(
                    f"  {leftovers.app_label}: {rows.description}: {rows.count()}"
                )
                for name in rows.names():
                    self.line(f"    - {name}")
        self.line("Rows of the host's tables about the apps' models and pages:")
        pointing = [*plan.pointing, *filter(None, [plan.task_results])]
        for rows in pointing:
            if count := rows.count():
                self.line(f"  {rows.description}: {count}")
        self.line(
            "  (and the log entries that deleting the pages writes; permissions and "
            "content types go with remove_stale_contenttypes)\n"
        )
        self.line(
            "Records erased when 'migrate <app> zero' drops the apps' tables "
            "(export what the office must keep first):"
        )
        for leftovers in plan.leftovers:
            for rows in leftovers.records:
                count = rows.count() if rows.stored() else "table dropped"
                self.line(f"  {leftovers.app_label}: {rows.description}: {count}")
        self.line()
        self.write_files(plan)

    def write_pages(self, plan: Plan) -> None:
        self.line(
            f"Pages: {len(plan.page_ids)}, deleted with their revisions, workflow "
            "states and comments. The top ones (everything below them goes too):"
        )
        for page in plan.top_pages:
            self.line(
                f"  - {page.title} ({page.specific_class._meta.label}, id {page.pk}, "
                f"{page.url_path})"
            )
        self.line("  By type:")
        for label, count in sorted(plan.pages_by_type.items()):
            if label.split(".")[0] in plan.app_labels:
                self.line(f"    {label}: {count}")
        for label, count in sorted(plan.pages_by_type.items()):
            if label.split(".")[0] not in plan.app_labels:
                self.line(f"    {label}: {count} (another app's pages, below ours)")
        self.line()

    def write_files(self, plan: Plan) -> None:
        self.line("Files (left in place; --yes --delete-files deletes them):")
        for leftovers in plan.leftovers:
            for folder in leftovers.folders:
                self.line(f"  {leftovers.app_label}: {folder} ({describe(folder)})")
        self.line(
            "  Images and documents used by the apps' pages are in Wagtail's "
            "library, shared with the host's pages: they stay.\n"
        )

    def write_deleted(self, deleted: dict[str, int]) -> None:
        self.line("Deleted rows:")
        for label, count in sorted(deleted.items()):
            self.line(f"  {label}: {count}")
        if not deleted:
            self.line("  none")
        self.line()

    def delete_folders(self, plan: Plan) -> None:
        for leftovers in plan.leftovers:
            for folder in leftovers.folders:
                if folder.exists():
                    shutil.rmtree(folder)
                    self.line(f"Deleted the folder {folder}")
        root = private_media_root()
        if root.is_dir() and not any(root.iterdir()):
            root.rmdir()
            self.line(f"Deleted the empty folder {root}")
        self.line()

    def write_next_steps(self, plan: Plan) -> None:
        labels = [label for label in reversed(plan.app_labels) if label != "kcs_core"]
        self.line("Then drop the apps' tables:")
        for label in [*labels, "kcs_core"]:
            self.line(f"  manage.py migrate {label} zero")
        self.line(
            "then take the apps out of INSTALLED_APPS, MIDDLEWARE and urls.py, and "
            "run:\n"
            "  manage.py remove_stale_contenttypes --include-stale-apps\n"
            "  manage.py update_index\n"
            "(docs/install.md, 'Uninstall')"
        )


def describe(folder: Path) -> str:
    """How many files a folder holds and their size."""
    if not folder.exists():
        return "none"
    files = [path for path in folder.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    return f"{len(files)} files, {size / 2**20:.1f} MB"
