"""Admin views of records that belong to a site (``site`` foreign key): each user
lists, edits, deletes, reads the history and usage of, and chooses only the sites
they act for (:func:`kcs_core.permissions.editable_sites`), whatever model
permissions they hold. The viewsets of the apps' records build on
:class:`SiteScopedViewSet`."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

from wagtail.admin.views.generic import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
)
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from kcs_core.columns import LocalColumnsMixin
from kcs_core.models import SiteLogEntry
from kcs_core.permissions import editable_sites


class SiteScopedObjectMixin:
    """Only objects of the sites the user may act for; another's is refused."""

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if not editable_sites(self.request.user).filter(pk=found.site_id).exists():
            raise PermissionDenied
        return found


class SiteChoicesMixin:
    """A form whose ``site`` offers only the sites the user may act for."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.fields["site"].queryset = editable_sites(self.request.user)
        return form


class SiteScopedIndexView(LocalColumnsMixin, IndexView):
    """The objects of the sites the user may act for, their dates and yes/no fields
    in the reader's language."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(site__in=editable_sites(self.request.user))
        )

    @cached_property
    def filters(self):
        """The list's filters, whose site filter offers only the user's sites."""
        filters = super().filters
        if filters is not None and "site" in filters.form.fields:
            filters.form.fields["site"].queryset = editable_sites(self.request.user)
        return filters


class SiteScopedEditView(SiteScopedObjectMixin, EditView):
    """Edit an object of the user's sites, its site kept (not in the form)."""


class SiteScopedDeleteView(SiteScopedObjectMixin, DeleteView):
    """Delete an object of the user's sites."""


class SiteScopedCreateView(SiteChoicesMixin, CreateView):
    """Add an object for one of the user's sites."""


class SiteScopedRecordEditView(SiteChoicesMixin, SiteScopedEditView):
    """Edit an object of the user's sites, moving it only to another of them."""


class SiteScopedHistoryView(SiteScopedObjectMixin, HistoryView):
    """The history of an object of the user's sites (who changed it, when)."""


class SiteScopedUsageView(SiteScopedObjectMixin, UsageView):
    """Where an object of the user's sites is referred to."""


class SiteScopedViewSet(ModelViewSet):
    """The admin of a model with a ``site``: every view of one object refuses
    another site's, and the list shows the user's sites only (an app also logs the
    model with :func:`log_with_their_site`, for Wagtail's site history). No copy
    view: a copy would skip what adding does (numbering, sending) and could offer
    every site."""

    copy_view_enabled = False
    index_view_class = SiteScopedIndexView
    edit_view_class = SiteScopedEditView
    delete_view_class = SiteScopedDeleteView
    history_view_class = SiteScopedHistoryView
    usage_view_class = SiteScopedUsageView


def log_with_their_site(actions, models) -> None:
    """For an app's ``register_log_actions`` hook: log the actions on ``models``
    (with a ``site``) as :class:`~kcs_core.models.SiteLogEntry`, so that Wagtail's
    site history shows each user their sites' entries only."""
    for model in models:
        actions.register_model(model, SiteLogEntry)
