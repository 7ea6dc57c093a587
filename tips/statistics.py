"""ITA statistics of tips: counts by category, status and month, never content.

Two queries per fiscal year (live tips and the counts kept of erased ones),
whatever the number of tips.
"""

from collections import Counter

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from kcs_core.thai_dates import BE_OFFSET, FISCAL_YEAR_FIRST_MONTH, format_month
from tips.models.tips import Category, Status, Tip, TipCount

# Months in fiscal-year order: October … September.
FISCAL_MONTHS = tuple((FISCAL_YEAR_FIRST_MONTH - 1 + i) % 12 + 1 for i in range(12))


def _rows(site, year):
    live = (
        Tip.objects.filter(site=site, fiscal_year=year)
        .annotate(month=ExtractMonth("created_at"))
        .values("month", "category", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    erased = (
        TipCount.objects.filter(site=site, fiscal_year=year)
        .values("month", "category", "status")
        .annotate(count=Sum("count"))
        .order_by()
    )
    return [*live, *erased]


def month_label(year: int, month: int) -> str:
    """``ตุลาคม 2568`` in Thai, ``October 2025`` in English, for a month of fiscal
    ``year``."""
    ce_year = year - BE_OFFSET - (1 if month >= FISCAL_YEAR_FIRST_MONTH else 0)
    return format_month(ce_year, month)


def tip_statistics(site, year: int) -> dict:
    """Counts of ``site``'s tips in fiscal ``year``: total, and by category, status
    and month (lists of ``{"code", "label", "count"}`` in a fixed order)."""
    by_category, by_status, by_month = Counter(), Counter(), Counter()
    for row in _rows(site, year):
        by_category[row["category"]] += row["count"]
        by_status[row["status"]] += row["count"]
        by_month[row["month"]] += row["count"]
    return {
        "fiscal_year": year,
        "total": sum(by_category.values()),
        "by_category": [
            {"code": code, "label": str(label), "count": by_category[code]}
            for code, label in Category.choices
        ],
        "by_status": [
            {"code": code, "label": str(label), "count": by_status[code]}
            for code, label in Status.choices
        ],
        "by_month": [
            {
                "month": month,
                "label": month_label(year, month),
                "count": by_month[month],
            }
            for month in FISCAL_MONTHS
        ],
    }


def years_with_tips(site) -> set[int]:
    """Fiscal years with tips (or erased counts) on ``site``."""
    years = set(
        Tip.objects.filter(site=site).values_list("fiscal_year", flat=True).distinct()
    )
    return years | set(
        TipCount.objects.filter(site=site)
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
