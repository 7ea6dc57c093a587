"""Admin panels of the plugin's models."""

from wagtail.admin.panels import FieldPanel

from .thai_dates import format_datetime


class ReadOnlyDatePanel(FieldPanel):
    """A date or time shown, not edited, as the reader reads it (``5 ธันวาคม 2569
    02:11 น.`` in the Thai admin), where ``FieldPanel(name, read_only=True)`` would
    show the Gregorian year."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    def format_value_for_display(self, value):
        return format_datetime(value, style="long")
