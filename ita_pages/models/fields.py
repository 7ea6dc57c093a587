"""Field declarations the records of the ITA app share."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


def admin_user_field(verbose_name) -> models.ForeignKey:
    """An optional link to an admin user, emptied when the user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def baht_field(verbose_name, **options) -> models.DecimalField:
    """An amount of baht (to the satang, under a trillion), never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        **options,
    )
