"""Migrate a bare Wagtail site with the kcs-wagtail apps and serve one page of each app.

Run with ``DJANGO_SETTINGS_MODULE=tests.bare_site.settings`` as
``python -m tests.bare_site.smoke``; prints one ``path status`` line per page and
exits non-zero on any failure.
"""

import sys

import django


def main() -> int:
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from wagtail.models import Site

    from eservice_forms.models import ServiceIndexPage
    from ita_pages.models import DisclosureSectionPage
    from tips.models import TipFormPage

    call_command("migrate", verbosity=0, interactive=False)
    home = Site.objects.get(is_default_site=True).root_page
    pages = [
        home.add_child(instance=DisclosureSectionPage(title="ITA", slug="ita")),
        home.add_child(instance=ServiceIndexPage(title="Services", slug="services")),
        home.add_child(instance=TipFormPage(title="Report corruption", slug="report")),
    ]
    client = Client()
    failures = 0
    for page in pages:
        response = client.get(page.url)
        html = response.content.decode()
        # Styled with nothing from the host's base.html but {% block content %}.
        ok = response.status_code == 200 and page.title in html and "kcs.css" in html
        failures += not ok
        sys.stdout.write(f"{page.url} {response.status_code}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
