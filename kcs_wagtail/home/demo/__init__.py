"""Demo content of each app, loaded by ``manage.py load_demo``.

Each module exposes ``load(command, home, english_home)``: idempotent, it creates what
is missing below the Thai home page (and its English translation) and writes progress
with ``command.stdout.write``.
"""
