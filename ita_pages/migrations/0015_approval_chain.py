"""Each site's approval chain is found through the site (``ApprovalChain``), no
longer by its groups' names: two local governments of the same name shared one set
of groups, one workflow and its steps, so each one's staff edited and approved the
other's ITA pages.

The groups and workflow named after a site are linked to it. Where sites of
different page trees share a name, nothing tells whose member is whose: the shared
groups and workflow are taken off all their pages (page permissions, the workflow
on their ITA trees, approvals in progress cancelled) and linked to none of them;
each of those sites sets up its chain again ("Set up ITA" or
``ita_setup_workflow``), which makes groups of its own, and its staff are put in
them. Sites of one page tree (``www.`` and the bare host) keep the set, linked to
the first of them."""

from collections import defaultdict

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q
from django.utils import translation

#: The names the chain's groups and workflow were given after the site's label.
GROUP_NAMES = {
    "editors": "ITA editors",
    "chief_administrators": "Chief administrator",
    "chief_executives": "Chief executive",
}
WORKFLOW_NAME = "ITA publication approval"


def in_every_language(name: str) -> set[str]:
    languages = {code for code, _name in settings.LANGUAGES} | {"en"}
    names = set()
    for language in languages:
        with translation.override(language):
            names.add(translation.gettext(name))
    return names


def tree_of(site, Page) -> Q:
    """The pages below the site's root page and its translations."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key)
    match = Q(pk__in=[])
    for path in roots.values_list("path", flat=True):
        match |= Q(path__startswith=path)
    return match


def link_chains(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ApprovalChain = apps.get_model("ita_pages", "ApprovalChain")
    sites_by_label = defaultdict(list)
    for site in Site.objects.select_related("root_page").order_by("pk"):
        sites_by_label[site.site_name or site.hostname].append(site)
    for label, sites in sites_by_label.items():
        groups = {
            field: Group.objects.filter(
                name__in={f"{label}: {n}" for n in in_every_language(name)}
            )
            .order_by("pk")
            .first()
            for field, name in GROUP_NAMES.items()
        }
        workflow = (
            Workflow.objects.filter(
                name__in={f"{label}: {n}" for n in in_every_language(WORKFLOW_NAME)}
            )
            .order_by("pk")
            .first()
        )
        if workflow is None and not any(groups.values()):
            continue
        if len({site.root_page.translation_key for site in sites}) == 1:
            ApprovalChain.objects.create(site=sites[0], workflow=workflow, **groups)
            continue
        shared = [group for group in groups.values() if group]
        for site in sites:
            pages = Page.objects.filter(tree_of(site, Page))
            given = GroupPagePermission.objects.filter(group__in=shared)
            given.filter(page__in=pages).delete()
            WorkflowPage.objects.filter(workflow=workflow, page__in=pages).delete()
        running = WorkflowState.objects.filter(
            workflow=workflow, status__in=("in_progress", "needs_changes")
        )
        TaskState.objects.filter(
            workflow_state__in=running, status="in_progress"
        ).update(status="cancelled")
        running.update(status="cancelled")
        print(  # noqa: T201 - what the operator must do next
            f"\n  ita_pages: the sites {', '.join(s.hostname for s in sites)} shared "
            f"the ITA groups and workflow of {label!r}; they are taken off their "
            "pages. Set up each site's approval chain again (ita_setup_workflow) "
            "and put its staff in its own groups."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("ita_pages", "0014_thai_date_fields"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApprovalChain",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "chief_administrators",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.group",
                        verbose_name="Chief administrator",
                    ),
                ),
                (
                    "chief_executives",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.group",
                        verbose_name="Chief executive",
                    ),
                ),
                (
                    "editors",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="auth.group",
                        verbose_name="ITA editors",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                        verbose_name="site",
                    ),
                ),
                (
                    "workflow",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.workflow",
                        verbose_name="workflow",
                    ),
                ),
            ],
            options={
                "verbose_name": "ITA approval chain",
                "verbose_name_plural": "ITA approval chains",
            },
        ),
        migrations.RunPython(link_chains, migrations.RunPython.noop),
    ]
