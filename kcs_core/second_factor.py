"""A second factor (TOTP, django-otp) for the accounts whose theft hurts most: tip
handlers and approvers.

After the password, such an account is signed in but not *verified*: every admin
screen sends it to :mod:`kcs_core.second_factor_views` first, and everywhere else
it counts as signed out. A password reset only changes the password, so it never
skips the code. Nobody can set up, see or remove another person's second factor.

Which accounts need it is an extension point: each app registers a
``kcs_requires_second_factor`` hook, a function of the user that returns True when
that app's role needs a second factor (see :func:`is_approver`).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.checks import Error, Tags, register
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from wagtail import hooks


def is_approver(user) -> bool:
    """A member of a group named in an active group approval task (Wagtail's, or
    a subclass such as the ITA approval steps)."""
    from wagtail.models import AbstractGroupApprovalTask

    return any(
        model.objects.filter(active=True, groups__user=user).exists()
        for model in apps.get_models()
        if issubclass(model, AbstractGroupApprovalTask)
    )


def requires_second_factor(user) -> bool:
    """Whether ``user`` must give a one-time code after their password: approvers,
    every role an app's ``kcs_requires_second_factor`` hook names, and superusers
    where ``KCS_SECOND_FACTOR_FOR_SUPERUSERS`` is on."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser and getattr(
        settings, "KCS_SECOND_FACTOR_FOR_SUPERUSERS", False
    ):
        return True
    return is_approver(user) or any(
        check(user) for check in hooks.get_hooks("kcs_requires_second_factor")
    )


def is_verified(user) -> bool:
    """Whether this session's user gave a valid code (django-otp's middleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class SecondFactorMiddleware:
    """Stops a user who needs a second factor and has not given it this session.

    Goes right after django-otp's ``OTPMiddleware``. In the admin it redirects to
    the code (or set-up) screen; elsewhere the request goes on as a visitor's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: do not touch the session,
        # or every page would vary on cookies and no cache could share it.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not is_verified(user)
            and requires_second_factor(user)
        ):
            response = self.stop(request)
            if response is not None:
                return response
        return self.get_response(request)

    def stop(self, request):
        """A redirect to the code screen for admin pages; for any other page, the
        request continues signed out. None for the screens that take the code."""
        open_paths = (
            reverse("kcs_second_factor:verify"),
            reverse("wagtailadmin_logout"),
            # What the code screen itself loads: the admin's icons and translations.
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
            reverse("kcs_admin_javascript_catalog"),
        )
        if request.path in open_paths:
            return None
        if request.path.startswith(reverse("wagtailadmin_home")):
            target = reverse("kcs_second_factor:verify")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        request.user = AnonymousUser()
        return None


OTP_APPS = (
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
)
MIDDLEWARE_IN_ORDER = (
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kcs_core.second_factor.SecondFactorMiddleware",
)


@register(Tags.security)
def check_second_factor_installed(app_configs, **kwargs):
    """Without django-otp, nobody who needs a second factor can give one: tip
    handlers read nothing (the check fails closed), so say what to add."""
    missing = [name for name in OTP_APPS if not apps.is_installed(name)]
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    positions = [
        middleware.index(name) if name in middleware else -1
        for name in MIDDLEWARE_IN_ORDER
    ]
    errors = []
    if missing:
        errors.append(
            Error(
                "Tip handlers and approvers need a second factor, but "
                f"{', '.join(missing)} is not in INSTALLED_APPS.",
                hint=f"Add {', '.join(repr(name) for name in OTP_APPS)}.",
                id="kcs_core.E001",
            )
        )
    if -1 in positions or positions != sorted(positions):
        errors.append(
            Error(
                "The second factor's middleware is missing or out of order.",
                hint="In MIDDLEWARE, after AuthenticationMiddleware: "
                f"{MIDDLEWARE_IN_ORDER[1]!r}, then {MIDDLEWARE_IN_ORDER[2]!r}.",
                id="kcs_core.E002",
            )
        )
    return errors
