"""Create an e-service on a site from a preset, as the admin's "New e-service" does
(:func:`eservice_forms.setup.new_service`): a draft unless ``--publish``, the site's
e-service section first if it has none. ``--list`` prints the presets."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from eservice_forms.presets import PRESETS
from eservice_forms.setup import ServiceExists, new_service
from kcs_core.management.sites import add_site_argument, site_named


class Command(BaseCommand):
    help = "Create an e-service on a site from a preset (a draft unless --publish)."

    def add_arguments(self, parser):
        add_site_argument(parser)
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
        site = site_named(options["site"])
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
