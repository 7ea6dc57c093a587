"""Settings for ``make bench``: the scripted production profile
(``kcs_wagtail.settings.scripted``) on this machine's PostgreSQL and
Redis, plain HTTP on 127.0.0.1, plus the trivial view the figures are compared with."""

import os
import tempfile

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-any-real-deployment"
)
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kcs_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault(
    "KCS_PRIVATE_MEDIA_ROOT", os.path.join(tempfile.gettempdir(), "kcs-bench-private")
)

from kcs_wagtail.settings.scripted import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
