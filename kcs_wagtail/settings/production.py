"""Production settings: everything comes from the environment.

Refuses to start without ``DJANGO_SECRET_KEY``. See ``docs/deployment.md`` and the
README's table of environment variables.
"""

import os
from urllib.parse import urlsplit

import django
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list of stripped items."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = False

# Static files are served by the app processes (whitenoise), compressed and hashed.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)  # noqa: F405
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}  # noqa: F405

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set: production refuses to start without a secret key."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL)  # noqa: F405

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", 60))  # noqa: F405
# Check a persistent connection before each request reuses it: after a database
# restart a worker reconnects instead of answering its next request with an error.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kcs"),
        }
    }

# The HTTP cache in front (Varnish, or nginx with the cache-purge module) that
# publishing purges: its address, e.g. http://127.0.0.1:6081. A CDN instead:
# docs/deployment.md.
if os.environ.get("KCS_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "http-cache": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["KCS_FRONTEND_CACHE_URL"],
        }
    }

if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Images and media on public pages now come from the bucket's host.
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        media_origin = "https://" + os.environ["AWS_S3_CUSTOM_DOMAIN"]
    elif os.environ.get("AWS_S3_ENDPOINT_URL"):
        endpoint = urlsplit(os.environ["AWS_S3_ENDPOINT_URL"])
        media_origin = f"{endpoint.scheme}://{endpoint.netloc}"
    else:
        media_origin = "https://*.amazonaws.com"
    for directive in ("img-src", "media-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][directive].append(media_origin)  # noqa: F405

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
ADMINS = env_list("DJANGO_ADMINS")
if django.VERSION < (6, 0):  # (name, address) pairs until Django 6.0
    ADMINS = [("Admin", address) for address in ADMINS]

# Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
# Off only for `make prod` on plain http://127.0.0.1.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_REFERRER_POLICY = "same-origin"

# Filings an hour from one client address and site before each further one costs
# twice the work (kcs_core.pacing). Raise it where many people share one address.
KCS_PACE_FREE_FILINGS = int(os.environ.get("KCS_PACE_FREE_FILINGS", 20))
