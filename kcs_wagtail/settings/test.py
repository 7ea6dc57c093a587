"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os

os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")

from .base import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = "test-only-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inline in tests, so their effects can be asserted right away.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# django-simple-captcha reads this once at import: override_settings cannot switch it.
CAPTCHA_TEST_MODE = True
WAGTAILADMIN_BASE_URL = "http://testserver"
