"""Taking the plugin out of a host site: what its apps put into the host's tables.

``manage.py migrate <app> zero`` drops an app's own tables, but the apps also write
into tables the host keeps: Wagtail's page tree (their pages), groups, workflows and
tasks, revisions, log entries, the reference and search indexes, and queued tasks.
The ``kcs_uninstall`` command (``kcs_core/management/commands/kcs_uninstall.py``)
removes those rows first, so that the host is left as it was.

Each app says what it created through the ``kcs_uninstall`` Wagtail hook: a function
that returns :class:`AppLeftovers`. What every app shares (pages of its page types,
rows of the host that point at its models) is found here from the app labels, so an
app lists only what it made by hand, such as ``setup_site_approval``'s groups.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q, QuerySet

from wagtail import hooks
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Site, get_page_models

from kcs_core.models import SiteLogEntry

HOOK = "kcs_uninstall"

#: kcs_core has no hook of its own (it would import its own command): always listed.
CORE_LABEL = "kcs_core"


def is_stored(model: type[models.Model]) -> bool:
    """Whether the table of ``model`` is there (``migrate <app> zero`` drops it)."""
    return model._meta.db_table in connection.introspection.table_names()


@dataclass
class Rows:
    """Rows to delete or to lose, with what they are in words an operator reads.

    ``named`` lists the rows by name in the plan (groups, workflows: few, and the
    operator should recognise each one).
    """

    description: str
    queryset: QuerySet
    named: bool = False

    def stored(self) -> bool:
        return is_stored(self.queryset.model)

    def count(self) -> int:
        return self.queryset.count() if self.stored() else 0

    def names(self) -> list[str]:
        return [str(row) for row in self.queryset] if self.named else []

    def delete(self) -> dict[str, int]:
        """Delete the rows; the rows deleted per model, cascades included."""
        _total, per_model = self.queryset.delete()
        return per_model


@dataclass
class AppLeftovers:
    """What one app left in the host, as its ``kcs_uninstall`` hook returns it.

    ``shared``: rows the app created in the host's shared tables (groups,
    workflows), deleted by the command in this order. ``records``: the app's own
    data, erased when ``migrate <app> zero`` drops its tables, counted so that the
    office can export what it must keep first. ``folders``: where its files are,
    left in place unless the command is given ``--delete-files``.
    """

    app_label: str
    shared: list[Rows] = field(default_factory=list)
    records: list[Rows] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)


def core_leftovers() -> AppLeftovers:
    """kcs_core's part: the log of the apps' records (:class:`SiteLogEntry`). Its
    table goes with kcs_core, but each app's migration that moved its entries there
    moves them back into Wagtail's log when it is undone, so they go first."""
    log = SiteLogEntry.objects.all()
    shared = (
        [Rows("log entries of the apps' records", log)]
        if is_stored(SiteLogEntry)
        else []
    )
    return AppLeftovers(CORE_LABEL, shared=shared)


def installed_leftovers() -> list[AppLeftovers]:
    """kcs_core's part and the part of every app that registered the hook."""
    found = [core_leftovers()]
    for leftovers in hooks.get_hooks(HOOK):
        found.append(leftovers())
    return found


class SiteRootInTheWay(Exception):
    """A site's root page is a page of the plugin, or below one: deleting it would
    delete the site."""


@dataclass
class Plan:
    """Everything the command deletes, found before anything is deleted."""

    leftovers: list[AppLeftovers]
    top_pages: list[Page]
    page_ids: list[int]
    pages_by_type: dict[str, int]
    pointing: list[Rows]
    task_results: Rows | None

    @property
    def app_labels(self) -> list[str]:
        return [leftovers.app_label for leftovers in self.leftovers]


def plugin_content_types(labels) -> QuerySet:
    return ContentType.objects.filter(app_label__in=labels)


def top_pages(labels) -> list[Page]:
    """The pages of the apps' page types that have no such page above them:
    deleting them deletes every other one (and whatever else is below them)."""
    tops: list[tuple[int, str]] = []
    rows = (
        Page.objects.filter(content_type__app_label__in=labels)
        .order_by("path")
        .values_list("pk", "path")
    )
    for pk, path in rows.iterator():
        # Sorted by path, a page's descendants follow it: only the last top matters.
        if not tops or not path.startswith(tops[-1][1]):
            tops.append((pk, path))
    by_pk = Page.objects.in_bulk([pk for pk, _path in tops])
    return [by_pk[pk] for pk, _path in tops]


def pages_below(tops) -> QuerySet:
    """The top pages and every page below them."""
    if not tops:
        return Page.objects.none()
    condition = Q()
    for page in tops:
        condition |= Q(path__startswith=page.path)
    return Page.objects.filter(condition)


def check_site_roots(tops) -> None:
    """Refuse when a site's root page would go with the plugin's pages."""
    for site in Site.objects.select_related("root_page"):
        for page in tops:
            if site.root_page.path.startswith(page.path):
                raise SiteRootInTheWay(
                    f"The root page of site {site} ({site.root_page.title!r}) is "
                    f"{page.title!r} or below it: give the site another root page "
                    "first (Settings > Sites)."
                )


def pages_by_type(pages: QuerySet) -> dict[str, int]:
    """How many of ``pages`` there are of each page type (``app_label.Model``)."""
    counts = pages.values_list("content_type").annotate(n=models.Count("pk"))
    types = ContentType.objects.in_bulk([pk for pk, _n in counts])
    return {type_label(types[pk]): n for pk, n in counts.order_by("content_type")}


def type_label(content_type: ContentType) -> str:
    """``app_label.Model`` (the model's name in lower case when it is gone)."""
    model = content_type.model_class()
    return (
        model._meta.label if model else f"{content_type.app_label}.{content_type.model}"
    )


def content_type_fields(model) -> list[str]:
    """The model's own foreign keys to ContentType (inherited ones are its parent's)."""
    return [
        field.name
        for field in model._meta.local_fields
        if field.is_relation and field.related_model is ContentType
    ]


def generic_keys(model) -> list[tuple[str, str]]:
    """The (content type, object id) fields of the model's generic foreign keys."""
    return [
        (field.ct_field, field.fk_field)
        for field in model._meta.private_fields
        if isinstance(field, GenericForeignKey)
    ]


def pointing_rows(labels, page_ids) -> list[Rows]:
    """Rows of the host's tables about the apps' models: anything keyed by one of
    their content types (revisions, log entries, workflow and task states, tasks,
    the reference and search indexes, tags, editing sessions), and the log entries,
    references and editing sessions of every page deleted (pages of other types
    below theirs too).

    Pages themselves are deleted first (their own step); permissions are left to
    ``remove_stale_contenttypes``: ``migrate`` creates them again while the apps are
    installed."""
    content_types = plugin_content_types(labels)
    page_type = ContentType.objects.get_for_model(Page)
    keys = [str(pk) for pk in page_ids]
    conditions: dict[type[models.Model], Q] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in labels or meta.proxy or not meta.managed:
            continue
        if model in (ContentType, Permission) or issubclass(model, Page):
            continue
        for name in content_type_fields(model):
            condition = Q(**{f"{name}__in": content_types})
            conditions[model] = conditions.get(model, Q()) | condition
        # Rows about a page under the base page type (Wagtail's editing sessions).
        for type_field, id_field in generic_keys(model) if keys else ():
            condition = Q(**{type_field: page_type, f"{id_field}__in": keys})
            conditions[model] = conditions.get(model, Q()) | condition
    if page_ids:
        conditions[PageLogEntry] = conditions.get(PageLogEntry, Q()) | Q(
            page_id__in=page_ids
        )
        conditions[ReferenceIndex] = conditions.get(ReferenceIndex, Q()) | (
            Q(to_content_type=page_type, to_object_id__in=keys)
            | Q(base_content_type=page_type, object_id__in=keys)
        )
    return [
        Rows(model._meta.label, model.objects.filter(condition))
        for model, condition in conditions.items()
    ]


def task_results(labels, page_ids) -> Rows | None:
    """django-tasks results kept in the database (``django_tasks_db``): the apps'
    own tasks, and Wagtail's tasks about their models or the deleted pages (search
    and reference index updates, which take ``app_label, model_name, pk``)."""
    if not apps.is_installed("django_tasks_db"):
        return None
    result_model = apps.get_model("django_tasks_database", "DBTaskResult")
    condition = Q()
    for label in labels:
        config = apps.get_app_config(label)
        condition |= Q(task_path__startswith=f"{config.name}.")
        condition |= Q(
            args_kwargs__args__0=label,
            args_kwargs__args__1__in=[m._meta.model_name for m in config.get_models()],
        )
    if page_ids:
        page_models = get_page_models()
        condition |= Q(
            args_kwargs__args__0__in={m._meta.app_label for m in page_models},
            args_kwargs__args__1__in={m._meta.model_name for m in page_models},
            args_kwargs__args__2__in=[*page_ids, *map(str, page_ids)],
        )
    return Rows(
        "background tasks, queued or done (django_tasks_db)",
        result_model.objects.filter(condition),
    )


def make_plan() -> Plan:
    """Find everything to delete; raises :class:`SiteRootInTheWay`."""
    leftovers = installed_leftovers()
    labels = [item.app_label for item in leftovers]
    tops = top_pages(labels)
    check_site_roots(tops)
    pages = pages_below(tops)
    page_ids = list(pages.values_list("pk", flat=True))
    return Plan(
        leftovers=leftovers,
        top_pages=tops,
        page_ids=page_ids,
        pages_by_type=pages_by_type(pages),
        pointing=pointing_rows(labels, page_ids),
        task_results=task_results(labels, page_ids),
    )


def carry_out(plan: Plan) -> dict[str, int]:
    """Delete what ``plan`` found, in one transaction: the pages (with their
    revisions, workflow states and everything below them), each app's shared rows,
    then the host's rows that point at the apps' models. Returns the rows deleted
    per model."""
    deleted: dict[str, int] = {}

    def add(counts: dict[str, int]) -> None:
        for label, number in counts.items():
            deleted[label] = deleted.get(label, 0) + number

    with transaction.atomic():
        for page in plan.top_pages:
            # Through Wagtail's deletion (log entries, signals), but not through the
            # admin's before_delete_page hooks: this is a decision of the operator.
            _total, counts = page.specific.delete()
            add(counts)
        for leftovers in plan.leftovers:
            for rows in leftovers.shared:
                add(rows.delete())
        for rows in plan.pointing:
            add(rows.delete())
        if plan.task_results is not None:
            add(plan.task_results.delete())
    return {label: number for label, number in deleted.items() if number}
