"""Delete tip evidence files that no attachment references (left by a process killed
while storing a tip), older than ``--grace-minutes``."""

from kcs_core.management.reconcile import ReconcileFilesCommand
from tips.models import TipAttachment


class Command(ReconcileFilesCommand):
    help = "Delete tip evidence files that no tip references."

    def get_storage(self):
        return TipAttachment._meta.get_field("original").storage

    def referenced_names(self) -> set[str]:
        rows = TipAttachment.objects.values_list("original", "sanitized")
        return {name for pair in rows for name in pair}
