"""The ITA catalog as data: one assessment year per site, its indicators and items.

The NACC changes the list, its numbering and its wording every year, so nothing here
is code: ``ita_pages.catalog`` loads a year from a JSON or CSV file, the shipped files
live in ``ita_pages/data/catalogs/``, and an editor imports a new year in the admin.
"""

import re

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kcs_core.model_fields import site_link

CODE_PATTERN = re.compile(r"^([A-Za-z]{1,8})(\d{1,4})$")


def code_sort_key(code: str) -> str:
    """A key that sorts codes by their number: ``O2`` before ``O10``.

    ``"O10"`` → ``"o00010"``; a code that does not match the usual letters-then-digits
    shape sorts after every regular code.
    """
    match = CODE_PATTERN.match(code.strip())
    if not match:
        return f"~{code.strip().lower()}"
    letters, number = match.groups()
    return f"{letters.lower()}{int(number):05d}"


NUMBER = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """``"O10"`` → ``((1, "o"), (0, 10))``: text compared by its numbers' values, so
    ``o2`` sorts before ``o10`` and section ``9-1`` before ``10-1``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in NUMBER.split(text.strip().lower())
        if part
    )


def page_order_key(codes: str, slug: str, title: str) -> tuple:
    """Where a page of the ITA tree goes among its siblings: by the first item code
    it answers (``ita_codes``), else by its slug, then by its title."""
    first = next((c.strip() for c in (codes or "").replace(";", ",").split(",")), "")
    return (natural_key(first or slug), natural_key(title))


class AssessmentYear(models.Model):
    """One fiscal year's ITA catalog on one site (BE year, e.g. 2565).

    A draft (unverified) year was assembled from agencies' published answers rather
    than the NACC manual; every page that shows it says so.
    """

    site = site_link(verbose_name=_("site"))
    year = models.PositiveSmallIntegerField(
        _("assessment year (B.E.)"), help_text=_("The Buddhist-era fiscal year.")
    )
    verified = models.BooleanField(
        _("verified"),
        default=False,
        help_text=_("Tick only when the list was checked against the NACC manual."),
    )
    source_note = models.TextField(_("source note"), blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("ITA catalog year")
        verbose_name_plural = _("ITA catalog years")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year"], name="ita_pages_unique_year_per_site"
            )
        ]

    def __str__(self):
        if self.verified:
            return str(self.year)
        return _("%(year)s (draft, unverified)") % {"year": self.year}


class Indicator(models.Model):
    """An indicator of the assessment (e.g. 9 การเปิดเผยข้อมูล); OIT ones hold items."""

    assessment_year = models.ForeignKey(
        AssessmentYear,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("assessment year"),
    )
    number = models.PositiveSmallIntegerField(
        pgettext_lazy("indicator number", "number")
    )
    title = models.CharField(_("title"), max_length=255)
    tool = models.CharField(_("assessment tool"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment_year", "number"],
                name="ita_pages_unique_indicator_per_year",
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class SubIndicator(models.Model):
    """A sub-indicator (e.g. 9.1 ข้อมูลพื้นฐาน): the heading items are grouped under."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="subindicators",
        verbose_name=_("indicator"),
    )
    code = models.CharField(_("code"), max_length=16)
    title = models.CharField(_("title"), max_length=255)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sub-indicator")
        verbose_name_plural = _("sub-indicators")
        ordering = ["indicator__number", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "code"],
                name="ita_pages_unique_subindicator_per_indicator",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class CatalogItem(models.Model):
    """One OIT item of a year (e.g. o42): what the agency must publish.

    ``code`` is unique within the year whatever its case; ``sort_key`` is derived
    from it so that ``O2`` sorts before ``O10``. ``role`` (optional) says what the item
    is for across years, so pages that serve the role are linked to it in any year.
    """

    assessment_year = models.ForeignKey(
        AssessmentYear,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("assessment year"),
    )
    subindicator = models.ForeignKey(
        SubIndicator,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("sub-indicator"),
    )
    code = models.CharField(_("code"), max_length=16)
    title = models.CharField(_("title"), max_length=500)
    group = models.CharField(_("group"), max_length=255, blank=True)
    requirement = models.TextField(_("requirement"), blank=True)
    role = models.CharField(_("role"), max_length=64, blank=True)
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_("Whether this item's code and title were confirmed by a source."),
    )
    sort_key = models.CharField(_("sort key"), max_length=32, editable=False)

    class Meta:
        verbose_name = _("ITA item")
        verbose_name_plural = _("ITA items")
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(
                Lower("code"),
                "assessment_year",
                name="ita_pages_unique_item_code_per_year",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.sort_key = code_sort_key(self.code)
        super().save(*args, **kwargs)

    @property
    def slug(self) -> str:
        """The code as it appears in URLs: ``O42`` → ``o42``."""
        return self.code.lower()

    @property
    def is_verified(self) -> bool:
        """Whether both the year's list and this item are confirmed."""
        return self.confirmed and self.assessment_year.verified
