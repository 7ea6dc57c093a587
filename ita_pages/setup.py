"""Setting a site up for ITA in one action: its catalog, the top ITA section, the
year's index, the approval workflow and groups, and the year's tree of drafts.

``set_up_site`` is the only path: the admin's *Set up ITA for a site*, the
``ita_setup_site`` command and the demo call it. It is idempotent: what exists is
found and kept as editors left it, what is missing is created (and published, but
for the draft evidence pages of the year's tree), and the result names which is which.
"""

import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage

from ita_pages.approvals import SiteApproval, setup_site_approval
from ita_pages.catalog import load_catalog, parse_file, shipped_catalog_paths
from ita_pages.models import AssessmentYear, DisclosureSectionPage, ITAIndexPage
from ita_pages.yearly import SeedResult, seed_year_tree
from kcs_core.pages import publish_child, publish_translation
from kcs_core.thai_dates import format_fiscal_year

SECTION_SLUG = "ita"
SHIPPED_NAME = re.compile(r"^ita-(\d{4})\.json$")


class SetupError(Exception):
    """The site cannot be set up as asked (no catalog for the year, a slug taken);
    the message is for the editor, ``field`` the form field it is about if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class SetupResult:
    """What ``set_up_site`` did, filled in step by step: the catalog year, section,
    index, approval and seeding, and ``created`` and ``found`` naming each part in
    the active language, for a message or a command's output."""

    site: Site
    year: AssessmentYear | None = None
    section: DisclosureSectionPage | None = None
    index: ITAIndexPage | None = None
    approval: SiteApproval | None = None
    seeded: SeedResult | None = None
    created: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)

    def note(self, created: bool, label: str) -> None:
        (self.created if created else self.found).append(label)


# --- Years and catalogs -----------------------------------------------------


def may_set_up(site, user) -> bool:
    """Whether ``user`` may set ``site`` up: it publishes the ITA section and index
    below the site's home page."""
    return site.root_page.permissions_for_user(user).can_publish_subpage()


def shipped_catalogs() -> dict[int, Path]:
    """Year → the catalog file shipped for it (``data/catalogs/ita-<year>.json``)."""
    years = {}
    for path in shipped_catalog_paths():
        match = SHIPPED_NAME.match(path.name)
        if match:
            years[int(match.group(1))] = path
    return years


def available_years(sites) -> dict[int, list[int]]:
    """Site id → the years it may be set up for: the shipped catalog years and any
    year already imported for the site, oldest first (one query)."""
    shipped = set(shipped_catalogs())
    years = {site.pk: set(shipped) for site in sites}
    for site_id, year in AssessmentYear.objects.filter(site__in=sites).values_list(
        "site_id", "year"
    ):
        years[site_id].add(year)
    return {site_id: sorted(numbers) for site_id, numbers in years.items()}


def load_shipped_catalogs(site) -> list[int]:
    """Load every shipped catalog year ``site`` lacks; the years loaded. A year the
    site has (shipped or imported, perhaps verified since) is never replaced."""
    have = set(AssessmentYear.objects.filter(site=site).values_list("year", flat=True))
    loaded = []
    for year, path in sorted(shipped_catalogs().items()):
        if year not in have:
            load_catalog(site, parse_file(path.name, path.read_bytes()))
            loaded.append(year)
    return loaded


def ensure_catalog(site, year: int) -> tuple[AssessmentYear, list[int]]:
    """The site's catalog of ``year``, with the shipped years loaded first if it
    has none; the years loaded. Raises :class:`SetupError` when neither the site
    nor the shipped files have the year."""
    loaded = []
    if not AssessmentYear.objects.filter(site=site, year=year).exists():
        loaded = load_shipped_catalogs(site)
    catalog = AssessmentYear.objects.filter(site=site, year=year).first()
    if catalog is None:
        raise SetupError(
            _("There is no ITA catalog for %(year)s; import it first.")
            % {"year": year},
            field="year",
        )
    return catalog, loaded


# --- Pages ------------------------------------------------------------------


def section_fields(locale: Locale) -> dict:
    """Title and introduction of a new top ITA section in ``locale``'s language."""
    with translation.override(locale.language_code):
        return {
            "title": _("Integrity and Transparency Assessment (ITA)"),
            "intro": format_html(
                "<p>{}</p>",
                _(
                    "What the office discloses for the Integrity and Transparency "
                    "Assessment of public agencies."
                ),
            ),
            "show_in_menus": True,
        }


def index_fields(year: AssessmentYear, locale: Locale) -> dict:
    """Title and introduction of a new year's index in ``locale``'s language."""
    with translation.override(locale.language_code):
        return {
            "title": _("ITA for fiscal year %(year)s")
            % {"year": format_fiscal_year(year.year, locale.language_code)},
            "intro": format_html(
                "<p>{}</p>",
                _(
                    "The information to disclose under the Open Data Integrity and "
                    "Transparency Assessment (OIT); each item links to its evidence on "
                    "this website."
                ),
            ),
            "show_in_menus": True,
        }


def find_section(site) -> DisclosureSectionPage | None:
    """The site's top ITA section: the root page's child ``ita``, else the top
    section above an index of the site (a tree made by hand under another slug)."""
    root = site.root_page
    section = (
        DisclosureSectionPage.objects.child_of(root).filter(slug=SECTION_SLUG).first()
    )
    if section is not None:
        return section
    index = (
        ITAIndexPage.objects.descendant_of(root)
        .order_by("-assessment_year__year")
        .first()
    )
    if index is None:
        return None
    return (
        DisclosureSectionPage.objects.ancestor_of(index)
        .descendant_of(root)
        .order_by("depth")
        .first()
    )


def add_published_child(parent: Page, page: Page, user=None) -> Page:
    """Add ``page`` below ``parent`` and publish it; a slug already taken there is a
    :class:`SetupError` naming the page in the way."""
    taken = parent.get_children().filter(slug=page.slug).first()
    if taken is not None:
        raise SetupError(
            _("“%(title)s” already uses the address %(slug)s below “%(parent)s”.")
            % {"title": taken.title, "slug": page.slug, "parent": parent.title}
        )
    return publish_child(parent, page, user)


def ensure_section(site, user=None) -> tuple[DisclosureSectionPage, bool]:
    """The top ITA section of ``site``, created below its root page if missing."""
    section = find_section(site)
    if section is not None:
        return section, False
    root = site.root_page
    page = DisclosureSectionPage(slug=SECTION_SLUG, **section_fields(root.locale))
    return add_published_child(root, page, user), True


def ensure_index(section, year: AssessmentYear, user=None) -> tuple[ITAIndexPage, bool]:
    """The index of ``year`` in the section's language (anywhere on the site),
    created below ``section`` if missing."""
    index = (
        ITAIndexPage.objects.filter(assessment_year=year, locale_id=section.locale_id)
        .order_by("path")
        .first()
    )
    if index is not None:
        return index, False
    page = ITAIndexPage(
        slug=str(year.year), assessment_year=year, **index_fields(year, section.locale)
    )
    return add_published_child(section, page, user), True


def string_pairs(source, translated: Page) -> list[tuple]:
    """The source's string segments paired with ``translated``'s strings of the same
    field (path), in order: ``(segment, text)`` where the text differs. A field
    whose strings do not line up one to one (an editor restructured it) is left out.
    """
    from wagtail_localize.models import StringSegment
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    wanted = defaultdict(list)
    for value in extract_segments(translated):
        if isinstance(value, StringSegmentValue):
            wanted[value.path].append(value.string.data)
    have = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("context", "string")
        .order_by("order")
    ):
        have[segment.context.path].append(segment)
    return [
        (segment, text)
        for path, segments in have.items()
        if len(segments) == len(wanted.get(path, ()))
        for segment, text in zip(segments, wanted[path], strict=True)
        if text != segment.string.data
    ]


def record_translations(page: Page, locale: Locale, fields: dict, user=None):
    """Keep ``fields`` (values known in ``locale``'s language, e.g. ``{"title":
    ...}``) as wagtail-localize's translations of ``page``'s strings, where its
    translation editor shows them; a string already translated (by an editor) is
    kept. Returns the page's ``TranslationSource``. A string without a known value
    stays untranslated: the translated page shows the original's text until
    someone translates it.
    """
    from wagtail_localize.models import TranslationSource

    source, created = TranslationSource.get_or_create_from_instance(page)
    changed = page.latest_revision_created_at
    if not created and changed and source.last_updated_at < changed:
        source, _created = TranslationSource.update_or_create_from_instance(page)
    if fields:
        translated = copy.copy(page.specific)
        for name, value in fields.items():
            setattr(translated, name, value)
        keep_translations(source, locale, translated, user)
    return source


def keep_translations(source, locale: Locale, translated, user):
    """Record ``translated``'s text as the translation of the source's strings
    into ``locale``, but for strings already translated."""
    from wagtail_localize.models import StringTranslation

    for segment, text in string_pairs(source, translated):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "last_translated_by": user,
            },
        )


def ensure_translation(page: Page, locale: Locale, fields: dict, user=None):
    """``page``'s translation into ``locale`` through wagtail-localize, so that
    editors keep it in sync in its translation editor; returns ``(translation,
    created)``.

    ``fields`` are the values known in ``locale``'s language (recorded as
    translations of the page's strings); anything else shows the original's text
    until translated. A missing translation (or an alias) is made, saved and
    published when ``page`` is live; an existing one (copied by hand, or by an
    older set-up) is kept as its editors left it, its text recorded as the
    translation of the original's.
    """
    existing = page.get_translation_or_none(locale)
    if not apps.is_installed("wagtail_localize"):
        # A host without wagtail-localize: a plain Wagtail copy, as its admin makes.
        if existing is not None:
            return existing.specific, False
        translated = publish_translation(page, locale, fields, user, copy_parents=True)
        return translated.specific, True
    from wagtail_localize.models import Translation, TranslationSource

    if existing is not None and not existing.alias_of_id:
        source, _created = TranslationSource.get_or_create_from_instance(page)
        _translation, registered = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        if registered:
            keep_translations(source, locale, existing.specific, user)
        return existing.specific, False
    source = record_translations(page, locale, fields, user)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    # Published here rather than by wagtail-localize (which publishes once the
    # transaction commits) so the page is live when set_up_site returns.
    translation.save_target(user=user, publish=False)
    translated = page.get_translation(locale).specific
    if page.live:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated, True


def translate_year_tree(index: ITAIndexPage, locale: Locale, user=None) -> list:
    """The published evidence below ``index`` and the sections holding it,
    translated into ``locale`` where they are not yet, parents first; the pages
    made. A draft, or a section with nothing published, is translated once
    published: by running the set-up again, or with wagtail-localize's *Translate
    this page* (a year's tree of some fifty drafts costs nothing until then)."""
    pages = list(index.get_descendants().live().specific().order_by("path"))
    evidence = [p.path for p in pages if not isinstance(p, DisclosureSectionPage)]
    wanted = [
        page for page in pages if any(path.startswith(page.path) for path in evidence)
    ]
    made = []
    for page in wanted:
        translated, created = ensure_translation(page, locale, {}, user)
        if created:
            made.append(translated)
    return made


def other_locales(site) -> list[Locale]:
    """The locales the site's root page is translated into, its own excepted."""
    return [
        page.locale
        for page in site.root_page.get_translations().select_related("locale")
    ]


# --- Approval ---------------------------------------------------------------


def set_up_approval(site) -> tuple[SiteApproval, bool, bool]:
    """The site's groups and workflow attached to its ITA tree; returns
    ``(approval, groups_or_workflow_created, attached_now)``.

    Group, task and workflow names are in the host's ``LANGUAGE_CODE`` whatever
    the editor's admin language (:func:`~ita_pages.approvals.setup_site_approval`):
    setting up in English must find the groups made in Thai, not make new ones.
    """
    groups_before = set(Group.objects.values_list("pk", flat=True))
    workflows_before = set(Workflow.objects.values_list("pk", flat=True))
    attached_before = set(WorkflowPage.objects.values_list("page_id", flat=True))
    approval = setup_site_approval(site)
    groups = (
        approval.editors,
        approval.chief_administrators,
        approval.chief_executives,
    )
    made = approval.workflow.pk not in workflows_before or any(
        group.pk not in groups_before for group in groups
    )
    attached = any(root.pk not in attached_before for root in approval.roots)
    return approval, made, attached


# --- The action -------------------------------------------------------------


def language_name(locale: Locale) -> str:
    """The name of ``locale``'s language in the reader's: อังกฤษ in Thai, English in
    English."""
    return get_language_info(locale.language_code)["name_translated"]


@transaction.atomic
def set_up_site(site, year: int, user=None) -> SetupResult:
    """Set ``site`` up for ITA in ``year`` (Buddhist era), all or nothing.

    In order: the year's catalog (the shipped catalogs the site lacks when it has
    no such year); the top section ``ita`` below the site's root page; the year's
    index below it; their translations wherever the root page is translated; the
    groups and two-step workflow, attached once the section exists; the year's tree
    of sections and draft evidence pages; the translations of the tree's live
    pages (all through wagtail-localize). Raises :class:`SetupError`.
    """
    result = SetupResult(site=site)
    result.year, loaded = ensure_catalog(site, year)
    result.note(
        bool(loaded),
        _("the shipped ITA catalogs of %(years)s")
        % {"years": ", ".join(str(number) for number in loaded)}
        if loaded
        else _("the ITA catalog of %(year)s") % {"year": year},
    )
    result.section, created = ensure_section(site, user)
    result.note(created, _("the section “%(title)s”") % {"title": result.section.title})
    result.index, created = ensure_index(result.section, result.year, user)
    result.note(created, _("the index “%(title)s”") % {"title": result.index.title})
    for locale in other_locales(site):
        language = {"language": language_name(locale)}
        _page, created = ensure_translation(
            result.section, locale, section_fields(locale), user
        )
        result.note(created, _("the section in %(language)s") % language)
        _page, created = ensure_translation(
            result.index, locale, index_fields(result.year, locale), user
        )
        result.note(created, _("the index in %(language)s") % language)
    result.approval, created, attached = set_up_approval(site)
    result.note(
        created,
        _("the approval workflow “%(name)s” and its groups")
        % {"name": result.approval.workflow.name},
    )
    result.note(attached, _("the workflow on the ITA section"))
    result.seeded = seed_year_tree(result.index, user=user)
    if result.seeded.created:
        result.note(
            True,
            _("%(count)s draft evidence pages") % {"count": len(result.seeded.created)},
        )
    if result.seeded.existing:
        result.note(
            False,
            _("%(count)s items that already have a page")
            % {"count": len(result.seeded.existing)},
        )
    for locale in other_locales(site):
        made = translate_year_tree(result.index, locale, user)
        if made:
            result.note(
                True,
                ngettext(
                    "%(count)s published page of the year in %(language)s",
                    "%(count)s published pages of the year in %(language)s",
                    len(made),
                )
                % {"count": len(made), "language": language_name(locale)},
            )
    return result
