"""Delete e-service files that no attachment or pending upload references (left by a
process killed while storing a request), older than ``--grace-minutes``."""

from eservice_forms.models import Attachment, PendingUpload
from kcs_core.management.reconcile import ReconcileFilesCommand


class Command(ReconcileFilesCommand):
    help = "Delete e-service files that no request or pending upload references."

    def get_storage(self):
        return Attachment._meta.get_field("file").storage

    def referenced_names(self) -> set[str]:
        names = set(Attachment.objects.values_list("file", flat=True))
        return names | set(PendingUpload.objects.values_list("file", flat=True))
