"""Create each site's ITA groups and two-step approval workflow. Idempotent."""

from django.core.management.base import BaseCommand

from ita_pages.approvals import setup_site_approval
from ita_pages.management.commands._site_option import (
    add_site_argument,
    selected_sites,
)


class Command(BaseCommand):
    help = (
        "Create the editors, chief administrator and chief executive groups and the "
        "two-step workflow of every site (or --site), on its ITA tree."
    )

    def add_arguments(self, parser):
        add_site_argument(parser, "site id or hostname (default: every site)")

    def handle(self, *args, site, **options):
        for target in selected_sites(site):
            approval = setup_site_approval(target)
            self.stdout.write(
                f"{target.hostname}: workflow '{approval.workflow.name}' on "
                f"{len(approval.roots)} ITA root pages"
            )
