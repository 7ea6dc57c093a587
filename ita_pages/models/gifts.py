"""The register of gifts and benefits staff received (ITA ``gift_report``).

Staff record each gift in the admin (:class:`GiftRecord`, per site); a
:class:`GiftRegisterPage` publishes the register of a fiscal year (``?year=``) and
its yearly summary, beside a link to the office's no-gift policy. A year without a
record says so: an office publishes that it received nothing, not a blank page.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import PageChooserPanel
from wagtail.api import APIField

from ita_pages.models.pages import BesideTheYears
from kcs_core.api_fields import be_date
from kcs_core.model_fields import ThaiDateModelField, optional_link
from kcs_core.models import SiteRecord, YearlyFiguresPage
from kcs_core.thai_dates import fiscal_year, fiscal_year_bounds, format_date

#: The value (baht) a person may keep of a gift from one giver on one occasion under
#: the NACC's rule on gifts given by custom (ประกาศ ป.ป.ช. เรื่อง หลักเกณฑ์การรับ
#: ทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา พ.ศ. 2563).
KEEPABLE_VALUE = Decimal(3000)


class GiftAction(models.TextChoices):
    """What was done with the gift; the yearly summary counts the gifts and their
    value per action."""

    KEPT = "kept", _("Kept (within the allowed value)")
    """Worth no more than ``KEEPABLE_VALUE`` from one giver on one occasion."""
    HANDED_OVER = "handed_over", _("Handed over to the office")
    RETURNED = "returned", _("Returned to the giver")
    DECLINED = "declined", _("Declined")


class GiftRecord(SiteRecord):
    """One gift or benefit a member of staff received, as the register lists it."""

    received_on = ThaiDateModelField(_("received on"), default=timezone.localdate)
    recipient = models.CharField(_("received by"), max_length=200)
    recipient_position = models.CharField(_("position"), max_length=200)
    description = models.CharField(_("gift or benefit"), max_length=300)
    value = models.DecimalField(
        _("estimated value (baht)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    giver = models.CharField(_("given by"), max_length=200)
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    action = models.CharField(
        _("what was done with it"), max_length=20, choices=GiftAction.choices
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("gift received")
        verbose_name_plural = _("gifts received")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["site", "received_on"])]

    def __str__(self):
        return f"{format_date(self.received_on)}: {self.description} ({self.recipient})"

    def clean(self):
        """A gift worth more than ``KEEPABLE_VALUE`` is kept only by the rule's
        exceptions (from a relative, or given to everyone alike): the note must say
        which."""
        super().clean()
        over_limit = self.value is not None and self.value > KEEPABLE_VALUE
        if self.action == GiftAction.KEPT and over_limit and not self.note.strip():
            raise ValidationError(
                {
                    "action": _(
                        "A gift worth more than %(limit)s baht may be kept only when "
                        "it comes from a relative or is given to everyone alike: say "
                        "which in the note, or choose what was done with it."
                    )
                    % {"limit": f"{KEEPABLE_VALUE:,.0f}"}
                }
            )

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(self.received_on)


def baht(value) -> str:
    """An amount of baht as the API gives it: a string with two decimals."""
    return f"{Decimal(value):.2f}"


def gift_register(site, year: int) -> dict:
    """The register of fiscal ``year`` on ``site``: its records, oldest first, and
    the summary an annual report gives (count and value, per action)."""
    start, end = fiscal_year_bounds(year)
    records = GiftRecord.objects.filter(
        site=site, received_on__gte=start, received_on__lte=end
    ).order_by("received_on", "pk")
    per_action = {
        row["action"]: row
        # Without the listing's order, which would group by date and record too.
        for row in records.order_by()
        .values("action")
        .annotate(count=Count("pk"), value=Sum("value"))
    }
    return {
        "year": year,
        "records": list(records),
        "count": sum(row["count"] for row in per_action.values()),
        "value": sum((row["value"] for row in per_action.values()), Decimal(0)),
        "per_action": [
            {
                "action": action,
                "label": str(label),
                "count": per_action.get(action, {}).get("count", 0),
                "value": per_action.get(action, {}).get("value") or Decimal(0),
            }
            for action, label in GiftAction.choices
        ],
    }


def gift_years(site) -> set[int]:
    """The fiscal years with records on ``site``."""
    dates = GiftRecord.objects.filter(site=site).dates("received_on", "month")
    return {fiscal_year(date) for date in dates}


class GiftRegisterPage(BesideTheYears, YearlyFiguresPage):
    """The public register of gifts received and its yearly summary (ITA: the
    report on the no-gift policy), a fiscal year chosen with ``?year=``."""

    policy_page = optional_link(
        "wagtailcore.Page",
        verbose_name=_("no-gift policy"),
        help_text=_("The announcement of the office's no-gift policy."),
    )

    content_panels = YearlyFiguresPage.content_panels + [
        PageChooserPanel("policy_page")
    ]
    api_fields = [
        *YearlyFiguresPage.api_fields,
        APIField("policy_page"),
        APIField("current_register"),
    ]
    ita_roles = ("gift_report",)

    class Meta:
        verbose_name = _("gift register")
        verbose_name_plural = _("gift registers")

    compute = staticmethod(gift_register)
    years_with_figures = staticmethod(gift_years)

    @property
    def current_register(self) -> dict:
        """This fiscal year's register, for the API."""
        register = self.current_figures
        register["records"] = [
            {
                "received_on": record.received_on.isoformat(),
                "received_on_be": be_date(record.received_on),
                "recipient": record.recipient,
                "recipient_position": record.recipient_position,
                "description": record.description,
                "value": baht(record.value),
                "giver": record.giver,
                "occasion": record.occasion,
                "action": record.action,
                "action_label": record.get_action_display(),
            }
            for record in register["records"]
        ]
        register["value"] = baht(register["value"])
        for row in register["per_action"]:
            row["value"] = baht(row["value"])
        return register

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(register=context["figures"], keepable_value=KEEPABLE_VALUE)
        return context
