"""Create an e-service on a site from a preset, as the admin's "New e-service" does
(:func:`eservice_forms.setup.new_service`): a draft unless ``--publish``, the site's
e-service section first if it has none. ``--list`` prints the presets."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail.models import Site

from eservice_forms.presets import PRESETS
from eservice_forms.setup import ServiceExists, new_service


def find_site(value: str) -> Site:
    """A site by id, host name, or ``host:port``."""
    if value.isdigit():
        sites = Site.objects.filter(pk=int(value))
    else:
        hostname, _colon, port = value.partition(":")
        sites = Site.objects.filter(hostname=hostname)
        if port.isdigit():
            sites = sites.filter(port=int(port))
    found = list(sites[:2])
    if len(found) != 1:
        raise CommandError(
            _("No single site matches “%(site)s”; give its id or host:port.")
            % {"site": value}
            if found
            else _("There is no site “%(site)s”.") % {"site": value}
        )
    return found[0]


class Command(BaseCommand):
    help = "Create an e-service on a site from a preset (a draft unless --publish)."

    def add_arguments(self, parser):
        parser.add_argument("--site", help="The site's id, host name or host:port.")
        parser.add_argument("--preset", help="The preset's slug (see --list).")
        parser.add_argument(
            "--publish", action="store_true", help="Publish instead of saving a draft."
        )
        parser.add_argument(
            "--to-address",
            default="",
            help="Staff e-mail addresses told of each new request, comma-separated.",
        )
        parser.add_argument("--list", action="store_true", help="List the presets.")

    def handle(self, *args, **options):
        if options["list"]:
            for preset in PRESETS:
                self.stdout.write(f"{preset.slug}\t{preset.title}\t{preset.title_en}")
            return
        if not options["site"] or not options["preset"]:
            raise CommandError(_("Give --site and --preset, or --list."))
        site = find_site(options["site"])
        try:
            page = new_service(
                site,
                options["preset"],
                publish=options["publish"],
                to_address=options["to_address"],
            )
        except (LookupError, ServiceExists) as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            (
                _("Published the e-service “%(title)s”: %(edit)s")
                if options["publish"]
                else _("Created the draft e-service “%(title)s”: %(edit)s")
            )
            % {
                "title": page.title,
                "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            }
        )
