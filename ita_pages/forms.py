"""Forms of the ITA admin tools (the index page's own form is in
:mod:`ita_pages.page_forms`)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, Site

from ita_pages.procurement import IMPORT_COLUMNS, REQUIRED_COLUMNS
from ita_pages.setup import may_set_up
from ita_pages.yearly import parse_crosswalk


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
        for name in ("source", "target"):
            self.fields[name].queryset = indexes
            self.fields[name].label_from_instance = lambda index: index.admin_label

    def clean_crosswalk(self) -> dict[str, str]:
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

    def __init__(self, *args, sites, years: dict[int, list[int]], user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years, self.user = years, user
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
        if site and self.user and not may_set_up(site, self.user):
            self.add_error(
                "site",
                gettext(
                    "Setting a site up publishes its ITA section and index, and you "
                    "may not publish pages on this site. Ask its administrator."
                ),
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
