"""Settings for the test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault(
    "DATABASE_URL",
    f"sqlite:///{os.path.join(tempfile.gettempdir(), f'kcs-{os.getpid()}.sqlite3')}",
)

from .base import *  # noqa: E402, F403

# One test database per run, so that runs side by side never drop each other's.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: concurrency tests need SQLite's busy timeout
    # and IMMEDIATE transactions to behave as in production.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kcs-test-{os.getpid()}.sqlite3")
    }
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_kcs_{os.getpid()}"}  # noqa: F405

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
# Pace tickets (kcs_core.pacing) as cheap as can be: the tests solve them as a
# browser would, and the costs they compare are in the tickets.
KCS_PACE_BASE_WORK = 8
KCS_PACE_ITERATIONS = 1
