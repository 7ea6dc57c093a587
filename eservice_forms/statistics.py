"""Numbers the office publishes as ITA evidence, computed from the requests of one
site and fiscal year, in a constant number of queries."""

import statistics as stats

from django.db.models import Avg, Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation

from wagtail.models import Page

from kcs_core.thai_dates import month_name

from .models.requests import SatisfactionResponse, ServiceRequest
from .request_statuses import STATUS_LABELS

FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


def years_with_requests(site) -> set[int]:
    """Fiscal years with requests on ``site``."""
    return set(
        ServiceRequest.objects.filter(site=site)
        .values_list("fiscal_year", flat=True)
        .distinct()
    )


def _with_share(rows: list[dict], label_key: str) -> list[dict]:
    """Add ``label`` and ``percent`` (of the largest count) for drawing bars."""
    top = max((row["count"] for row in rows), default=0) or 1
    for row in rows:
        row["label"] = row[label_key]
        row["percent"] = round(100 * row["count"] / top)
    return rows


def service_names(translation_keys) -> dict:
    """The title of each service (by its pages' translation key) in the active
    language, else in the language it has."""
    language = translation.get_language()
    names = {}
    pages = Page.objects.filter(translation_key__in=translation_keys).values_list(
        "translation_key", "locale__language_code", "title"
    )
    for key, language_code, title in pages:
        if key not in names or language_code == language:
            names[key] = title
    return names


def by_service(rows, prefix: str = "") -> list[tuple[str, dict]]:
    """``(service name, row)`` for rows of ``values()`` that hold the request's
    ``page__translation_key`` and ``service_title`` (after ``prefix``): the Thai
    and English pages of a service are one service, named in the active language;
    a request whose page is gone keeps the title it was filed under."""
    rows = list(rows)
    key_field, title_field = f"{prefix}page__translation_key", f"{prefix}service_title"
    names = service_names({row[key_field] for row in rows if row[key_field]})
    return [(names.get(row[key_field], row[title_field]), row) for row in rows]


def totals_by_service(rows, fields: tuple[str, ...], prefix: str = "") -> dict:
    """Service name → the sums of ``fields`` over its rows (:func:`by_service`)."""
    totals = {}
    for name, row in by_service(rows, prefix):
        total = totals.setdefault(name, dict.fromkeys(fields, 0))
        for field in fields:
            total[field] += row[field]
    return totals


def service_statistics(site, year: int) -> dict:
    """Requests per service, per month of the fiscal year and per status; median days
    from filing to decision against each service's declared processing time."""
    requests = ServiceRequest.objects.filter(site=site, fiscal_year=year)
    counts = totals_by_service(
        requests.values("page__translation_key", "service_title")
        .annotate(count=Count("pk"))
        .order_by(),
        ("count",),
    )
    per_service = sorted(
        ({"service_title": name, **total} for name, total in counts.items()),
        key=lambda row: (-row["count"], row["service_title"]),
    )
    months = {
        row["month"].month: row["count"]
        for row in requests.annotate(
            month=TruncMonth("submit_time", tzinfo=timezone.get_current_timezone())
        )
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    }
    per_month = [
        {"month": month_name(month, style="short"), "count": months.get(month, 0)}
        for month in FISCAL_MONTHS
    ]
    per_status = [
        {"status_label": STATUS_LABELS.get(row["status"], row["status"]), **row}
        for row in requests.values("status")
        .annotate(count=Count("pk"))
        .order_by("-count")
    ]
    decided = requests.filter(decided_at__isnull=False).values(
        "page__translation_key",
        "service_title",
        "submit_time",
        "decided_at",
        "page__servicepage__processing_time",
        "page__servicepage__processing_time_unit",
    )
    days, declared = {}, {}
    for title, row in by_service(decided):
        submitted, decided_at = row["submit_time"], row["decided_at"]
        days.setdefault(title, []).append(
            (timezone.localdate(decided_at) - timezone.localdate(submitted)).days
        )
        declared[title] = (
            row["page__servicepage__processing_time"],
            row["page__servicepage__processing_time_unit"],
        )
    timeliness = [
        {
            "service_title": title,
            "decided": len(values),
            "median_days": stats.median(values),
            "declared": declared[title][0],
            "declared_unit": declared[title][1],
        }
        for title, values in sorted(days.items())
    ]
    return {
        "year": year,
        "total": sum(row["count"] for row in per_service),
        "per_service": _with_share(per_service, "service_title"),
        "per_month": _with_share(per_month, "month"),
        "per_status": _with_share(per_status, "status_label"),
        "timeliness": timeliness,
    }


def satisfaction_statistics(site, year: int) -> dict:
    """Survey answers per service: count, average and the spread of ratings."""
    answers = SatisfactionResponse.objects.filter(
        request__site=site, request__fiscal_year=year
    )
    sums = totals_by_service(
        answers.values("request__page__translation_key", "request__service_title")
        .annotate(count=Count("pk"), points=Sum("rating"))
        .order_by(),
        ("count", "points"),
        prefix="request__",
    )
    spread = {
        row["rating"]: row["count"]
        for row in answers.values("rating").annotate(count=Count("pk")).order_by()
    }
    total = sum(spread.values())
    overall = answers.aggregate(average=Avg("rating"))["average"]
    return {
        "year": year,
        "total": total,
        "average": overall,
        "per_service": [
            {
                "service_title": name,
                "count": total["count"],
                "average": total["points"] / total["count"],
            }
            for name, total in sorted(sums.items())
        ],
        "ratings": _with_share(
            [
                {"rating": rating, "count": spread.get(rating, 0)}
                for rating in range(5, 0, -1)
            ],
            "rating",
        ),
    }
