"""Create each site's ITA groups and two-step approval workflow on its existing ITA
pages. Idempotent. ``ita_setup_site`` sets a new site up whole."""

from django.core.management.base import BaseCommand

from ita_pages.approvals import setup_site_approval
from kcs_core.management.sites import add_site_argument, selected_sites


class Command(BaseCommand):
    help = (
        "Create the editors, chief administrator and chief executive groups and the "
        "two-step workflow of every site (or --site) and attach it to the site's "
        "existing ITA pages only: a site without them gets no workflow attached. "
        "To set a new site up (section, index, workflow, drafts) use ita_setup_site "
        "or the admin's 'Set up ITA for a site'."
    )

    def add_arguments(self, parser):
        add_site_argument(parser, every_site=True)

    def handle(self, *args, site, **options):
        for target in selected_sites(site):
            approval = setup_site_approval(target)
            self.stdout.write(
                f"{target.hostname}: workflow '{approval.workflow.name}' on "
                f"{len(approval.roots)} ITA root pages"
            )
