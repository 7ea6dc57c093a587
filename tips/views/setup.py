"""The admin's "Tip channel" screen: each site's channel and its handlers, and the
action that sets a channel up (:func:`tips.setup.set_up_channel`). Wired in
``wagtail_hooks.py``; offered to users who may act for a site."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kcs_core.admin_screens import admin_screen
from kcs_core.permissions import editable_sites
from tips.setup import CHANNEL_PAGES, find_channels, may_set_up, set_up_channel


def channel_setup(request):
    """Each site the user may act for: its channel's pages and handlers, and the
    button that sets up what is missing."""
    sites = editable_sites(request.user).select_related("root_page")
    sites = list(sites.order_by("hostname", "port"))
    if not sites:
        raise PermissionDenied
    if request.method == "POST":
        return set_up(request, sites)
    return admin_screen(
        request,
        "tips/admin/setup.html",
        {
            "page_title": _("Tip channel"),
            "header_icon": "warning",
            "rows": [channel_row(request, channel) for channel in find_channels(sites)],
        },
    )


def channel_row(request, channel) -> dict:
    """What the screen shows of one site's ``channel``."""
    can_add_handler = request.user.has_perm("tips.add_tiphandler")
    return {
        "channel": channel,
        "site": channel.site,
        "pages": [
            (capfirst(model._meta.verbose_name), page)
            for (_attribute, model), page in zip(
                CHANNEL_PAGES, channel.pages, strict=True
            )
        ],
        "may_set_up": not channel.is_complete
        and may_set_up(request.user, channel.site),
        "add_handler_url": (
            reverse("tip_handlers:add") + "?" + urlencode({"site": channel.site.pk})
            if can_add_handler
            else None
        ),
    }


def set_up(request, sites):
    """Set up the posted site's channel, then show the screen again."""
    site = next(
        (site for site in sites if str(site.pk) == request.POST.get("site")), None
    )
    if site is None or not may_set_up(request.user, site):
        raise PermissionDenied
    channel = set_up_channel(site, user=request.user)
    name = site.site_name or site.hostname
    if channel.created:
        messages.success(
            request,
            ngettext(
                "The tip channel of %(site)s is set up: %(count)d page published.",
                "The tip channel of %(site)s is set up: %(count)d pages published.",
                len(channel.created),
            )
            % {"site": name, "count": len(channel.created)},
        )
    else:
        messages.info(
            request,
            _("The tip channel of %(site)s was already set up: nothing was changed.")
            % {"site": name},
        )
    return redirect("tips_setup_channel")
