"""Setting a site's e-services up: the service section (index, statistics and
satisfaction pages, published, in Thai and, where the site has an English home page,
in English) and a new service from a preset below it.

The admin's "New e-service" (:mod:`eservice_forms.views`), the ``eservice_new_service``
command and the demo call these functions; nothing else creates the section.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

from kcs_core.pages import publish_child, publish_translation

from .models import (
    SatisfactionPage,
    ServiceIndexPage,
    ServicePage,
    ServiceStatisticsPage,
)
from .presets import PRESETS, Preset, create_service

#: The language code of the translations made when a site has an English home page.
ENGLISH = "en"


@dataclass(frozen=True)
class SectionPage:
    """A page of the service section: its type, slug, titles and introductions in
    Thai and English."""

    model: type[Page]
    slug: str
    title: str
    title_en: str
    intro: str = ""
    intro_en: str = ""
    show_in_menus: bool = False


INDEX = SectionPage(
    ServiceIndexPage,
    "e-service",
    "บริการออนไลน์ (E-Service)",
    "Online services (E-Service)",
    "<p>ยื่นคำร้องออนไลน์ได้ตลอด 24 ชั่วโมง และติดตามสถานะด้วยเลขที่คำร้อง</p>",
    "<p>File a request online at any hour and follow it by its reference.</p>",
    show_in_menus=True,
)
INDEX_CHILDREN = [
    SectionPage(
        ServiceStatisticsPage, "statistics", "สถิติการให้บริการ", "Service statistics"
    ),
    SectionPage(
        SatisfactionPage, "satisfaction", "ผลความพึงพอใจ", "Satisfaction results"
    ),
]


class ServiceExists(Exception):
    """The preset's service is already below the site's index (``page``)."""

    def __init__(self, page: ServicePage):
        self.page = page
        super().__init__(
            _("The e-service “%(title)s” already exists on this site.")
            % {"title": page.title}
        )


def get_preset(slug: str) -> Preset:
    """The preset called ``slug``; ``LookupError`` names the ones there are."""
    for preset in PRESETS:
        if preset.slug == slug:
            return preset
    raise LookupError(
        _("There is no preset “%(slug)s”. The presets are: %(slugs)s.")
        % {"slug": slug, "slugs": ", ".join(preset.slug for preset in PRESETS)}
    )


def service_index_for(site: Site) -> ServiceIndexPage | None:
    """The site's service index: the highest one below its root page, if any."""
    return (
        ServiceIndexPage.objects.descendant_of(site.root_page)
        .order_by("depth", "path")
        .first()
    )


def existing_service(index: ServiceIndexPage, preset: Preset) -> ServicePage | None:
    """The service made from ``preset`` below ``index`` (found by its slug)."""
    return ServicePage.objects.child_of(index).filter(slug=preset.slug).first()


def english_locale() -> Locale | None:
    """The locale of the English copies, if the project has one."""
    return Locale.objects.filter(language_code=ENGLISH).first()


def needs_translation(page: Page, locale: Locale | None) -> bool:
    """Whether ``page`` should have a copy in ``locale`` and has none: its parent has
    one, and the page itself is not in ``locale``."""
    if locale is None or page.locale_id == locale.pk:
        return False
    if page.get_translations().filter(locale=locale).exists():
        return False
    return page.get_parent().get_translations().filter(locale=locale).exists()


def section_is_complete(index: ServiceIndexPage) -> bool:
    """Whether :func:`ensure_service_index` would create nothing below ``index``."""
    locale = english_locale()
    pages = [index]
    for spec in INDEX_CHILDREN:
        child = spec.model.objects.child_of(index).first()
        if child is None:
            return False
        pages.append(child)
    return not any(needs_translation(page, locale) for page in pages)


def can_add_service(user, site: Site) -> bool:
    """Whether ``user`` may add a service to ``site`` here: add rights below its
    index, or publish rights where the section (published) is still to be made."""
    index = service_index_for(site)
    if index is None:
        return site.root_page.permissions_for_user(user).can_publish_subpage()
    permissions = index.permissions_for_user(user)
    if section_is_complete(index):
        return permissions.can_add_subpage()
    return permissions.can_publish_subpage()


def add_section_page(parent: Page, spec: SectionPage, *, user=None) -> Page:
    """Create and publish ``spec`` below ``parent``; a page of another kind that holds
    the slug is reported, not renamed around."""
    if parent.get_children().filter(slug=spec.slug).exists():
        raise ValidationError(
            _(
                "The page “%(path)s” is in the way of the e-service section: rename or "
                "move it first."
            )
            % {"path": f"{parent.url_path}{spec.slug}/"}
        )
    page = spec.model(
        title=spec.title,
        slug=spec.slug,
        intro=spec.intro,
        show_in_menus=spec.show_in_menus,
    )
    return publish_child(parent, page, user)


def translate_section_page(
    page: Page, spec: SectionPage, locale: Locale, *, user=None
) -> Page:
    """Create and publish the copy of ``page`` in ``locale``, with its English title
    and introduction."""
    fields = {"title": spec.title_en, "intro": spec.intro_en}
    return publish_translation(page, locale, fields, user)


def ensure_translation(page: Page, spec: SectionPage, *, user=None) -> None:
    """Give ``page`` its English copy if its parent has one and it has none."""
    locale = english_locale()
    if needs_translation(page, locale):
        translate_section_page(page, spec, locale, user=user)


def ensure_service_index(site: Site, *, user=None) -> ServiceIndexPage:
    """The site's service index with its statistics and satisfaction pages, each (and
    its English copy where the site has an English home page) created and published
    if missing; what exists is kept as the editors left it. Idempotent."""
    with transaction.atomic():
        index = service_index_for(site) or add_section_page(
            site.root_page, INDEX, user=user
        )
        ensure_translation(index, INDEX, user=user)
        for spec in INDEX_CHILDREN:
            child = spec.model.objects.child_of(index).first() or add_section_page(
                index, spec, user=user
            )
            ensure_translation(child, spec, user=user)
    return index


def english_copy(page: Page) -> Page | None:
    """The copy of ``page`` in English, if there is one."""
    locale = english_locale()
    if locale is None:
        return None
    return page.get_translations().filter(locale=locale).first()


def new_service(
    site: Site, preset_slug: str, *, publish: bool = False, user=None, **overrides
) -> ServicePage:
    """Create the service of the preset ``preset_slug`` on ``site`` (and its English
    copy where the site has English pages), a draft unless ``publish``; the section is
    made first if missing. ``ServiceExists`` if it is there already, ``LookupError``
    for an unknown preset. ``overrides`` set other fields (e.g. ``to_address``)."""
    preset = get_preset(preset_slug)
    with transaction.atomic():
        index = ensure_service_index(site, user=user)
        existing = existing_service(index, preset)
        if existing is not None:
            raise ServiceExists(existing)
        return create_service(
            index,
            preset,
            english_copy(index),
            publish=publish,
            user=user,
            **overrides,
        )
