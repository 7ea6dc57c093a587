"""Model field declarations the apps share: the site a row belongs to, links to
other rows (none of them adds a reverse accessor to the model it points to) and
the date the Wagtail admin edits as a Thai person writes it."""

from django.db import models


def site_link(**options) -> models.ForeignKey:
    """The Wagtail site a row belongs to: deleted with it unless ``on_delete`` says
    otherwise."""
    return models.ForeignKey(
        "wagtailcore.Site",
        **{"on_delete": models.CASCADE, "related_name": "+", **options},
    )


def optional_link(to, **options) -> models.ForeignKey:
    """An optional link, emptied when its target is deleted."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        **options,
    )


def nullable_link(to, **options) -> models.ForeignKey:
    """A link a form requires, emptied when its target is deleted: the row is a record
    that outlives what it was made from (a request its service page, a report its
    announcement)."""
    return models.ForeignKey(
        to, on_delete=models.SET_NULL, null=True, related_name="+", **options
    )


class ThaiDateModelField(models.DateField):
    """A ``DateField`` that every Wagtail admin form edits as day, month and year in
    the editor's language: Thai month names and the Buddhist-era year in the Thai
    admin (:class:`~kcs_core.fields.ThaiDateField` with its
    :class:`~kcs_core.widgets.ThaiDateWidget`, registered for this field in
    ``KcsCoreConfig.ready()``). A plain ``FieldPanel`` is enough, and the field
    keeps its form inside an ``InlinePanel`` too. The column is a plain date."""
