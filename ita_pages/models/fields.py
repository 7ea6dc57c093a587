"""Field declarations the records of the ITA app share."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def baht_field(verbose_name, **options) -> models.DecimalField:
    """An amount of baht (to the satang, under a trillion), never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        **options,
    )


def status_field(statuses: type[models.TextChoices]) -> models.CharField:
    """Where a record stands: one of ``statuses``, which lists them in the order a
    record moves through them, so a new record is at the first."""
    return models.CharField(
        _("status"), max_length=20, choices=statuses.choices, default=statuses.values[0]
    )
