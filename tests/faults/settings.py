"""Settings of the gunicorn the fault tests start: the production settings, on the
database and private media root the test passes in the environment, plain HTTP on
127.0.0.1, static files from the apps' folders, no HTTP cache in front (every
request reaches the database), and the robot defences a scripted client cannot pass
switched off."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "faults-only-secret-key-not-for-any-site")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")

from kcs_wagtail.settings.production import *  # noqa: E402, F403

ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
CAPTCHA_TEST_MODE = True
KCS_TIPS_MIN_FILL_SECONDS = 0
KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR = 10**9
# Every filing still carries a solved pace ticket, at almost no work, from one address.
KCS_PACE_FREE_FILINGS = 10**9
KCS_PACE_BASE_WORK = 1
KCS_PACE_ITERATIONS = 1
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
