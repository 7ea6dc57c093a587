"""The admin form of the ITA index page: one index per site and year, its address
its year, and evidence links to items of that year and pages of the site. Kept apart
from :mod:`ita_pages.forms` (the admin views' forms), which use the services above
the models."""

from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

from ita_pages.models.catalog import AssessmentYear
from kcs_core.forms import RouteSafePageForm


class ITAIndexPageForm(RouteSafePageForm):
    """Keeps an index to its own site: only that site's catalog years, one index a
    year, its address the year (``/ita/2565/``), and evidence links to item codes
    of the year and pages of the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].help_text = _(
                "The address of a year's index is its assessment year, e.g. 2565; "
                "it is set from the year you choose."
            )
        site = self.get_site()
        if site is not None and "assessment_year" in self.fields:
            self.fields["assessment_year"].queryset = AssessmentYear.objects.filter(
                site=site
            )

    def get_site(self) -> Site | None:
        """The site the page belongs to (through its parent when new)."""
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        return parent.get_site() if parent is not None else None

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("assessment_year")
        if year is None:
            return cleaned_data
        others = (
            type(self.instance)
            .objects.filter(assessment_year=year)
            .exclude(translation_key=self.instance.translation_key)
        )
        if others.exists():
            self.add_error(
                "assessment_year",
                gettext("This site already has an index for %(year)s.")
                % {"year": year.year},
            )
        self.clean_slug_is_year(year)
        self.clean_evidence_links(year)
        return cleaned_data

    def clean_slug_is_year(self, year: AssessmentYear) -> None:
        """The index's slug is its year. Set from the year on a new page (whose
        slug the admin made from the title), when empty, and when it was the
        previous year and the year changed; any other slug is refused."""
        expected = str(year.year)
        slug = self.cleaned_data.get("slug") or ""
        if slug == expected:
            return
        saved = type(self.instance).objects.filter(pk=self.instance.pk).first()
        untouched = saved is not None and slug == saved.slug == str(
            saved.assessment_year.year
        )
        if not slug or saved is None or untouched:
            self.cleaned_data["slug"] = expected
            return
        self.add_error(
            "slug",
            gettext("The address of this index must be its assessment year: %(year)s.")
            % {"year": expected},
        )

    def clean_evidence_links(self, year: AssessmentYear) -> None:
        """Every link names an item of the year and, if a page, a page of the site.

        The cluster form cleans its formsets after this form, so the links are
        cleaned here first: their ``cleaned_data`` does not exist before."""
        codes = set(year.items.values_list(Lower("code"), flat=True))
        site = year.site
        formset = self.formsets["evidence_links"]
        formset.is_valid()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            code = (data.get("item_code") or "").strip().lower()
            if code and code not in codes:
                form.add_error(
                    "item_code",
                    gettext("%(code)s is not an item of %(year)s.")
                    % {"code": data["item_code"], "year": year.year},
                )
            linked = data.get("linked_page")
            if linked is not None and not page_in_site(linked, site):
                form.add_error("linked_page", gettext("Choose a page of this site."))


def page_in_site(page: Page, site: Site) -> bool:
    """Whether ``page`` sits below the site's root page or one of its translations."""
    roots = site.root_page.get_translations(inclusive=True)
    return any(page.path.startswith(root.path) for root in roots)
