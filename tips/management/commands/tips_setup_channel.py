"""Set a site's tip channel up, as the admin's "Tip channel" screen does.

Creates and publishes the tip page, its guideline and its statistics page where
missing (see :func:`tips.setup.set_up_channel`); re-runnable. Handlers are named
in the admin afterwards (Settings → Tip handlers).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kcs_core.management.sites import add_site_argument, site_named
from tips.setup import set_up_channel


class Command(BaseCommand):
    help = "Set up a site's tip channel: its tip, guideline and statistics pages."

    def add_arguments(self, parser):
        add_site_argument(parser, required=True)

    def handle(self, *args, **options):
        site = site_named(options["site"])
        channel = set_up_channel(site)
        for page in channel.created:
            self.stdout.write(
                _("Created the page “%(title)s”: %(url)s")
                % {"title": page.title, "url": page.get_full_url()}
            )
        if not channel.created:
            self.stdout.write(_("The tip channel was already set up."))
        if not channel.handlers:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "No tip handler yet: nobody reads this channel's tips until "
                        "one is added in the admin (Settings > Tip handlers)."
                    )
                )
            )
