"""Reading an ITA catalog file (JSON or CSV) and loading it into a site, all or nothing.

JSON has the shape of the shipped files (``data/catalogs/ita-<year>.json``): a year,
its indicators, their sub-indicators and the items of each. CSV has one row per item
with the same fields (see ``CSV_COLUMNS``). A file with any bad row is refused as a
whole and every bad row is named; a good file replaces the year's list in one
transaction.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ita_pages.models.catalog import (
    CODE_PATTERN,
    AssessmentYear,
    CatalogItem,
    Indicator,
    SubIndicator,
)

SHIPPED_CATALOGS = Path(__file__).resolve().parent / "data" / "catalogs"

KNOWN_ROLES = frozenset(
    {
        "measures",
        "measures_report",
        "eservice",
        "service_statistics",
        "service_manual",
        "satisfaction",
        "qa",
        "opinion_channel",
        "complaint_guideline",
        "complaint_channel",
        "complaint_statistics",
        "no_gift",
        "corruption_risk_assessment",
        "anti_corruption_plan",
        "anti_corruption_plan_report",
        "news",
        "procurement_plan",
        "procurement_notices",
        "procurement_list",
        "procurement_monthly",
        "procurement_annual",
        "gift_report",
        "participation",
    }
)

CSV_COLUMNS = (
    "year",
    "indicator",
    "indicator_title",
    "tool",
    "subindicator",
    "subindicator_title",
    "code",
    "title",
    "group",
    "requirement",
    "status",
    "role",
)

VERIFIED_CONFIDENCE = frozenset({"high", "medium"})


class RefusedFile(Exception):
    """An uploaded file refused as a whole; ``errors`` names every bad row (its
    message joins them with ``separator``)."""

    separator = "\n"

    def __init__(self, errors: list[str]):
        super().__init__(self.separator.join(errors))
        self.errors = errors


class CatalogError(RefusedFile):
    """A catalog file that cannot be imported."""


@dataclass
class CodedData:
    """What a sub-indicator and an item both have: a code and a title."""

    code: str
    title: str


@dataclass
class ItemData(CodedData):
    group: str = ""
    requirement: str = ""
    role: str = ""
    confirmed: bool = True


@dataclass
class SubIndicatorData(CodedData):
    items: list[ItemData] = field(default_factory=list)


@dataclass
class IndicatorData:
    number: int
    title: str
    tool: str = ""
    subindicators: list[SubIndicatorData] = field(default_factory=list)


@dataclass(kw_only=True)
class CatalogData:
    """A parsed, validated catalog of one year, ready to load."""

    year: int
    verified: bool
    source_note: str = ""
    indicators: list[IndicatorData] = field(default_factory=list)

    @property
    def items(self) -> list[ItemData]:
        return [
            item
            for indicator in self.indicators
            for sub in indicator.subindicators
            for item in sub.items
        ]


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_confirmed(status: str) -> bool:
    return not status or status.startswith("confirmed")


class _Checker:
    """Collects the errors of one file, row by row."""

    def __init__(self):
        self.errors: list[str] = []
        self.codes: dict[str, str] = {}

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def item(self, where: str, raw: dict) -> ItemData | None:
        code, title = _text(raw.get("code")), _text(raw.get("title"))
        role, status = _text(raw.get("role")), _text(raw.get("status"))
        ok = True
        if not code:
            self.error(where, _("the code is missing"))
            ok = False
        elif not CODE_PATTERN.match(code):
            self.error(where, _("the code “%(code)s” is malformed") % {"code": code})
            ok = False
        elif code.lower() in self.codes:
            self.error(
                where,
                _("duplicate code “%(code)s” (also at %(other)s)")
                % {"code": code, "other": self.codes[code.lower()]},
            )
            ok = False
        else:
            self.codes[code.lower()] = where
        if not title:
            self.error(where, _("the title is missing"))
            ok = False
        if role and role not in KNOWN_ROLES:
            self.error(where, _("unknown role “%(role)s”") % {"role": role})
            ok = False
        if not ok:
            return None
        return ItemData(
            code=code,
            title=title,
            group=_text(raw.get("group")),
            requirement=_text(raw.get("requirement")),
            role=role,
            confirmed=_is_confirmed(status),
        )

    def year(self, value) -> int | None:
        try:
            year = int(str(value).strip())
        except (TypeError, ValueError):
            year = 0
        if not 2500 <= year <= 2700:
            self.error(_("year"), _("“%(year)s” is not a B.E. year") % {"year": value})
            return None
        return year

    def raise_if_any(self) -> None:
        if self.errors:
            raise CatalogError(self.errors)


def parse_json(text: str, default_verified: bool = False) -> CatalogData:
    """A catalog from the JSON shape of the shipped files."""
    checker = _Checker()
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise CatalogError([_("not valid JSON: %(error)s") % {"error": exc}]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise CatalogError([_("the file has no list of indicators")])
    year = checker.year(data.get("year"))
    if "verified" in data:
        verified = bool(data["verified"])
    elif "confidence" in data:
        verified = data["confidence"] in VERIFIED_CONFIDENCE
    else:
        verified = default_verified
    catalog = CatalogData(
        year=year or 0,
        verified=verified,
        source_note=_text(data.get("confidence_note")),
    )
    for i, raw_indicator in enumerate(data["indicators"], start=1):
        where = _("indicator %(n)s") % {"n": i}
        if not isinstance(raw_indicator, dict):
            checker.error(where, _("malformed row"))
            continue
        try:
            number = int(raw_indicator.get("number"))
        except (TypeError, ValueError):
            checker.error(where, _("the indicator number is missing"))
            continue
        indicator = IndicatorData(
            number=number,
            title=_text(raw_indicator.get("title")),
            tool=_text(raw_indicator.get("tool")),
        )
        if any(other.number == number for other in catalog.indicators):
            checker.error(where, _("duplicate indicator %(n)s") % {"n": number})
        if not indicator.title:
            checker.error(where, _("the title is missing"))
        catalog.indicators.append(indicator)
        subs = raw_indicator.get("subindicators") or []
        if not isinstance(subs, list):
            checker.error(where, _("malformed row"))
            continue
        for raw_sub in subs:
            sub_code = _text(raw_sub.get("code")) if isinstance(raw_sub, dict) else ""
            sub_where = _("sub-indicator %(code)s") % {"code": sub_code or "?"}
            if not sub_code or not isinstance(raw_sub.get("items", []), list):
                checker.error(sub_where, _("malformed row"))
                continue
            if not sub_code.startswith(f"{number}."):
                checker.error(
                    sub_where,
                    _("unknown group: not a sub-indicator of indicator %(n)s")
                    % {"n": number},
                )
                continue
            if any(other.code == sub_code for other in indicator.subindicators):
                checker.error(sub_where, _("duplicate sub-indicator"))
                continue
            sub = SubIndicatorData(code=sub_code, title=_text(raw_sub.get("title")))
            indicator.subindicators.append(sub)
            for k, raw_item in enumerate(raw_sub.get("items", []), start=1):
                item_where = _("sub-indicator %(code)s, item %(n)s") % {
                    "code": sub_code,
                    "n": k,
                }
                if not isinstance(raw_item, dict):
                    checker.error(item_where, _("malformed row"))
                    continue
                item = checker.item(item_where, raw_item)
                if item:
                    sub.items.append(item)
    checker.raise_if_any()
    return catalog


def parse_csv(text: str, default_verified: bool = False) -> CatalogData:
    """A catalog from CSV: a header row naming ``CSV_COLUMNS``, then one item a row.

    Every row carries its indicator and sub-indicator; the first row that names a
    sub-indicator gives its title.
    """
    checker = _Checker()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in next(reader, [])]
    required = ("year", "subindicator", "code", "title")
    missing = [name for name in required if name not in header]
    if missing:
        raise CatalogError(
            [_("missing columns: %(names)s") % {"names": ", ".join(missing)}]
        )
    years: set[int] = set()
    indicators: dict[int, IndicatorData] = {}
    subs: dict[str, SubIndicatorData] = {}
    for line, values in enumerate(reader, start=2):
        where = _("row %(n)s") % {"n": line}
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            checker.error(
                where,
                _("malformed row: %(got)s values for %(want)s columns")
                % {"got": len(values), "want": len(header)},
            )
            continue
        row = dict(zip(header, values, strict=True))
        year = checker.year(row["year"])
        if year:
            years.add(year)
        sub_code = _text(row["subindicator"])
        try:
            number = int(_text(row.get("indicator")) or sub_code.split(".")[0])
        except ValueError:
            number = None
        if number is None or not sub_code.startswith(f"{number}."):
            checker.error(
                where, _("unknown group “%(code)s”") % {"code": sub_code or "?"}
            )
            continue
        indicator = indicators.setdefault(
            number,
            IndicatorData(
                number=number,
                title=_text(row.get("indicator_title")),
                tool=_text(row.get("tool")),
            ),
        )
        sub = subs.get(sub_code)
        if sub is None:
            sub = SubIndicatorData(
                code=sub_code, title=_text(row.get("subindicator_title"))
            )
            subs[sub_code] = sub
            indicator.subindicators.append(sub)
        item = checker.item(where, row)
        if item:
            sub.items.append(item)
    if len(years) > 1:
        checker.error(_("year"), _("the rows name more than one year"))
    if not subs and not checker.errors:
        checker.error(_("file"), _("the file has no items"))
    checker.raise_if_any()
    return CatalogData(
        year=years.pop(),
        verified=default_verified,
        indicators=sorted(indicators.values(), key=lambda i: i.number),
    )


def parse_file(name: str, content: bytes, default_verified: bool = False):
    """Parse an uploaded file by its extension (``.json`` or ``.csv``)."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError([_("the file is not UTF-8 text")]) from exc
    lowered = name.lower()
    if lowered.endswith(".json"):
        return parse_json(text, default_verified)
    if lowered.endswith(".csv"):
        return parse_csv(text, default_verified)
    raise CatalogError([_("only .json and .csv files can be imported")])


def shipped_catalog_paths() -> list[Path]:
    """The catalogs shipped with the app, oldest year first."""
    return sorted(SHIPPED_CATALOGS.glob("ita-*.json"))


def shipped_roles() -> set[str]:
    """Every ``role`` an item of a shipped catalog has: what a page type's
    ``ita_roles`` may name."""
    return {
        item.role
        for path in shipped_catalog_paths()
        for item in parse_json(path.read_text(encoding="utf-8")).items
        if item.role
    }


@transaction.atomic
def load_catalog(site, catalog: CatalogData) -> tuple[AssessmentYear, bool]:
    """Create or replace ``catalog``'s year on ``site``; returns ``(year, created)``.

    Items, sub-indicators and indicators that the file no longer lists are removed;
    evidence links on index pages refer to codes, so they survive a re-import.
    """
    year, created = AssessmentYear.objects.update_or_create(
        site=site,
        year=catalog.year,
        defaults={"verified": catalog.verified, "source_note": catalog.source_note},
    )
    kept_indicators, kept_subs, kept_items = [], [], []
    for indicator_data in catalog.indicators:
        indicator, _created = Indicator.objects.update_or_create(
            assessment_year=year,
            number=indicator_data.number,
            defaults={"title": indicator_data.title, "tool": indicator_data.tool},
        )
        kept_indicators.append(indicator.pk)
        for position, sub_data in enumerate(indicator_data.subindicators):
            sub, _created = SubIndicator.objects.update_or_create(
                indicator=indicator,
                code=sub_data.code,
                defaults={"title": sub_data.title, "position": position},
            )
            kept_subs.append(sub.pk)
            for item_data in sub_data.items:
                item = CatalogItem.objects.filter(
                    assessment_year=year, code__iexact=item_data.code
                ).first() or CatalogItem(assessment_year=year)
                item.subindicator = sub
                for name in ("code", "title", "group", "requirement", "role"):
                    setattr(item, name, getattr(item_data, name))
                item.confirmed = item_data.confirmed
                item.save()
                kept_items.append(item.pk)
    year.items.exclude(pk__in=kept_items).delete()
    SubIndicator.objects.filter(indicator__assessment_year=year).exclude(
        pk__in=kept_subs
    ).delete()
    year.indicators.exclude(pk__in=kept_indicators).delete()
    return year, created
