"""Settings shared by every environment.

Reads configuration from the environment and holds no secret: ``dev``, ``test`` and
``production`` build on it.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

KCS_APPS = [
    "kcs_core",
    "ita_pages",
    "eservice_forms",
    "tips",
]

INSTALLED_APPS = [
    "kcs_wagtail.home",
    *KCS_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "captcha",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kcs_core.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kcs_core.spreadsheets.FormulaSafeCsvMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kcs_wagtail.urls"
# A form refused by the CSRF check gets a page in the site's layout and language.
CSRF_FAILURE_VIEW = "kcs_core.csrf.csrf_failure"

# Public pages run no inline script or style: everything comes from this site, except
# the video players editors embed. The Wagtail admin keeps its own policy; documents
# are served by Wagtail with a sandboxing policy of their own.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.facebook.com",
]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "kcs_wagtail.wsgi.application"

DEFAULT_SQLITE_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.config(
        default=DEFAULT_SQLITE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", 0))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web process share the file; IMMEDIATE
    # transactions and a timeout turn lock contention into waiting, not errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields (postgres.E005 on 6.0).
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first: the default locale must be ``th`` before Wagtail's first migration
# creates the root page, so that every page starts in Thai.
LANGUAGE_CODE = "th"
LANGUAGES = [
    ("th", "ไทย"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "kcs-wagtail")
# Staff avatars are the initials Wagtail draws, never Gravatar's (which the browser
# would ask with a hash of each member of staff's e-mail address).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Superusers give a second factor too (tip handlers and approvers always do).
KCS_SECOND_FACTOR_FOR_SUPERUSERS = (
    os.environ.get("KCS_SECOND_FACTOR_FOR_SUPERUSERS", "") == "1"
)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Failed sign-ins are limited per account and client (kcs_core.forms).
WAGTAILADMIN_USER_LOGIN_FORM = "kcs_core.forms.ThrottledLoginForm"
# Wagtail's database backend with Thai queries cut into words (kcs_core.search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "kcs_core.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# Background work, Wagtail's own included, goes through django-tasks. The database
# queue needs ``manage.py db_worker`` running beside the site (``make run`` starts it).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CAPTCHA_FONT_SIZE = 32
CAPTCHA_LETTER_ROTATION = (-20, 20)

# Days before the website's renewal date from which the admin dashboard warns.
KCS_RENEWAL_WARNING_DAYS = 60

# Files that must never be public (e-service attachments, tip evidence): outside
# MEDIA_ROOT, served only through permission-checked views.
KCS_PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("KCS_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)

# The proxies in front of the app (nginx, Varnish), comma-separated addresses or
# networks: only they may name the client in X-Forwarded-For, which the rate limits
# use. None by default: then every forwarded header is ignored.
KCS_TRUSTED_PROXIES = [
    proxy.strip()
    for proxy in os.environ.get("KCS_TRUSTED_PROXIES", "").split(",")
    if proxy.strip()
]

# --- api settings ---------------------------------------------------------------
# The plugin's JSON API (kcs_core.api) and Wagtail's API answer other origins only when
# KCS_API_CORS_ORIGINS lists them (comma-separated, e.g. https://app.example.go.th):
# closed by default. "ninja" serves the API browser (/api/docs) from its own files.
INSTALLED_APPS += ["corsheaders", "ninja"]
MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("KCS_API_CORS_ORIGINS", "").split(",")
    if origin.strip()
]
CORS_URLS_REGEX = r"^/api/.*$"
# A front end reads when a throttled client may try again, and the answer's language.
CORS_EXPOSE_HEADERS = ["Retry-After", "Content-Language"]

# An editor's Preview opens the headless front end at KCS_HEADLESS_PREVIEW_URL (e.g.
# https://app.example.go.th/preview/, which reads the draft from
# /api/v2/page_preview/); unset, Preview shows the site's own templates.
INSTALLED_APPS += ["wagtail_headless_preview"]
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": (
        {"default": os.environ["KCS_HEADLESS_PREVIEW_URL"]}
        if os.environ.get("KCS_HEADLESS_PREVIEW_URL")
        else {}
    ),
    "REDIRECT_ON_PREVIEW": True,
    "ENFORCE_TRAILING_SLASH": False,
}

# --- ita_pages settings ---------------------------------------------------------
# The นายก approves the last step without page publish permission (which would let
# them publish directly, skipping the ปลัด); an edit during approval restarts it.
WAGTAIL_FINISH_WORKFLOW_ACTION = "ita_pages.workflows.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# --- eservice_forms settings ----------------------------------------------------

# Largest e-service attachment in bytes, files per field, and tracking attempts
# allowed per client and per reference in 15 minutes.
KCS_ESERVICE_MAX_UPLOAD_SIZE = int(
    os.environ.get("KCS_ESERVICE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
)
KCS_ESERVICE_MAX_FILES = 5
KCS_ESERVICE_TRACKING_LIMIT = 10

# --- tips settings --------------------------------------------------------------

# Tips (anonymous corruption tip-offs). The middleware must come first: it drops the
# client's address and user agent on tip pages before anything else sees them.
MIDDLEWARE.insert(0, "tips.middleware.TipAnonymityMiddleware")

# --- caching --------------------------------------------------------------------
# Every response says whether a shared HTTP cache may keep it; it sees the final
# Set-Cookie and Vary headers, so it comes right after the tip channel's middleware.
MIDDLEWARE.insert(1, "kcs_core.cache_control.CacheControlMiddleware")
# A NUL character anywhere in a request is refused with 400 (PostgreSQL cannot hold it),
# after CORS so that an API's refusal reaches a front end on another origin.
MIDDLEWARE.insert(
    MIDDLEWARE.index("corsheaders.middleware.CorsMiddleware") + 1,
    "kcs_core.input_guard.RejectNulMiddleware",
)
# How long the HTTP cache in front keeps a page that is the same for every visitor
# (s-maxage). Publishing purges it sooner: set KCS_FRONTEND_CACHE_URL (production).
KCS_SHARED_CACHE_SECONDS = int(os.environ.get("KCS_SHARED_CACHE_SECONDS", 600))
# Error e-mails for tip pages carry no address, headers, form data or local variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "tips.debug.TipExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "tips.debug.TipExceptionReporter"
# Fernet keys (newest first, comma-separated) that encrypt tip text and files at rest,
# and the key of the receipt-code hash. Generate with `manage.py tips_rotate_key
# --generate`. Without them, keys are derived from SECRET_KEY (development only).
KCS_TIPS_ENCRYPTION_KEYS = [
    key.strip()
    for key in os.environ.get("KCS_TIPS_ENCRYPTION_KEYS", "").split(",")
    if key.strip()
]
KCS_TIPS_RECEIPT_KEY = os.environ.get("KCS_TIPS_RECEIPT_KEY", "")
# Closed tips are erased this many days after closing; only their counts remain.
KCS_TIPS_RETENTION_DAYS = int(os.environ.get("KCS_TIPS_RETENTION_DAYS", 5 * 365))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's request log carries client addresses; keep it to errors.
        "django.server": {"level": "WARNING"},
    },
}
