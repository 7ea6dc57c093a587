"""Build a year's tree of draft evidence pages below its index page. Re-runnable."""

from django.core.management.base import BaseCommand, CommandError

from ita_pages.models import ITAIndexPage
from ita_pages.yearly import seed_year_tree


class Command(BaseCommand):
    help = "Create draft evidence pages for every item of an index's year."

    def add_arguments(self, parser):
        parser.add_argument("index", type=int, help="id of the ITA index page")

    def handle(self, *args, index, **options):
        page = ITAIndexPage.objects.filter(pk=index).first()
        if page is None:
            raise CommandError(f"No ITA index page with id {index}.")
        result = seed_year_tree(page, progress=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} created, {len(result.existing)} existing."
            )
        )
