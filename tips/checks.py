"""System checks of the tip channel's configuration."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
