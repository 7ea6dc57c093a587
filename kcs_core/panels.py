"""Admin panels of the plugin's models."""

from wagtail.admin.panels import FieldPanel

from .fields import ThaiDateField
from .thai_dates import format_datetime
from .widgets import ThaiDateWidget


class ThaiDatePanel(FieldPanel):
    """A model's ``DateField`` typed as day, month and year in the editor's admin
    language: Thai month names and the Buddhist-era year in the Thai admin
    (:class:`~kcs_core.fields.ThaiDateField` with its
    :class:`~kcs_core.widgets.ThaiDateWidget`).

    ``ThaiDatePanel("announcement_date")`` where ``FieldPanel`` would be.
    """

    def __init__(self, field_name, *args, **kwargs):
        kwargs.setdefault("widget", ThaiDateWidget)
        super().__init__(field_name, *args, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        if "fields" in options:  # not read-only
            options["field_classes"] = {self.field_name: ThaiDateField}
        return options


class ReadOnlyDatePanel(FieldPanel):
    """A date or time shown, not edited, as the reader reads it (``5 ธันวาคม 2569
    02:11 น.`` in the Thai admin), where ``FieldPanel(name, read_only=True)`` would
    show the Gregorian year."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    def format_value_for_display(self, value):
        return format_datetime(value, style="long")
