"""Admin wiring: the handlers' menu item and screens, the handlers list, the tip
channel's set-up screen, and the guard that keeps administrators out of handlers'
accounts."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kcs_core.admin_menu import SiteActionMenuItem
from kcs_core.permissions import editable_sites, sites_of_staff
from kcs_core.site_views import (
    SiteScopedCreateView,
    SiteScopedRecordEditView,
    SiteScopedViewSet,
    log_with_their_site,
)
from tips import admin_urls
from tips.models import TipHandler
from tips.permissions import handled_site_ids, in_handlers_group
from tips.views import setup


@hooks.register("register_admin_urls")
def register_tip_admin_urls():
    return [
        path("tips/", include(admin_urls, namespace="tips_admin")),
        # Outside /admin/tips/, which is the handlers' own: editors set channels up.
        path("tip-channel/setup/", setup.channel_setup, name="tips_setup_channel"),
    ]


class TipHandlersMenuItem(MenuItem):
    """Shown only to tip handlers (not to superusers as such)."""

    def is_shown(self, request):
        return bool(handled_site_ids(request.user))


@hooks.register("register_admin_menu_item")
def register_tips_menu_item():
    return TipHandlersMenuItem(
        _("Tip-offs"), reverse("tips_admin:index"), icon_name="warning", order=250
    )


@hooks.register("register_settings_menu_item")
def register_tip_channel_menu_item():
    return SiteActionMenuItem(
        _("Tip channel"), reverse("tips_setup_channel"), icon_name="warning", order=650
    )


class HandlerAccountsMixin:
    """A handler form whose ``user`` offers the accounts of the sites the editor
    acts for, and accounts of no site yet (a new account); never the staff or
    handlers of only other local governments, whose names it listed."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        user = self.request.user
        if not user.is_superuser:
            mine = set(editable_sites(user).values_list("pk", flat=True))
            footprint = sites_of_staff()
            for handler in TipHandler.objects.values("user_id", "site_id"):
                footprint.setdefault(handler["user_id"], set()).add(handler["site_id"])
            elsewhere = [
                pk for pk, sites in footprint.items() if sites and not sites & mine
            ]
            current = getattr(form.instance, "user_id", None)
            accounts = form.fields["user"].queryset.exclude(pk__in=elsewhere)
            form.fields["user"].queryset = accounts | accounts.model.objects.filter(
                pk=current
            )
        return form


class TipHandlerCreateView(HandlerAccountsMixin, SiteScopedCreateView):
    """The new handler form, its site chosen from ``?site=<id>`` (the tip channel
    screen links here for each site)."""

    def get_initial(self):
        initial = super().get_initial()
        site = self.request.GET.get("site", "")
        if site.isdigit():
            initial["site"] = int(site)
        return initial


class TipHandlerEditView(HandlerAccountsMixin, SiteScopedRecordEditView):
    """A handler's entry, the accounts offered as for a new one."""


class TipHandlerViewSet(SiteScopedViewSet):
    """Who handles each site's tips. Saving an entry puts the user in the "Tip
    handlers" group; the names and positions are shown on the tip page. Each user
    names handlers only for the sites they act for: a handler reads every tip of
    their site."""

    model = TipHandler
    icon = "user"
    add_to_settings_menu = True
    menu_label = _("Tip handlers")
    form_fields = ["site", "user", "name", "position", "position_en", "sort_order"]
    list_display = ["name", "position", "site"]
    list_filter = ["site"]
    add_view_class = TipHandlerCreateView
    edit_view_class = TipHandlerEditView


@hooks.register("register_log_actions")
def log_handlers_with_their_site(actions):
    log_with_their_site(actions, [TipHandler])


@hooks.register("register_admin_viewset")
def register_tip_handler_viewset():
    return TipHandlerViewSet("tip_handlers")


def changes_sign_in(request, user) -> bool:
    """Whether an edit of ``user`` posted in ``request`` would change how they sign
    in: a new password or a new e-mail address (a password reset goes there)."""
    if request.method != "POST":
        return False
    new_email = request.POST.get("email")
    return bool(request.POST.get("password1")) or (
        new_email is not None and new_email.strip().lower() != user.email.lower()
    )


@hooks.register("before_edit_user")
def keep_administrators_out_of_handlers_accounts(request, user):
    """Nobody but a handler changes the handler's password or e-mail: an
    administrator who could, could sign in as them and read every tip. The rest of
    the edit goes through; those two are put back and the administrator told."""
    if request.user.pk == user.pk or not in_handlers_group(user):
        return None
    if changes_sign_in(request, user):
        kept = request.POST.copy()
        kept.update({"password1": "", "password2": "", "email": user.email})
        request.POST = kept
        messages.error(
            request,
            _(
                "This account handles tip-offs: only its owner can change its "
                "password or e-mail address."
            ),
        )
    return None


@hooks.register("kcs_requires_second_factor")
def handlers_need_a_second_factor(user) -> bool:
    return in_handlers_group(user)


from tips.uninstall import leftovers  # noqa: E402 - what kcs_uninstall removes

hooks.register("kcs_uninstall", leftovers)
