"""Model fields of the tip channel: text stored encrypted (see :mod:`tips.crypto`)."""

from django.db import models

from tips import crypto


class EncryptedTextField(models.TextField):
    """Text that the database only ever holds as a Fernet token.

    Reads decrypt with any configured key and saves encrypt with the newest, so
    loading and saving a row re-encrypts it (``tips_rotate_key`` relies on this).
    The stored token cannot be searched or filtered on.
    """

    def from_db_value(self, value, expression, connection):
        return crypto.decrypt_text(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return crypto.encrypt_text(value) if value else value
