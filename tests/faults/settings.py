"""Settings of the gunicorn the fault tests start: the production settings, on the
database and private media root the test passes in the environment, plain HTTP on
127.0.0.1, static files from the apps' folders, no HTTP cache in front (every
request reaches the database), and the robot defences a scripted client cannot pass
switched off."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "faults-only-secret-key-not-for-any-site")

from kcs_wagtail.settings.scripted import *  # noqa: E402, F403

LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
