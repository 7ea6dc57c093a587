"""The ``--site`` option of the apps' management commands: a site named by its id,
its host name, or ``host:port``."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from wagtail.models import Site


def add_site_argument(
    parser, *, required: bool = False, every_site: bool = False
) -> None:
    """The ``--site`` option; ``every_site`` says that without it a command acts on
    every site."""
    help_text = "The site's id, host name or host:port"
    parser.add_argument(
        "--site",
        required=required,
        help=f"{help_text} (default: every site)." if every_site else f"{help_text}.",
    )


def sites_named(value: str) -> list[Site]:
    """The sites ``value`` names: the one whose id it is, else those of its host
    name (and port, given as ``host:port``); an error when none is."""
    if value.isdigit():
        sites = Site.objects.filter(pk=int(value))
    else:
        hostname, _colon, port = value.partition(":")
        sites = Site.objects.filter(hostname=hostname)
        if port.isdigit():
            sites = sites.filter(port=int(port))
    found = list(sites.order_by("pk"))
    if not found:
        raise CommandError(_("There is no site “%(site)s”.") % {"site": value})
    return found


def site_named(value: str) -> Site:
    """The one site ``value`` names; an error when it names none or several."""
    found = sites_named(value)
    if len(found) > 1:
        raise CommandError(
            _("No single site matches “%(site)s”; give its id or host:port.")
            % {"site": value}
        )
    return found[0]


def selected_sites(value: str | None) -> list[Site]:
    """The sites ``value`` names, or every site when it is empty."""
    return sites_named(value) if value else list(Site.objects.order_by("pk"))
