"""Forms of the ITA app: the index page's admin form and the admin tools' forms."""

from django import forms
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
        """Every link names an item of the year and, if a page, a page of the site."""
        codes = set(year.items.values_list(Lower("code"), flat=True))
        site = year.site
        for form in self.formsets["evidence_links"].forms:
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


class CatalogImportForm(forms.Form):
    """Upload a year's catalog (JSON or CSV) for one of the ``sites`` the user may
    act for."""

    site = forms.ModelChoiceField(queryset=Site.objects.none(), label=_("Site"))
    file = forms.FileField(
        label=_("Catalog file"), help_text=_("JSON or CSV with the catalog's fields.")
    )
    verified = forms.BooleanField(
        label=_("This is the verified official list"),
        required=False,
        help_text=_(
            "For CSV files and JSON files that do not say; otherwise the file decides."
        ),
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


class CrosswalkForm(forms.Form):
    """Copy one year's evidence links into another year's index, code by code."""

    source = forms.ModelChoiceField(queryset=Page.objects.none(), label=_("From"))
    target = forms.ModelChoiceField(queryset=Page.objects.none(), label=_("To"))
    crosswalk = forms.CharField(
        label=_("Code crosswalk"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "One mapping a line, old code then new code: o42,O42. Codes not listed "
            "keep their code."
        ),
    )

    def __init__(self, *args, indexes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = indexes
        self.fields["target"].queryset = indexes

    def clean_crosswalk(self) -> dict[str, str]:
        from ita_pages.yearly import parse_crosswalk

        try:
            return parse_crosswalk(self.cleaned_data["crosswalk"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        cleaned_data = super().clean()
        source, target = cleaned_data.get("source"), cleaned_data.get("target")
        if source and target:
            if source.pk == target.pk:
                self.add_error("target", gettext("Choose another year's index."))
            elif source.assessment_year.site_id != target.assessment_year.site_id:
                self.add_error("target", gettext("Choose an index of the same site."))
        return cleaned_data


class SiteSetupForm(forms.Form):
    """Set up ITA for one of the ``sites`` the user may act for, in a year of
    ``years`` (site id → the years it may be set up for; see
    :func:`ita_pages.setup.available_years`)."""

    site = forms.ModelChoiceField(queryset=Site.objects.none(), label=_("Site"))
    year = forms.TypedChoiceField(
        label=_("Assessment year"),
        coerce=int,
        help_text=_(
            "A year with a shipped catalog, or one already imported for the site."
        ),
    )

    def __init__(self, *args, sites, years: dict[int, list[int]], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["site"].queryset = sites
        every_year = sorted({year for numbers in years.values() for year in numbers})
        self.fields["year"].choices = [(year, str(year)) for year in every_year]

    def clean(self):
        cleaned_data = super().clean()
        site, year = cleaned_data.get("site"), cleaned_data.get("year")
        if site and year and year not in self.years.get(site.pk, []):
            self.add_error(
                "year",
                gettext("There is no ITA catalog for %(year)s on this site.")
                % {"year": year},
            )
        return cleaned_data


class ProcurementImportForm(forms.Form):
    """Upload an e-GP export (CSV or XLSX) for one of the ``sites``, naming the
    file's column of each field (the e-GP names are filled in)."""

    site = forms.ModelChoiceField(queryset=Site.objects.none(), label=_("Site"))
    file = forms.FileField(
        label=_("e-GP export"), help_text=_("A .csv or .xlsx file, one purchase a row.")
    )

    def __init__(self, *args, sites, **kwargs):
        from ita_pages.procurement import IMPORT_COLUMNS, REQUIRED_COLUMNS

        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        for field, (label, column) in IMPORT_COLUMNS.items():
            self.fields[f"column_{field}"] = forms.CharField(
                label=_("Column of “%(field)s”") % {"field": label},
                initial=column,
                required=field in REQUIRED_COLUMNS,
                max_length=200,
            )

    def column_mapping(self) -> dict[str, str]:
        """Field → the column named for it (empty: not in the file)."""
        prefix = "column_"
        return {
            name[len(prefix) :]: value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix)
        }


class PrepareReportsForm(forms.Form):
    """Add a fiscal year's due procurement reports to a procurement page."""

    page = forms.ModelChoiceField(
        queryset=Page.objects.none(), label=_("Procurement reports page")
    )
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"), min_value=2500, max_value=2700
    )

    def __init__(self, *args, pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = pages
