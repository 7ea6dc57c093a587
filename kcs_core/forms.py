"""Forms of the plugin: the throttled admin sign-in the host site may install, the
page-form check that keeps child slugs clear of their parent page's routes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.contrib.routable_page.models import RoutablePageMixin

from kcs_core import throttle
from kcs_core.editor_changes import EditorChangesMixin

LOGIN_WINDOW_SECONDS = 15 * 60


class ThrottledLoginForm(LoginForm):
    """Wagtail's sign-in form with a limit on failed attempts, so that passwords
    cannot be guessed at speed.

    Failures count per account and client together (``KCS_LOGIN_FAILURES``, 5) and
    per client alone (``KCS_LOGIN_FAILURES_PER_CLIENT``, 20), for 15 minutes. The
    client is an hourly pseudonym of its address; nothing else is stored. Install
    with ``WAGTAILADMIN_USER_LOGIN_FORM = "kcs_core.forms.ThrottledLoginForm"``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's password box has no label of its own: Django would show the
        # field's name, "Password", untranslated.
        self.fields["password"].label = _("Password")

    def limits(self) -> list[tuple[str, int]]:
        """``[(throttle name, failures allowed)]`` for this attempt."""
        meta = self.request.META if self.request else {}
        client = throttle.client_key(meta)
        account = throttle.digest(self.data.get("username", "").strip().lower())
        return [
            (f"login:{account}:{client}", getattr(settings, "KCS_LOGIN_FAILURES", 5)),
            (
                f"login:{client}",
                getattr(settings, "KCS_LOGIN_FAILURES_PER_CLIENT", 20),
            ),
        ]

    def clean(self):
        limits = self.limits()
        if any(
            throttle.exceeded(name, limit, LOGIN_WINDOW_SECONDS)
            for name, limit in limits
        ):
            raise ValidationError(
                _(
                    "Too many failed sign-in attempts. Please wait 15 minutes and "
                    "try again."
                ),
                code="throttled",
            )
        try:
            return super().clean()
        except ValidationError:
            for name, _limit in limits:
                throttle.count(name, LOGIN_WINDOW_SECONDS)
            raise


FILES_NOT_KEPT = _("Files cannot be kept: please choose your files again.")


def ask_for_files_again(form, files) -> None:
    """A browser cannot be given files back: on a refused ``form``, each file box
    whose files came with it says so next to it (and in the error summary, linked
    to the box), where a resident on a phone looks, not only at the top."""
    if not form.is_bound:
        return
    for name in files:
        if name in form.fields and FILES_NOT_KEPT not in form.errors.get(name, []):
            form.add_error(name, FILES_NOT_KEPT)


def slug_taken_by_route(parent, slug: str) -> bool:
    """Whether ``parent`` answers ``<parent>/<slug>/`` with a route of its own (an
    ITA item's permanent link, e-service tracking, the notice board), so that a child
    page with that slug would never be reached."""
    if parent is None or not slug:
        return False
    parent = parent.specific
    if not isinstance(parent, RoutablePageMixin):
        return False
    try:
        parent.resolve_subpage(f"/{slug}/")
    except Http404:
        return False
    return True


class RouteSafeSlugMixin:
    """For admin page forms: refuses a slug the parent page answers itself."""

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get("slug")
        if slug_taken_by_route(self.parent_page, slug):
            self.add_error(
                "slug",
                _(
                    "The page above already uses “%(slug)s” for an address of its "
                    "own (such as an ITA item's permanent link); choose another slug."
                )
                % {"slug": slug},
            )
        return cleaned_data


class ReviewSafePageForm(EditorChangesMixin, WagtailAdminPageForm):
    """The admin form of the apps' pages: a reviewer who approves a page from the
    edit view without changing it hands it to the next step of its workflow."""


class RouteSafePageForm(RouteSafeSlugMixin, ReviewSafePageForm):
    """The admin form of pages that live under the apps' routable pages."""
