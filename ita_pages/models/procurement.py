"""Procurement records and the evidence computed from them (ITA: the procurement
list with progress, the monthly summary สขร.1 and the annual report).

Staff keep a :class:`ProcurementRecord` per purchase (typed in the admin or imported
from an e-GP export). A site's :class:`ProcurementPage` holds the year's reports as
child :class:`ProcurementReportPage` pages: each one freezes the records it reports
into its revision when a draft is saved (``FrozenReportMixin``), so what the ปลัด
and the นายก approve through the site's two-step workflow is exactly what is
published, whatever is typed later. A month without purchases is a
report too: it says "ไม่มีการจัดซื้อจัดจ้าง", as offices publish it.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from ita_pages.models.fields import baht_field, status_field
from ita_pages.models.gifts import baht
from ita_pages.models.mixins import (
    DisclosurePageMixin,
    FrozenReportMixin,
    current_fiscal_year,
)
from ita_pages.models.pages import BesideTheYears
from kcs_core.api_fields import be_date
from kcs_core.forms import RouteSafePageForm
from kcs_core.model_fields import ThaiDateModelField
from kcs_core.models import IntroPage, SiteRecord
from kcs_core.pdf import pdf_response
from kcs_core.preview import HeadlessPreviewable
from kcs_core.thai_dates import (
    fiscal_year,
    fiscal_year_bounds,
    fiscal_year_choice,
    format_month,
)


class ProcurementMethod(models.TextChoices):
    """Methods of the Public Procurement and Supplies Administration Act B.E. 2560
    (section 55): general invitation (e-market, e-bidding, price inquiry),
    selection and the specific method."""

    E_MARKET = "e_market", _("Electronic market (e-market)")
    E_BIDDING = "e_bidding", _("Electronic bidding (e-bidding)")
    PRICE_INQUIRY = "price_inquiry", _("Price inquiry")
    SELECTION = "selection", _("Selection")
    SPECIFIC = "specific", _("Specific method")
    """The supplier chosen directly (section 56(2)), as for a purchase of up to
    500,000 baht."""


class ProcurementStatus(models.TextChoices):
    """Where a purchase stands, in the order it moves on, as the reports show it (an
    e-GP import reads it from the words of the project's status there)."""

    PLANNED = "planned", _("Planned")
    ANNOUNCED = "announced", _("Invitation announced")
    CONTRACTED = "contracted", _("Contract signed")
    COMPLETED = "completed", _("Delivered and accepted")
    CANCELLED = "cancelled", _("Cancelled")


class ProcurementRecord(SiteRecord, ClusterableModel):
    """One purchase or hire, with the columns of the monthly summary (สขร.1)."""

    egp_number = models.CharField(
        _("e-GP project number"),
        max_length=30,
        blank=True,
        help_text=_(
            "The project number in the e-GP system; an import updates the "
            "record with the same number instead of adding it again."
        ),
    )
    project = models.CharField(_("work purchased or hired"), max_length=500)
    budget = baht_field(_("budget (baht)"))
    reference_price = baht_field(_("reference price (baht)"), null=True, blank=True)
    method = models.CharField(
        _("procurement method"), max_length=20, choices=ProcurementMethod.choices
    )
    winner = models.CharField(_("selected supplier"), max_length=300, blank=True)
    winning_price = baht_field(_("agreed price (baht)"), null=True, blank=True)
    reason = models.CharField(_("reason for the choice"), max_length=500, blank=True)
    contract_number = models.CharField(_("contract number"), max_length=100, blank=True)
    contract_date = ThaiDateModelField(
        _("contract date"),
        null=True,
        blank=True,
        help_text=_(
            "The month of the contract or purchase order is the month whose "
            "summary lists the purchase."
        ),
    )
    status = status_field(ProcurementStatus)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        default=current_fiscal_year,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
        help_text=_(
            "The budget year of the purchase; with a contract date, the "
            "year of that date."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("procurement record")
        verbose_name_plural = _("procurement records")
        ordering = ["-fiscal_year", "contract_date", "pk"]
        indexes = [models.Index(fields=["site", "fiscal_year", "contract_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "egp_number"],
                condition=~models.Q(egp_number=""),
                name="ita_procurement_egp_number_per_site",
            )
        ]

    def __str__(self):
        return self.project

    def save(self, *args, **kwargs):
        if self.contract_date:
            self.fiscal_year = fiscal_year(self.contract_date)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.winning_price is not None and not self.winner:
            raise ValidationError(
                {"winner": _("Name the supplier who was selected at this price.")}
            )

    def as_row(self) -> dict:
        """The record as a report keeps it: plain text and numbers as text, so a
        frozen report reads the same whatever the record becomes."""
        return {
            "egp_number": self.egp_number,
            "project": self.project,
            "budget": baht(self.budget),
            "reference_price": baht(self.reference_price)
            if self.reference_price is not None
            else "",
            "method": self.method,
            "bids": [
                {"bidder": bid.bidder, "price": baht(bid.price)}
                for bid in self.bids.all()
            ],
            "winner": self.winner,
            "winning_price": baht(self.winning_price)
            if self.winning_price is not None
            else "",
            "reason": self.reason,
            "contract_number": self.contract_number,
            "contract_date": self.contract_date.isoformat()
            if self.contract_date
            else "",
            "status": self.status,
            "progress": self.progress,
        }


class ProcurementBid(Orderable):
    """A bidder and the price offered."""

    record = ParentalKey(
        ProcurementRecord, on_delete=models.CASCADE, related_name="bids"
    )
    bidder = models.CharField(_("bidder"), max_length=300)
    price = baht_field(_("price offered (baht)"))

    class Meta(Orderable.Meta):
        verbose_name = _("bid")
        verbose_name_plural = _("bids")


# --- the reports -------------------------------------------------------------------


class ReportKind(models.TextChoices):
    """What a report page reports; each kind answers its own ITA role
    (``REPORT_ROLES``)."""

    MONTHLY = "monthly", _("Monthly summary (สขร.1)")
    LIST = "list", _("Procurement list with progress")
    ANNUAL = "annual", _("Annual procurement report")


#: The role of each report in the ITA catalogs.
REPORT_ROLES = {
    ReportKind.LIST: "procurement_list",
    ReportKind.MONTHLY: "procurement_monthly",
    ReportKind.ANNUAL: "procurement_annual",
}


def fiscal_months(year: int) -> list[tuple[int, int]]:
    """(calendar year, month) of fiscal ``year``'s months, October first."""
    start, _end = fiscal_year_bounds(year)
    months = []
    for offset in range(12):
        month = (start.month - 1 + offset) % 12 + 1
        months.append((start.year + (start.month - 1 + offset) // 12, month))
    return months


def month_has_ended(year: int, month: int, today: datetime.date) -> bool:
    """Whether calendar ``month`` of ``year`` is over on ``today``: its summary is
    due from then."""
    return datetime.date(year + month // 12, month % 12 + 1, 1) <= today


def fiscal_year_has_ended(year: int, today: datetime.date) -> bool:
    """Whether fiscal ``year`` is over on ``today``: its annual report is due."""
    return fiscal_year_bounds(year)[1] < today


def calendar_year(year: int, month: int) -> int:
    """The calendar year of ``month`` in fiscal ``year`` (October 2568 for 10 of
    fiscal 2569, as a Gregorian year)."""
    return {m: y for y, m in fiscal_months(year)}[month]


def records_for(site, year: int, month: int | None = None):
    """The records of ``site`` reported for fiscal ``year`` (in one of its months:
    those with a contract dated in it), with their bids."""
    records = ProcurementRecord.objects.filter(site=site, fiscal_year=year)
    if month is not None:
        records = records.filter(
            contract_date__year=calendar_year(year, month), contract_date__month=month
        )
    return records.order_by("contract_date", "pk").prefetch_related("bids")


def method_totals(rows: list[dict]) -> list[dict]:
    """Count, budget and agreed value per method, every method listed."""
    totals = []
    for method, _label in ProcurementMethod.choices:
        chosen = [row for row in rows if row["method"] == method]
        totals.append(
            {
                "method": method,
                "count": len(chosen),
                "budget": baht(sum(Decimal(row["budget"]) for row in chosen)),
                "value": baht(
                    sum(Decimal(row["winning_price"] or 0) for row in chosen)
                ),
            }
        )
    return totals


def compute_report(site, kind: str, year: int, month: int | None) -> dict:
    """What a report of ``kind`` shows for ``site``, as data to freeze."""
    rows = [record.as_row() for record in records_for(site, year, month)]
    report = {
        "kind": kind,
        "fiscal_year": year,
        "month": month,
        "prepared_at": timezone.now().isoformat(),
        "rows": rows,
        "budget": baht(sum((Decimal(row["budget"]) for row in rows), Decimal(0))),
        "value": baht(
            sum((Decimal(row["winning_price"] or 0) for row in rows), Decimal(0))
        ),
    }
    if kind == ReportKind.ANNUAL:
        report["per_method"] = method_totals(rows)
    return report


class ProcurementPage(
    BesideTheYears, HeadlessPreviewable, DisclosurePageMixin, IntroPage
):
    """The office's procurement reports, one child page per report, and the pages
    an ITA index links by role for a fiscal year (``?year=``): the list with
    progress, the twelve monthly summaries and the annual report."""

    api_fields = [*IntroPage.api_fields, APIField("reports")]
    subpage_types = ["ita_pages.ProcurementReportPage"]
    ita_roles = tuple(REPORT_ROLES.values())
    ita_year_query = "year"
    #: Role → the address below the page that answers it.
    ita_role_paths = {
        REPORT_ROLES[ReportKind.LIST]: "list/",
        REPORT_ROLES[ReportKind.MONTHLY]: "monthly/",
        REPORT_ROLES[ReportKind.ANNUAL]: "annual/",
    }

    class Meta:
        verbose_name = verbose_name_plural = _("procurement reports")

    @classmethod
    def ita_paths_answering(cls, paths: list[str], year: int) -> set[str]:
        """Of these pages' tree paths, those holding a published report of fiscal
        ``year``: an index links its procurement items only to a year that has
        one, and shows them missing otherwise."""
        under = Q(pk__in=[])
        for tree_path in paths:
            under |= Q(path__startswith=tree_path)
        reports = ProcurementReportPage.objects.live().filter(under, fiscal_year=year)
        parents = {
            path[: -cls.steplen] for path in reports.values_list("path", flat=True)
        }
        return set(paths) & parents

    def live_reports(self, year: int):
        """The published reports of fiscal ``year`` in this page's language."""
        return (
            ProcurementReportPage.objects.child_of(self)
            .live()
            .filter(fiscal_year=year)
            .order_by("report", "month_order")
        )

    @property
    def reports(self) -> list[dict]:
        """The published reports of the current fiscal year, for the API."""
        return [
            {
                "id": report.pk,
                "title": report.title,
                "report": report.report,
                "month": report.month,
                "url": report.full_url,
            }
            for report in self.live_reports(current_fiscal_year())
        ]

    def year_context(self, request) -> dict:
        choice = fiscal_year_choice(
            request.GET.get(self.ita_year_query),
            ProcurementReportPage.objects.child_of(self)
            .live()
            .values_list("fiscal_year", flat=True),
        )
        year, today = choice["year"], timezone.localdate()
        reports = list(self.live_reports(year))
        by_month = {r.month: r for r in reports if r.report == ReportKind.MONTHLY}
        return {
            **choice,
            "list_report": next(
                (r for r in reports if r.report == ReportKind.LIST), None
            ),
            "annual_report": next(
                (r for r in reports if r.report == ReportKind.ANNUAL), None
            ),
            "year_ended": fiscal_year_has_ended(year, today),
            "months": [
                {
                    "label": format_month(y, m),
                    "month": m,
                    "report": by_month.get(m),
                    "ended": month_has_ended(y, m, today),
                }
                for y, m in fiscal_months(year)
            ],
        }

    @path("")
    def overview(self, request):
        """The year's reports: the list with progress, the months, the annual
        report, each linked once published."""
        return self.render(request, context_overrides=self.year_context(request))

    @path("monthly/", name="monthly")
    def monthly(self, request):
        """The twelve months of the year, each linked to its summary (the same
        overview: the months are its table)."""
        return self.overview(request)

    def published_report(self, request, kind: str):
        """The year's approved report of ``kind``, or the overview saying it is not
        published yet."""
        context = self.year_context(request)
        report = context[f"{kind}_report"]
        if report:
            return redirect(report.url)
        return self.render(request, context_overrides={**context, "missing": kind})

    @path("list/", name="list")
    def list_report(self, request):
        return self.published_report(request, ReportKind.LIST)

    @path("annual/", name="annual")
    def annual_report(self, request):
        return self.published_report(request, ReportKind.ANNUAL)


class ProcurementReportForm(RouteSafePageForm):
    """Refuses a second report of the same period under the same page."""

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        for name in ("fiscal_year", "report", "month"):
            if name in cleaned:
                setattr(page, name, cleaned[name])
        if page.report != ReportKind.MONTHLY:
            page.month = None
        if self.parent_page and page.same_report_under(self.parent_page).exists():
            self.add_error(
                None, _("A report of this period is already kept on this page.")
            )
        return cleaned


class ProcurementReportPage(
    FrozenReportMixin, HeadlessPreviewable, DisclosurePageMixin, Page
):
    """One report, frozen: its rows are taken from the records when a draft is
    saved, and the live revision keeps them until a new one is approved."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        default=current_fiscal_year,
        validators=[MinValueValidator(2500), MaxValueValidator(2700)],
    )
    report = models.CharField(_("report"), max_length=10, choices=ReportKind.choices)
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("For a monthly summary: 1 for January … 12 for December."),
    )
    #: The month's place in the fiscal year (October 1 … September 12), for sorting.
    month_order = models.PositiveSmallIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("fiscal_year"),
        FieldPanel("report"),
        FieldPanel("month"),
    ]
    api_fields = [
        APIField("fiscal_year"),
        APIField("report"),
        APIField("month"),
        APIField("frozen_report"),
        *DisclosurePageMixin.approval_api_fields,
    ]
    parent_page_types = ["ita_pages.ProcurementPage"]
    subpage_types: list[str] = []
    base_form_class = ProcurementReportForm

    class Meta:
        verbose_name = _("procurement report")
        verbose_name_plural = _("procurement reports")

    def clean(self):
        super().clean()
        if self.report == ReportKind.MONTHLY and not self.month:
            raise ValidationError({"month": _("Choose the month of the summary.")})
        if self.report != ReportKind.MONTHLY:
            self.month = None

    def same_report_under(self, parent):
        """Other pages under ``parent`` reporting the same period in this language."""
        return (
            ProcurementReportPage.objects.child_of(parent)
            .filter(
                locale_id=self.locale_id,
                fiscal_year=self.fiscal_year,
                report=self.report,
                month=self.month,
            )
            .exclude(pk=self.pk)
        )

    def refresh_snapshot(self) -> None:
        """Take the report's rows from the records now (the site of the parent)."""
        monthly = self.report == ReportKind.MONTHLY and self.month
        self.month_order = (self.month - 10) % 12 + 1 if monthly else 0
        self.snapshot = compute_report(
            self.get_site(), self.report, self.fiscal_year, self.month
        )

    @property
    def frozen_report(self) -> dict:
        """The frozen report with labels and Buddhist-era dates, for the API."""
        report = dict(self.snapshot)
        report["rows"] = [
            {
                **row,
                "method_label": str(ProcurementMethod(row["method"]).label),
                "status_label": str(ProcurementStatus(row["status"]).label),
                "contract_date_be": be_date(
                    datetime.date.fromisoformat(row["contract_date"])
                )
                if row["contract_date"]
                else None,
            }
            for row in self.snapshot.get("rows", [])
        ]
        return report

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_data"] = self.frozen_report
        context["methods"] = dict(ProcurementMethod.choices)
        context["statuses"] = dict(ProcurementStatus.choices)
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The report as a printable PDF (A4 landscape, the Thai font embedded)."""
        if not self.snapshot:
            raise Http404
        return pdf_response(
            request,
            "ita_pages/procurement_report_pdf.html",
            {**self.get_context(request), "record": self.get_approval_record()},
            filename=f"{self.slug}.pdf",
        )
