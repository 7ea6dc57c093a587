"""Copy an index's evidence links into a later year's index through a crosswalk."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ita_pages.models import ITAIndexPage
from ita_pages.yearly import copy_links, parse_crosswalk


class Command(BaseCommand):
    help = (
        "Copy evidence links from one index to another; --crosswalk FILE maps old "
        "codes to new ones (lines 'old,new')."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", type=int, help="id of last year's index page")
        parser.add_argument("target", type=int, help="id of the new year's index page")
        parser.add_argument("--crosswalk", help="CSV file of old,new code pairs")

    def handle(self, *args, source, target, crosswalk, **options):
        pages = ITAIndexPage.objects.in_bulk([source, target])
        if source not in pages or target not in pages:
            raise CommandError("Both ids must be ITA index pages.")
        if (
            pages[source].assessment_year.site_id
            != pages[target].assessment_year.site_id
        ):
            raise CommandError("Both indexes must belong to the same site.")
        try:
            mapping = parse_crosswalk(
                Path(crosswalk).read_text(encoding="utf-8") if crosswalk else ""
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        result = copy_links(pages[source], pages[target], mapping)
        for line in result.copied:
            self.stdout.write(f"copied {line}")
        for code in result.unmapped:
            self.stdout.write(self.style.WARNING(f"not mapped: {code}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.copied)} copied, {len(result.already)} already there, "
                f"{len(result.unmapped)} not mapped. Publish the index to apply."
            )
        )
