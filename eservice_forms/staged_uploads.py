"""Files uploaded at the "check your answers" step.

Browsers send a file once. When the resident moves on to check their answers, each
new file is stored as a :class:`~eservice_forms.models.PendingUpload` under a random
token; the page carries the tokens, signed, in a hidden input, and the confirm step
reads the files back. ``cleanup_pending_uploads`` removes what was never confirmed,
and what one client and one site may stage in an hour is bounded (a review POST that
is never confirmed must not fill the disk).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.utils.datastructures import MultiValueDict

from kcs_core import throttle
from kcs_core.files import kept_copy

from .models.requests import PendingUpload

SALT = "eservice_forms.staged"
MAX_AGE = 24 * 60 * 60


class StagingQuotaExceeded(Exception):
    """More bytes staged in the last hour than one client or one site may stage."""


def staging_quotas(client_key: str, site_id: int) -> list[tuple[str, int]]:
    """``(counter, bytes per hour)`` for the client (by its hourly pseudonym) and the
    site: ``KCS_ESERVICE_STAGED_BYTES_PER_CLIENT`` (100 MB) and
    ``KCS_ESERVICE_STAGED_BYTES_PER_SITE`` (2 GB)."""
    return [
        (
            f"esv-staged:client:{client_key}",
            getattr(settings, "KCS_ESERVICE_STAGED_BYTES_PER_CLIENT", 100 * 2**20),
        ),
        (
            f"esv-staged:site:{site_id}",
            getattr(settings, "KCS_ESERVICE_STAGED_BYTES_PER_SITE", 2 * 2**30),
        ),
    ]


def reserve_staging(client_key: str, site_id: int, size: int) -> None:
    """Count ``size`` bytes against both quotas, or raise StagingQuotaExceeded and
    count nothing."""
    quotas = staging_quotas(client_key, site_id)
    if any(throttle.total(name) + size > limit for name, limit in quotas):
        raise StagingQuotaExceeded
    for name, _limit in quotas:
        throttle.count(name, amount=size)


class StagedFiles:
    """Tokens of pending uploads, by field key."""

    def __init__(self, tokens: dict[str, list[str]] | None = None):
        self.tokens = tokens or {}

    @classmethod
    def from_signed(cls, value: str) -> "StagedFiles":
        if not value:
            return cls()
        try:
            return cls(signing.loads(value, salt=SALT, max_age=MAX_AGE))
        except signing.BadSignature:
            return cls()

    def signed(self) -> str:
        return signing.dumps(self.tokens, salt=SALT) if self.tokens else ""

    def _uploads(self):
        wanted = {token for tokens in self.tokens.values() for token in tokens}
        if not wanted:
            return {}
        return {
            upload.token: upload
            for upload in PendingUpload.objects.filter(token__in=wanted)
        }

    def names(self) -> dict[str, list[str]]:
        uploads = self._uploads()
        return {
            key: [uploads[t].original_name for t in tokens if t in uploads]
            for key, tokens in self.tokens.items()
        }

    def name_on(self, form) -> None:
        """Name the staged files next to their boxes of ``form``
        (``field.staged_names``, shown by ``includes/fields.html``), and have each
        box described by that line, so a screen reader says it on the box too."""
        for key, names in self.names().items():
            if key not in form.fields:
                continue
            form.fields[key].staged_names = names
            box = form[key]
            attrs = box.field.widget.attrs
            described_by = (
                attrs.get("aria-describedby") or box.aria_describedby or ""
            ).split()
            if (line := f"{box.auto_id}_staged") not in described_by:
                attrs["aria-describedby"] = " ".join([*described_by, line])

    def merged_with(self, files: MultiValueDict, keys: list[str]) -> MultiValueDict:
        """The files of this POST, with staged files for the fields left empty."""
        merged = MultiValueDict()
        uploads = self._uploads()
        for key in keys:
            new = [file for file in files.getlist(key) if file]
            if new:
                merged.setlist(key, new)
                continue
            merged.setlist(
                key,
                [
                    File(
                        uploads[token].file.open("rb"),
                        name=uploads[token].original_name,
                    )
                    for token in self.tokens.get(key, [])
                    if token in uploads
                ],
            )
        return merged

    def add(
        self, files: MultiValueDict, keys: list[str], *, client_key: str, site_id: int
    ) -> "StagedFiles":
        """Stage this POST's new files (replacing earlier ones of the same field,
        whose files are deleted), within the client's and the site's hourly quota."""
        reserve_staging(
            client_key,
            site_id,
            sum(file.size for key in keys for file in files.getlist(key) if file),
        )
        tokens = dict(self.tokens)
        added = []
        try:
            for key in keys:
                new = [file for file in files.getlist(key) if file]
                if not new:
                    continue
                tokens[key] = []
                for file in new:
                    kept, content_type = kept_copy(file)
                    upload = PendingUpload(
                        token=secrets.token_hex(16),
                        original_name=file.name[-255:],
                        content_type=content_type,
                        size=kept.size,
                    )
                    upload.file.save(file.name, kept, save=True)
                    added.append(upload)
                    tokens[key].append(upload.token)
        except BaseException:
            # A file that cannot be written (a full disk) leaves none of this POST's.
            for upload in added:
                upload.delete()
            raise
        self.delete_files_of(
            [key for key in keys if tokens.get(key) != self.tokens.get(key)]
        )
        return StagedFiles(tokens)

    def without(self, keys) -> "StagedFiles":
        """These files without those of ``keys``, whose staged files are deleted (a
        replacement was refused: the resident did not want them any more)."""
        self.delete_files_of(keys)
        return StagedFiles(
            {key: tokens for key, tokens in self.tokens.items() if key not in keys}
        )

    def delete_files_of(self, keys) -> None:
        """Delete the staged files of ``keys`` (replaced, or no longer wanted)."""
        dropped = [token for key in keys for token in self.tokens.get(key, [])]
        for upload in PendingUpload.objects.filter(token__in=dropped):
            upload.delete()

    def discard(self) -> None:
        """Delete the staged files (their content now belongs to a request)."""
        for upload in self._uploads().values():
            upload.delete()
