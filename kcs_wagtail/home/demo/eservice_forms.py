"""Demo e-services: the five presets under /e-service/, with statistics and
satisfaction pages, in Thai and English."""

from wagtail.models import Locale

from eservice_forms.models import (
    SatisfactionPage,
    ServiceIndexPage,
    ServicePage,
    ServiceStatisticsPage,
)
from eservice_forms.presets import PRESETS, create_service


def load(command, home, english_home):
    index = ServiceIndexPage.objects.child_of(home).first()
    if index is None:
        return
    english = Locale.objects.get(language_code="en")
    english_index = index.get_translation_or_none(english)
    existing = set(ServicePage.objects.child_of(index).values_list("slug", flat=True))
    for preset in PRESETS:
        if preset.slug in existing:
            continue
        create_service(
            index,
            preset,
            english_index,
            to_address="saraban@koodchumsang.go.th",
        )
        command.stdout.write(f"Created the e-service {preset.title}")
    for model, slug, title, title_en in [
        (ServiceStatisticsPage, "statistics", "สถิติการให้บริการ", "Service statistics"),
        (SatisfactionPage, "satisfaction", "ผลความพึงพอใจ", "Satisfaction results"),
    ]:
        if model.objects.child_of(index).exists():
            continue
        page = index.add_child(instance=model(title=title, slug=slug))
        page.save_revision().publish()
        if english_index is not None:
            translated = page.copy_for_translation(english)
            translated.title = title_en
            translated.save_revision().publish()
        command.stdout.write(f"Created {page.url_path}")
