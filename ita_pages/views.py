"""Admin views of the ITA app: setting a site up, readiness per year, catalog import,
the year tree, freezing an index, the evidence crosswalk, the procurement import and
the preparing of procurement reports. Wired in
``wagtail_hooks.py``."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.permission_policies import ModelPermissionPolicy

from ita_pages.approvals import site_label
from ita_pages.catalog import CatalogError, load_catalog, parse_file
from ita_pages.circulars import remind
from ita_pages.evidence import (
    MISSING,
    STALE,
    STATUS_LABELS,
    UNVERIFIED,
    evidence_page_types,
)
from ita_pages.forms import (
    CatalogImportForm,
    CrosswalkForm,
    PrepareReportsForm,
    ProcurementImportForm,
    SiteSetupForm,
)
from ita_pages.models import (
    AssessmentYear,
    ITAIndexPage,
    ITASettings,
    LetterBatch,
    ProcurementPage,
    ProcurementRecord,
)
from ita_pages.models.circulars import Circular
from ita_pages.models.letters import printed_letters
from ita_pages.procurement import (
    ImportRefused,
    import_records,
    prepare_reports,
    read_table,
)
from ita_pages.setup import (
    SetupError,
    SetupResult,
    available_years,
    may_set_up,
    set_up_site,
)
from ita_pages.yearly import copy_links, freeze, seed_year_tree
from kcs_core.admin_screens import admin_screen
from kcs_core.models import GovernmentSettings
from kcs_core.pdf import pdf_response
from kcs_core.permissions import editable_sites
from kcs_core.thai_dates import fiscal_year


def may_import_catalogs(user) -> bool:
    """Whether ``user`` may import a year's catalog (the import view's check)."""
    return ModelPermissionPolicy(AssessmentYear).user_has_permission(user, "add")


def may_set_up_a_site(user) -> bool:
    """Whether ``user`` may set up one of the sites they act for (the menu's check:
    the set-up publishes pages, which an editor who may only draft may not). The
    menu asks it twice for each admin page: the answer is kept on the request's
    user."""
    if not hasattr(user, "kcs_may_set_up_a_site"):
        sites = editable_sites(user).select_related("root_page")
        user.kcs_may_set_up_a_site = any(may_set_up(site, user) for site in sites)
    return user.kcs_may_set_up_a_site


def may_import_procurement(user) -> bool:
    """Whether ``user`` may import e-GP procurement records."""
    return ModelPermissionPolicy(ProcurementRecord).user_has_permission(user, "add")


def may_check_catalogs(user) -> bool:
    """Whether ``user`` may open a catalog year to check it (the catalog list's
    edit check; whoever edits an index acts for its site)."""
    return ModelPermissionPolicy(AssessmentYear).user_has_permission(user, "change")


def _procurement_pages_open_to(user):
    """The procurement pages under which ``user`` may add pages, one by one."""
    return (
        page
        for page in ProcurementPage.objects.all()
        if page.permissions_for_user(user).can_add_subpage()
    )


def reportable_procurement_pages(user):
    """The procurement pages under which ``user`` may add the due reports."""
    return ProcurementPage.objects.filter(
        pk__in=[page.pk for page in _procurement_pages_open_to(user)]
    )


def may_prepare_reports(user) -> bool:
    """Whether ``user`` may prepare reports under any procurement page (the menu's
    check); stops at the first such page."""
    return any(_procurement_pages_open_to(user))


def editable_indexes(user):
    """Index pages the user may edit, newest year first."""
    pages = ITAIndexPage.objects.select_related(
        "assessment_year__site", "locale"
    ).order_by("-assessment_year__year", "path")
    return [page for page in pages if page.permissions_for_user(user).can_edit()]


def _editable_index(request, page_id) -> ITAIndexPage:
    index = get_object_or_404(
        ITAIndexPage.objects.select_related("assessment_year__site"), pk=page_id
    )
    if not index.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return index


def site_readiness(user, today=None) -> list[dict]:
    """Per site ``user`` acts for: the current fiscal year's catalog, index and
    counts (dashboard), and whether the set-up can make them (a catalog of the year
    ships with the plugin or was imported for the site)."""
    year_number = fiscal_year(today or timezone.localdate())
    sites = list(editable_sites(user).select_related("root_page").order_by("hostname"))
    set_up_years = available_years(sites)  # read once: the years' query uses them
    indexes = {
        (page.assessment_year.site_id, page.assessment_year.year): page
        for page in editable_indexes(user)
        if page.locale_id == page.assessment_year.site.root_page.locale_id
    }
    years = {
        (year.site_id, year.year): year
        for year in AssessmentYear.objects.filter(year=year_number)
    }
    rows = []
    for site in sites:
        key = (site.pk, year_number)
        index = indexes.get(key)
        rows.append(
            {
                "site": site,
                "year": year_number,
                "catalog": years.get(key),
                "index": index,
                "counts": index.get_report().count_rows() if index else None,
                "can_set_up": year_number in set_up_years[site.pk],
                "may_set_up": may_set_up(site, user),
            }
        )
    return rows


def readiness_index(request):
    """Every index the user may edit, with its counts."""
    rows = [
        {"index": index, "counts": index.get_report().count_rows()}
        for index in editable_indexes(request.user)
    ]
    return admin_screen(
        request,
        "ita_pages/admin/readiness_index.html",
        {
            "page_title": _("ITA readiness"),
            "header_icon": "clipboard-list",
            "rows": rows,
            "sites": site_readiness(request.user),
            "may_import": may_import_catalogs(request.user),
        },
    )


def draft_pages_by_code(index) -> dict[str, object]:
    """Item code → a page below ``index`` that declares it (to send editors to)."""
    found = {}
    for model in evidence_page_types():
        for page in model.objects.descendant_of(index).order_by("path"):
            for code in page.declared_codes:
                found.setdefault(code, page)
    return found


def readiness_report(request, page_id):
    """One year: counts, then the missing, stale and unverified items, each with a
    link to where an editor fixes it."""
    index = _editable_index(request, page_id)
    report = index.get_report()
    targets = FixTargets.for_user(index, request.user)
    sections = []
    for status in (MISSING, STALE, UNVERIFIED):
        entries = []
        for row in report.with_status(status):
            fixes = fix_links(row, targets)
            entries.append({"row": row, "fixes": fixes})
        sections.append(
            {"status": status, "title": STATUS_LABELS[status], "entries": entries}
        )
    return admin_screen(
        request,
        "ita_pages/admin/readiness_report.html",
        {
            "page_title": _("ITA readiness %(year)s") % {"year": report.year.year},
            "header_icon": "clipboard-list",
            "index": index,
            "report": report,
            "sections": sections,
            "snapshots": index.snapshots.all(),
        },
    )


@dataclass(frozen=True)
class FixTargets:
    """Where a user fixes the items of one year's report: the pages that declare
    an item, the index, and the catalog links the user's permissions open."""

    drafts: dict
    edit_index: str
    check_catalog: str | None
    import_catalog: str | None

    @classmethod
    def for_user(cls, index, user) -> "FixTargets":
        year = index.assessment_year
        return cls(
            drafts=draft_pages_by_code(index),
            edit_index=reverse("wagtailadmin_pages:edit", args=[index.pk]),
            check_catalog=(
                reverse("ita_catalogs:edit", args=[year.pk])
                if may_check_catalogs(user)
                else None
            ),
            import_catalog=(
                reverse("ita_pages_import") if may_import_catalogs(user) else None
            ),
        )


def fix_links(row, targets: FixTargets) -> list[tuple[str, str]]:
    """``(label, url)`` pairs: where this item is fixed (an unverified catalog only
    where the user may check or import catalogs)."""
    links = []
    if row.status == UNVERIFIED:
        if targets.check_catalog:
            links.append((_("Check the catalog year"), targets.check_catalog))
        if targets.import_catalog:
            links.append((_("Import the verified catalog"), targets.import_catalog))
        return links
    if row.status == STALE:
        for evidence in row.stale_evidence:
            if evidence.page_id:
                links.append(
                    (
                        _("Update “%(title)s”") % {"title": evidence.title},
                        reverse("wagtailadmin_pages:edit", args=[evidence.page_id]),
                    )
                )
    draft = targets.drafts.get(row.item.slug)
    if row.status == MISSING and draft is not None:
        links.append(
            (
                _("Edit the draft “%(title)s”") % {"title": draft.title},
                reverse("wagtailadmin_pages:edit", args=[draft.pk]),
            )
        )
    links.append((_("Link evidence on the index"), targets.edit_index))
    return links


@require_POST
def seed_view(request, page_id):
    """Admin action: build the year's tree of draft evidence pages."""
    index = _editable_index(request, page_id)
    result = seed_year_tree(index, user=request.user)
    messages.success(
        request,
        _("%(created)s draft pages created, %(existing)s already existed.")
        % {"created": len(result.created), "existing": len(result.existing)},
    )
    return redirect("ita_pages_readiness_report", page_id=index.pk)


@require_POST
def freeze_view(request, page_id):
    """Admin action: keep the index as submitted today."""
    index = _editable_index(request, page_id)
    freeze(index, user=request.user, note=request.POST.get("note", "")[:255])
    messages.success(request, _("The index was frozen as submitted."))
    return redirect("ita_pages_readiness_report", page_id=index.pk)


def import_view(request):
    """Upload a year's catalog; a bad file is refused whole, every bad row named."""
    if not may_import_catalogs(request.user):
        raise PermissionDenied
    form = CatalogImportForm(
        request.POST or None,
        request.FILES or None,
        sites=editable_sites(request.user),
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            catalog = parse_file(
                upload.name, upload.read(), form.cleaned_data["verified"]
            )
        except CatalogError as exc:
            errors = exc.errors
        else:
            year, created = load_catalog(form.cleaned_data["site"], catalog)
            messages.success(
                request,
                (
                    _("Imported %(year)s: %(count)s items.")
                    if created
                    else _("Replaced %(year)s: %(count)s items.")
                )
                % {"year": year.year, "count": len(catalog.items)},
            )
            return redirect("ita_catalogs:index")
    return admin_screen(
        request,
        "ita_pages/admin/import.html",
        {
            "page_title": _("Import an ITA catalog"),
            "header_icon": "upload",
            "form": form,
            "errors": errors,
        },
    )


def crosswalk_view(request):
    """Copy last year's evidence links into a new year through a code crosswalk."""
    indexes = ITAIndexPage.objects.filter(
        pk__in=[page.pk for page in editable_indexes(request.user)]
    ).select_related("assessment_year__site", "locale")
    form = CrosswalkForm(request.POST or None, indexes=indexes)
    result = None
    if request.method == "POST" and form.is_valid():
        result = copy_links(
            form.cleaned_data["source"],
            form.cleaned_data["target"],
            form.cleaned_data["crosswalk"],
            user=request.user,
        )
    return admin_screen(
        request,
        "ita_pages/admin/crosswalk.html",
        {
            "page_title": _("Copy evidence links to a new year"),
            "header_icon": "copy",
            "form": form,
            "result": result,
        },
    )


def setup_initial(request, years: dict[int, list[int]]) -> dict:
    """The form's first values: the site and year the link named (the readiness
    panel's) when that year may be chosen, else the current fiscal year, else the
    newest year before it that may be (never the oldest, the list's first)."""
    site = request.GET.get("site")
    choices = {year for numbers in years.values() for year in numbers}
    named = request.GET.get("year", "")
    if named.isdigit() and int(named) in choices:
        return {"site": site, "year": int(named)}
    current = fiscal_year(timezone.localdate())
    return {
        "site": site,
        "year": max((y for y in choices if y <= current), default=None),
    }


def setup_message(result: SetupResult) -> str:
    """The success message: what was created, or that nothing needed to be."""
    names = {"site": site_label(result.site), "year": result.year.year}
    if not result.created:
        return (
            _("ITA for %(site)s, %(year)s was already set up; nothing was created.")
            % names
        )
    return _("ITA is set up for %(site)s, %(year)s. Created: %(created)s.") % {
        **names,
        "created": ", ".join(result.created),
    }


def setup_view(request):
    """Set a site up for ITA in a year: its catalog, the ITA section, the year's
    index, the approval workflow and groups, and the year's draft evidence pages."""
    sites = editable_sites(request.user)
    if not sites.exists():
        raise PermissionDenied
    years = available_years(sites)
    form = SiteSetupForm(
        request.POST or None,
        sites=sites,
        years=years,
        initial=setup_initial(request, years),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = set_up_site(
                form.cleaned_data["site"], form.cleaned_data["year"], request.user
            )
        except SetupError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(request, setup_message(result))
            if result.index.permissions_for_user(request.user).can_edit():
                return redirect("ita_pages_readiness_report", page_id=result.index.pk)
            return redirect("wagtailadmin_explore", result.index.pk)
    return admin_screen(
        request,
        "ita_pages/admin/setup.html",
        {
            "page_title": _("Set up ITA for a site"),
            "header_icon": "clipboard-list",
            "form": form,
            "submit_button_label": _("Set up"),
            "submit_button_active_label": _("Setting up…"),
        },
    )


def procurement_import_view(request):
    """Import procurement records from an e-GP export; a bad file is refused whole,
    every bad row named."""
    if not may_import_procurement(request.user):
        raise PermissionDenied
    form = ProcurementImportForm(
        request.POST or None, request.FILES or None, sites=editable_sites(request.user)
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_table(upload.name, upload.read())
            result = import_records(
                form.cleaned_data["site"], rows, form.column_mapping()
            )
        except ImportRefused as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Imported the file: %(created)s records added, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("ita_procurement:index")
    return admin_screen(
        request,
        "ita_pages/admin/import.html",
        {
            "page_title": _("Import procurement records from e-GP"),
            "header_icon": "upload",
            "form": form,
            "errors": errors,
        },
    )


def prepare_reports_view(request):
    """Add a fiscal year's due procurement reports as drafts to submit for
    approval."""
    pages = reportable_procurement_pages(request.user)
    if not pages.exists():
        raise PermissionDenied
    form = PrepareReportsForm(
        request.POST or None,
        pages=pages,
        initial={"fiscal_year": fiscal_year(timezone.localdate())},
    )
    if request.method == "POST" and form.is_valid():
        page = form.cleaned_data["page"].specific
        added = prepare_reports(page, form.cleaned_data["fiscal_year"], request.user)
        messages.success(
            request,
            _("%(count)s draft reports added; submit each for approval.")
            % {"count": len(added)},
        )
        return redirect("wagtailadmin_explore", page.pk)
    return admin_screen(
        request,
        "ita_pages/admin/import.html",
        {
            "page_title": _("Prepare procurement reports"),
            "header_icon": "doc-full",
            "form": form,
            "errors": [],
            "submit_label": _("Prepare"),
        },
    )


def letters_pdf_view(request, pk):
    """A batch of letters to community leaders as one printable PDF, a letter a
    page."""
    batch = get_object_or_404(LetterBatch, pk=pk)
    if not editable_sites(request.user).filter(pk=batch.site_id).exists():
        raise PermissionDenied
    letters = printed_letters(
        batch,
        ITASettings.for_site(batch.site),
        GovernmentSettings.for_site(batch.site),
    )
    return pdf_response(
        request,
        "ita_pages/letters_pdf.html",
        {"batch": batch, "letters": letters},
        filename=f"letters-{batch.pk}.pdf",
    )


def circular_for(request, pk) -> tuple[Circular, bool]:
    """The circular and whether the user may manage it (acts for its site); a
    member of staff it went to may open it to acknowledge."""
    circular = get_object_or_404(
        Circular.objects.select_related("announcement", "site"), pk=pk
    )
    may_manage = editable_sites(request.user).filter(pk=circular.site_id).exists()
    if not may_manage and not circular.recipients.filter(user=request.user).exists():
        raise PermissionDenied
    return circular, may_manage


def circular_view(request, pk):
    """A circular's acknowledgement list: who acknowledged and when, who has not,
    a reminder and the printable list; the user's own "รับทราบ" when they are
    among its staff."""
    circular, may_manage = circular_for(request, pk)
    recipients = list(circular.recipients.all())
    return admin_screen(
        request,
        "ita_pages/admin/circular.html",
        {
            "page_title": circular.subject,
            "circular": circular,
            "announcement_url": circular.announcement.specific.get_url(request),
            "counts": circular.counts(),
            "recipients": recipients,
            "pending": [r for r in recipients if not r.acknowledged_at],
            "own_pending": circular.recipients.filter(
                user=request.user, acknowledged_at__isnull=True
            ).first(),
            "may_manage": may_manage,
            "may_remind": circular.may_remind(),
        },
    )


@require_POST
def circular_acknowledge_view(request, pk):
    """The signed-in member of staff acknowledges the circular, once."""
    circular, _may_manage = circular_for(request, pk)
    own = get_object_or_404(circular.recipients, user=request.user)
    if own.confirm():
        messages.success(request, _("Your acknowledgement is recorded."))
    return redirect("ita_pages_circular", pk)


@require_POST
def circular_remind_view(request, pk):
    """Remind everyone who has not acknowledged (at most once a day)."""
    circular, may_manage = circular_for(request, pk)
    if not may_manage:
        raise PermissionDenied
    if remind(circular):
        messages.success(request, _("The reminder is on its way."))
    else:
        messages.warning(request, _("A reminder already went out in the last day."))
    return redirect("ita_pages_circular", pk)


def circular_pdf_view(request, pk):
    """The acknowledgement list (ใบรับทราบ) as a printable PDF."""
    circular, may_manage = circular_for(request, pk)
    if not may_manage:
        raise PermissionDenied
    return pdf_response(
        request,
        "ita_pages/circular_pdf.html",
        {
            "circular": circular,
            "recipients": circular.recipients.all(),
            "counts": circular.counts(),
            "organisation": GovernmentSettings.for_site(circular.site).name,
        },
        filename=f"acknowledgements-{circular.pk}.pdf",
    )
