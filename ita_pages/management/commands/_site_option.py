"""The ``--site`` option shared by the ITA commands."""

from django.core.management.base import CommandError

from wagtail.models import Site


def add_site_argument(parser, help_text: str) -> None:
    parser.add_argument("--site", help=help_text)


def selected_sites(value: str | None) -> list[Site]:
    """Sites named by id or hostname; every site when ``value`` is empty."""
    if not value:
        return list(Site.objects.order_by("pk"))
    sites = Site.objects.filter(hostname=value)
    if value.isdigit():
        sites = Site.objects.filter(pk=int(value)) | sites
    if not sites:
        raise CommandError(f"No site {value!r}.")
    return list(sites)
