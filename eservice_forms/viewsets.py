"""The admin listing of requests across services: filters, CSV/XLSX export of the
filtered rows, and the per-request views of :mod:`eservice_forms.views`."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from kcs_core.columns import DueDateColumn, LocalDateColumn
from kcs_core.spreadsheets import ReaderSpreadsheetMixin
from kcs_core.thai_dates import format_fiscal_year

from . import views
from .models import ServiceRequest
from .permissions import requests_for_user
from .request_statuses import STATUS_CHOICES
from .statistics import service_names


def fiscal_year_choices(requests):
    """The fiscal years of ``requests``, newest first, in the Buddhist era."""
    years = requests.order_by("-fiscal_year").values_list("fiscal_year", flat=True)
    return [(year, format_fiscal_year(year)) for year in years.distinct()]


def service_choices(requests):
    """The services of ``requests``, by name: a service's Thai and English pages
    are one choice (their translation key), named in the admin's language."""
    keys = requests.order_by().values_list("page__translation_key", flat=True)
    names = service_names(set(keys.distinct()) - {None})
    return sorted(names.items(), key=lambda choice: choice[1])


class ServiceRequestFilterSet(WagtailFilterSet):
    service = django_filters.ChoiceFilter(
        label=_("Service"), field_name="page__translation_key"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES)
    fiscal_year = django_filters.TypedChoiceFilter(label=_("Fiscal year"), coerce=int)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")
    overdue_return = django_filters.BooleanFilter(
        label=_("Items not returned on time"), method="filter_overdue_return"
    )

    class Meta:
        model = ServiceRequest
        fields = ["service", "status", "fiscal_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The services and years of the requests the user may open, not every site's.
        visible = requests_for_user(self.request.user)
        self.filters["service"].extra["choices"] = service_choices(visible)
        self.filters["fiscal_year"].extra["choices"] = fiscal_year_choices(visible)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue(timezone.localdate())
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_overdue_return(self, queryset, name, value):
        if value is None:
            return queryset
        late = queryset.overdue_returns(timezone.localdate())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class ServiceRequestIndexView(ReaderSpreadsheetMixin, IndexView):
    """Requests the user may open, newest first. The export is the filtered rows,
    as the clerk reads them (see :class:`kcs_core.spreadsheets.ReaderSpreadsheetMixin`),
    with the site of each: a clerk of several sites gets them in one file, and a
    reference such as ``ESV-2570-000001`` is unique per site only."""

    def get_base_queryset(self):
        return (
            requests_for_user(self.request.user)
            .select_related("site")
            .order_by("-submit_time")
        )


class ServiceRequestViewSet(ModelViewSet):
    """E-service requests, first in the admin's "E-services" menu
    (``wagtail_hooks.EServiceViewSetGroup``). Requests are filed by residents and
    changed through the case view's actions only, so there is no add, edit or
    delete form."""

    model = ServiceRequest
    name = "eservice_requests"
    icon = "form"
    menu_label = _("E-service requests")
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = ServiceRequestIndexView
    filterset_class = ServiceRequestFilterSet
    copy_view_enabled = False
    list_per_page = 50
    # A resident who phones gives the reference (or its last digits).
    search_fields = ["reference"]
    search_backend_name = None  # requests are not in the search index
    list_display = [
        TitleColumn(
            "reference", label=_("Reference"), url_name="eservice_requests:case"
        ),
        Column("service_title", label=_("Service")),
        Column("get_status_display", label=_("Status")),
        Column("assigned_division", label=_("Division")),
        LocalDateColumn("submit_time", label=_("Filed")),
        DueDateColumn("due_date", label=_("Due")),
    ]
    list_export = [
        "reference",
        "site",
        "service_title",
        "kind",
        "status",
        "fiscal_year",
        "submit_time",
        "due_date",
        "decided_at",
        "closed_at",
        "assigned_division",
        "return_due",
        "returned_on",
    ]
    export_filename = "eservice-requests"

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", views.CaseView.as_view(), name="case"),
            path("<int:pk>/print/", views.print_view, name="print"),
            path(
                "<int:pk>/files/<int:attachment_pk>/",
                views.attachment_view,
                name="attachment",
            ),
        ]
