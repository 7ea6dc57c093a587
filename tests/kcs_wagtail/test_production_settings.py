"""Production settings read the environment and refuse to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def read_env_file(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs = (
        line.split("=", 1)
        for line in lines
        if line.strip() and not line.startswith("#")
    )
    return {key.strip(): value.strip() for key, value in pairs}


# The documented sample environment, as an operator would copy it.
SAMPLE_ENV = read_env_file(ROOT / "docs" / "production.env.example")


def run_django(code_or_args, env_overrides, *, manage=False):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "AWS_"))
    }
    env.update(env_overrides)
    args = (
        [sys.executable, "manage.py", *code_or_args]
        if manage
        else [sys.executable, "-c", code_or_args]
    )
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_refuses_to_start_without_secret_key():
    env = dict(SAMPLE_ENV)
    env.pop("DJANGO_SECRET_KEY")
    result = run_django(["check"], env, manage=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_reads_everything_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['HOST'], s.DATABASES['default']['NAME'], "
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], "
        "s.STORAGES['default']['BACKEND'], "
        "s.STORAGES['default']['OPTIONS']['bucket_name'], "
        "','.join(s.ALLOWED_HOSTS), s.EMAIL_HOST, s.DEBUG)"
    )
    result = run_django(code, SAMPLE_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "db.internal",
        "kcs",
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
        "storages.backends.s3.S3Storage",
        "kcs-media",
        "www.example.go.th,example.go.th",
        "smtp.example.go.th",
        "False",
    ]


def test_public_pages_may_show_images_from_the_media_bucket():
    code = (
        "from django.conf import settings as s; "
        "d = s.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(' '.join(d['img-src']), '|', ' '.join(d['script-src']))"
    )
    for extra, origin in [
        ({}, "https://s3.example.test"),
        (
            {"AWS_S3_CUSTOM_DOMAIN": "media.example.go.th"},
            "https://media.example.go.th",
        ),
    ]:
        result = run_django(code, {**SAMPLE_ENV, **extra})
        assert result.returncode == 0, result.stderr
        images, scripts = result.stdout.split("|")
        assert origin in images
        assert scripts.split() == ["'self'"]


def test_check_deploy_prints_no_warning():
    result = run_django(
        ["check", "--deploy", "--fail-level", "WARNING"], SAMPLE_ENV, manage=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
