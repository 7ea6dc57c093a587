"""Year-to-year work: a year's tree of draft evidence pages, copying evidence links
into a new year through a code crosswalk, freezing an index as submitted."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from ita_pages.evidence import EvidenceFinder, evidence_page_types
from ita_pages.models import (
    DisclosureSectionPage,
    EvidenceLink,
    EvidencePage,
    IndexSnapshot,
)
from ita_pages.ordering import sort_year_tree

CROSSWALK_LINE = re.compile(
    r"^\s*([A-Za-z]{1,8}\d{1,4})\s*(?:,|;|\t|->|→|\s)\s*([A-Za-z]{1,8}\d{1,4})\s*$"
)


def _quiet(_message: str) -> None:
    """Progress output that goes nowhere."""


@dataclass
class SeedResult:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def section_for(index, subindicator, user=None):
    """The live section of ``subindicator`` below ``index`` (slug ``9-1``), created
    if missing."""
    slug = subindicator.code.replace(".", "-")
    section = DisclosureSectionPage.objects.child_of(index).filter(slug=slug).first()
    if section is None:
        section = index.add_child(
            instance=DisclosureSectionPage(
                title=f"{subindicator.code} {subindicator.title}", slug=slug, owner=user
            )
        )
        section.save_revision(user=user).publish(user=user)
    return section


@transaction.atomic
def seed_year_tree(index, user=None, progress: Callable[[str], None] = _quiet):
    """Below ``index``, one section per sub-indicator and one draft evidence page per
    item that no page of the year answers yet, then the sections and their pages in
    item order (:func:`ita_pages.ordering.sort_year_tree`). Re-runnable: what exists
    is kept."""
    year = index.assessment_year
    answered = set()
    for model in evidence_page_types():
        for page in model.objects.descendant_of(index).filter(fiscal_year=year.year):
            answered.update(page.declared_codes)
    result = SeedResult()
    items = year.items.select_related("subindicator").order_by("sort_key")
    total = len(items)
    sections = {}
    for number, item in enumerate(items, start=1):
        if item.subindicator_id not in sections:
            sections[item.subindicator_id] = section_for(index, item.subindicator, user)
        section = sections[item.subindicator_id]
        if (
            item.slug in answered
            or section.get_children().filter(slug=item.slug).exists()
        ):
            result.existing.append(item.code)
            progress(f"[{number}/{total}] {item.code}: " + _("exists"))
            continue
        page = section.add_child(
            instance=EvidencePage(
                title=item.title,
                slug=item.slug,
                fiscal_year=year.year,
                ita_codes=item.code,
                live=False,
                owner=user,
            )
        )
        page.save_revision(user=user)
        answered.add(item.slug)
        result.created.append(item.code)
        progress(f"[{number}/{total}] {item.code}: " + _("draft created"))
    sort_year_tree(index, user)
    return result


def parse_crosswalk(text: str) -> dict[str, str]:
    """``"o42,O27"`` lines → ``{"o42": "o27"}``; a malformed line raises ValueError."""
    mapping = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = CROSSWALK_LINE.match(line)
        if not match:
            if number == 1 and "," in line:
                continue  # a CSV header such as "old,new"
            raise ValueError(
                _("Line %(n)s is not “old code, new code”: %(line)s")
                % {"n": number, "line": line.strip()}
            )
        mapping[match.group(1).lower()] = match.group(2).lower()
    return mapping


@dataclass
class CopyResult:
    copied: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)


@transaction.atomic
def copy_links(source, target, crosswalk: dict[str, str], user=None) -> CopyResult:
    """Copy ``source``'s evidence links into ``target`` (a later year's index),
    renaming codes through ``crosswalk``; codes with no item in the target year are
    reported as unmapped. Saved as a new draft revision of ``target`` for the
    approval workflow; ``source`` is never changed."""
    codes = set(target.assessment_year.items.values_list(Lower("code"), flat=True))
    draft = target.get_latest_revision_as_object()
    existing = {
        (link.item_code.lower(), link.linked_page_id, link.external_url)
        for link in draft.evidence_links.all()
    }
    result = CopyResult()
    new_links = []
    for link in source.evidence_links.all():
        old = link.item_code.strip().lower()
        new = crosswalk.get(old, old)
        if new not in codes:
            result.unmapped.append(link.item_code)
            continue
        key = (new, link.linked_page_id, link.external_url)
        if key in existing:
            result.already.append(new)
            continue
        existing.add(key)
        new_links.append(
            EvidenceLink(
                item_code=new,
                linked_page_id=link.linked_page_id,
                external_url=link.external_url,
                fiscal_year=link.fiscal_year,
                title=link.title,
                navigation_path=link.navigation_path,
            )
        )
        result.copied.append(f"{link.item_code} → {new}")
    if new_links:
        draft.evidence_links.add(*new_links)
        draft.save_revision(user=user)
    return result


def freeze(index, user=None, note: str = "") -> IndexSnapshot:
    """Keep the index's URLs and statuses as submitted today (its public downloads
    give the URLs; the statuses stay for the admin)."""
    report = EvidenceFinder(index).report()
    name = (user.get_full_name() or user.get_username()) if user else ""
    return IndexSnapshot.objects.create(
        index=index,
        created_by=name,
        note=note,
        rows=[row.as_admin_dict() for row in report.rows],
    )
