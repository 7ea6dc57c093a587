"""Field declarations the records of the ITA app share."""

from django.core.validators import MinValueValidator
from django.db import models


def baht_field(verbose_name, **options) -> models.DecimalField:
    """An amount of baht (to the satang, under a trillion), never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        **options,
    )
