"""Load ITA catalogs (the shipped years, or files given) into sites. Idempotent."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ita_pages.catalog import (
    CatalogError,
    load_catalog,
    parse_file,
    shipped_catalog_paths,
)
from kcs_core.management.sites import add_site_argument, selected_sites


class Command(BaseCommand):
    help = "Load ITA catalogs into every site (or --site): shipped years or FILES."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="JSON or CSV catalog files")
        add_site_argument(parser, every_site=True)
        parser.add_argument(
            "--verified",
            action="store_true",
            help="mark CSV files (and JSON files that do not say) as verified",
        )

    def handle(self, *args, files, site, verified, **options):
        paths = [Path(name) for name in files] or shipped_catalog_paths()
        catalogs = []
        for path in paths:
            try:
                catalogs.append(parse_file(path.name, path.read_bytes(), verified))
            except CatalogError as exc:
                raise CommandError(f"{path.name}:\n" + "\n".join(exc.errors)) from exc
        for target in selected_sites(site):
            for catalog in catalogs:
                year, created = load_catalog(target, catalog)
                state = "verified" if year.verified else "draft"
                action = "created" if created else "updated"
                self.stdout.write(
                    f"{target.hostname}: {year.year} {action} "
                    f"({len(catalog.items)} items, {state})"
                )
