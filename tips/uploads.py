"""Upload handling on tip pages: evidence stays in memory, never in a temporary file."""

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler, SkipFile


def max_file_size() -> int:
    """Largest accepted evidence file in bytes (``KCS_TIPS_MAX_FILE_SIZE``, 10 MB)."""
    return getattr(settings, "KCS_TIPS_MAX_FILE_SIZE", 10 * 1024 * 1024)


def max_files() -> int:
    """Most evidence files in one submission or message (``KCS_TIPS_MAX_FILES``, 5)."""
    return getattr(settings, "KCS_TIPS_MAX_FILES", 5)


class InMemoryTipUploadHandler(MemoryFileUploadHandler):
    """Keeps every upload of a tip request in memory, whatever its size, so that no
    unencrypted evidence is written to the server's temporary directory. A file over
    the size limit, or beyond the request's total, is skipped and flagged on the
    request, for the form to report."""

    def handle_raw_input(self, *args, **kwargs):
        super().handle_raw_input(*args, **kwargs)
        self.activated = True
        self.received_total = 0

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        self.received_total += len(raw_data)
        if (
            self.received > max_file_size()
            or self.received_total > max_file_size() * max_files()
        ):
            # The file's name, for the form to say which one it was.
            self.request.tips_oversized_upload = self.file_name
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)
