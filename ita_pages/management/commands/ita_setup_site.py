"""Set one site up for ITA in a year, as the admin's *Set up ITA for a site* does.
Idempotent."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ita_pages.setup import SetupError, set_up_site
from kcs_core.management.sites import add_site_argument, site_named


class Command(BaseCommand):
    help = (
        "Set a site up for ITA in a year: its catalog (the shipped ones if it has "
        "none for the year), the top section 'ita', the year's index, their "
        "translations, the approval groups and workflow, and the year's draft "
        "evidence pages. Re-runnable: only what is missing is created."
    )

    def add_arguments(self, parser):
        add_site_argument(parser, required=True)
        parser.add_argument(
            "--year", required=True, type=int, help="Buddhist-era year, e.g. 2568"
        )

    def handle(self, *args, site, year, **options):
        target = site_named(site)
        try:
            result = set_up_site(target, year)
        except SetupError as exc:
            raise CommandError(str(exc)) from exc
        for label in result.created:
            self.stdout.write(_("Created: %(what)s") % {"what": label})
        for label in result.found:
            self.stdout.write(_("Already there: %(what)s") % {"what": label})
        self.stdout.write(
            self.style.SUCCESS(
                _("%(host)s: ITA %(year)s is set up; index %(url)s (id %(id)s).")
                % {
                    "host": target.hostname,
                    "year": year,
                    "url": result.index.full_url,
                    "id": result.index.pk,
                }
            )
        )
