"""Demo e-services: the five presets under /e-service/, published, with statistics and
satisfaction pages, in Thai and English — through :mod:`eservice_forms.setup`, the code
of the admin's "New e-service"."""

from eservice_forms.presets import PRESETS
from eservice_forms.setup import ServiceExists, ensure_service_index, new_service


def load(command, home, english_home):
    site = home.get_site()
    # The section first: a failed new_service (ServiceExists) keeps nothing it made.
    ensure_service_index(site)
    for preset in PRESETS:
        try:
            new_service(
                site,
                preset.slug,
                publish=True,
                to_address="saraban@koodchumsang.go.th",
            )
        except ServiceExists:
            continue
        command.stdout.write(f"Created the e-service {preset.title}")
