"""System checks of the tip channel's configuration."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_keys(app_configs, **kwargs):
    """Production needs its own encryption and receipt keys: with keys derived from
    SECRET_KEY, rotating SECRET_KEY would make every stored tip unreadable."""
    warnings = []
    if not getattr(settings, "KCS_TIPS_ENCRYPTION_KEYS", None):
        warnings.append(
            Warning(
                "KCS_TIPS_ENCRYPTION_KEYS is not set: tips are encrypted with a key "
                "derived from SECRET_KEY.",
                hint="Generate one with: manage.py tips_rotate_key --generate",
                id="tips.W001",
            )
        )
    if not getattr(settings, "KCS_TIPS_RECEIPT_KEY", ""):
        warnings.append(
            Warning(
                "KCS_TIPS_RECEIPT_KEY is not set: receipt codes are hashed with a "
                "key derived from SECRET_KEY.",
                hint="Set it to a long random string and never change it.",
                id="tips.W002",
            )
        )
    return warnings


PRIVACY_SETTINGS = {
    "DEFAULT_EXCEPTION_REPORTER_FILTER": "tips.debug.TipExceptionReporterFilter",
    "DEFAULT_EXCEPTION_REPORTER": "tips.debug.TipExceptionReporter",
}
ANONYMITY_MIDDLEWARE = "tips.middleware.TipAnonymityMiddleware"


@register(Tags.security)
def check_tip_privacy(app_configs, **kwargs):
    """The tip channel's protections are not optional: until they are in the
    settings, the site must not start (an error, not a warning). Without them a
    tipster's address reaches the logs, and tip text Django's error e-mails."""
    errors = []
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if not middleware or middleware[0] != ANONYMITY_MIDDLEWARE:
        errors.append(
            Error(
                f"{ANONYMITY_MIDDLEWARE} must be first in MIDDLEWARE: before it, "
                "other middleware could log or store a tipster's address.",
                hint=f'MIDDLEWARE.insert(0, "{ANONYMITY_MIDDLEWARE}")',
                id="tips.E001",
            )
        )
    for name, value in PRIVACY_SETTINGS.items():
        if getattr(settings, name, None) != value:
            errors.append(
                Error(
                    f"{name} must be {value!r}: otherwise Django's error reports "
                    "send tip text, names and contacts by e-mail.",
                    hint=f'{name} = "{value}"',
                    id="tips.E002",
                )
            )
    return errors
