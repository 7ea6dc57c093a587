"""Settings for ``make bench``: production settings on this machine's PostgreSQL and
Redis, plain HTTP on 127.0.0.1, plus the trivial view the figures are compared with."""

import os
import tempfile

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-any-real-deployment"
)
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kcs_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")
os.environ.setdefault(
    "KCS_PRIVATE_MEDIA_ROOT", os.path.join(tempfile.gettempdir(), "kcs-bench-private")
)

from kcs_wagtail.settings.production import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["*"]
# Static files from the apps' folders, without a collectstatic step.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
# Submissions are measured, not the defences against robots: the benchmark client
# answers "PASSED" to the captcha, files at once, and every tip comes from 127.0.0.1.
CAPTCHA_TEST_MODE = True
KCS_TIPS_MIN_FILL_SECONDS = 0
KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR = 10**9
# Pace tickets still have to be fetched, solved and redeemed, at almost no work.
KCS_PACE_FREE_FILINGS = 10**9
KCS_PACE_BASE_WORK = 1
KCS_PACE_ITERATIONS = 1
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
