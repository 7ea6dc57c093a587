"""Model field declarations the apps share: the site a row belongs to and links to
other rows. None of them adds a reverse accessor to the model it points to."""

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
