"""Admin listing columns that show values in the reader's language.

Wagtail's ``DateColumn`` writes a date as "x minutes ago" (wrong for a date still
to come, and without the Buddhist era) and a boolean field shows as ``True`` or
``False``. :class:`LocalColumnsMixin` gives an index view's date and yes/no fields
these columns, so a viewset's ``list_display`` names them like any other field.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext

from wagtail.admin.ui.tables import Column

from kcs_core import thai_dates


class LocalDateColumn(Column):
    """A date, or a date and time, formatted by :mod:`kcs_core.thai_dates`:
    ``2 ธ.ค. 2569 00:19 น.`` in Thai, ``2 Dec 2026 00:19`` in English."""

    def __init__(self, name: str, *, with_time: bool = True, **kwargs):
        self.with_time = with_time
        super().__init__(name, **kwargs)

    def format(self, instance, value) -> str:
        """The text of one cell; override to say more."""
        if self.with_time and isinstance(value, datetime.datetime):
            return thai_dates.format_datetime(value)
        return thai_dates.format_date(value)

    def get_value(self, instance):
        value = super().get_value(instance)
        return self.format(instance, value) if value else None


class DueDateColumn(LocalDateColumn):
    """A due date and how far it is (``3 ธ.ค. 2569 (อีก 1 วัน)`` /
    ``3 Dec 2026 (2 days overdue)``) while the row is pending; the date alone once
    it is not."""

    def __init__(self, name: str, **kwargs):
        super().__init__(name, with_time=False, **kwargs)

    def is_pending(self, instance) -> bool:
        """Whether the due date still matters: the row's ``is_open`` if it has one."""
        return getattr(instance, "is_open", True)

    def format(self, instance, value) -> str:
        if self.is_pending(instance):
            return thai_dates.format_date_with_due(value)
        return thai_dates.format_date(value)


class YesNoColumn(Column):
    """A boolean as a translated "Yes" or "No" instead of ``True``/``False``."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return None
        return gettext("Yes") if value else gettext("No")


class LocalColumnsMixin:
    """An index view whose date, date-time and boolean fields named in
    ``list_display`` show in the reader's language (:class:`LocalDateColumn`,
    :class:`YesNoColumn`), with the label and sorting Wagtail gives the field."""

    #: The column each kind of model field gets instead of Wagtail's plain one.
    local_column_classes = {
        models.DateField: LocalDateColumn,
        models.BooleanField: YesNoColumn,
    }

    @cached_property
    def columns(self):
        return [self.local_column(column) for column in super().columns]

    def local_column(self, column):
        """``column``, or the column that shows its field in the reader's language
        when it is Wagtail's plain column of a date or boolean field."""
        if type(column) is not Column:
            return column
        try:
            field = self.model._meta.get_field(column.accessor)
        except FieldDoesNotExist:
            return column
        for field_class, column_class in self.local_column_classes.items():
            if isinstance(field, field_class):
                return column_class(
                    column.name, label=column.label, sort_key=column.sort_key
                )
        return column
