"""Production settings for a site a script drives on this machine: the benchmarks
(``bench/settings.py``) and the fault tests (``tests/faults/settings.py``). Plain HTTP
on 127.0.0.1, static files from the apps' folders, mail kept in memory, and the robot
defences a scripted client cannot pass switched off: the captcha takes "PASSED", no
minimum fill time, and pace tickets still fetched, solved and redeemed but at almost
no work. Never for a site people use."""

import os

os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.environ.setdefault("DJANGO_SECURE_HSTS_SECONDS", "0")

from .production import *  # noqa: E402, F403

ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
CAPTCHA_TEST_MODE = True
KCS_TIPS_MIN_FILL_SECONDS = 0
KCS_TIPS_REFUSED_SUBMISSIONS_PER_HOUR = 10**9
KCS_PACE_FREE_FILINGS = 10**9
KCS_PACE_BASE_WORK = 1
KCS_PACE_ITERATIONS = 1
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
