"""Each site's approval chain is found through the site (``ApprovalChain``), no
longer by its groups' names: two local governments of the same name shared one set
of groups, one workflow and its steps, so each one's staff edited and approved the
other's ITA pages.

A set of groups and workflow named after a site (``<name>: …``, or with the site's
address or number, as the set-up names them now) belongs to the page tree where its
permissions and workflow are, whatever the sites are called today: it is linked to
that tree's first site (sites of one tree, ``www.`` and the bare host, share a
chain). A set never used anywhere goes to the one page tree of its name's sites.
A set used in the trees of two local governments (two sites of one name, set up
before) is taken off all their pages, its approvals in progress cancelled, since
nothing tells whose member is whose: the migration names those sites, which set up
their chains again ("Set up ITA" or ``ita_setup_workflow``) and put their staff in
their own groups."""

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


def first_named(model, prefix: str, name: str):
    """The oldest ``model`` row named ``prefix`` + ``name`` in any language."""
    names = {prefix + translated for translated in in_every_language(name)}
    return model.objects.filter(name__in=names).order_by("pk").first()


def prefixes(site) -> list[str]:
    """The names the set-up gives a site's groups start with (approvals.name_for)."""
    label = site.site_name or site.hostname
    return [
        f"{label}: ",
        f"{label} ({site.hostname}:{site.port}): ",
        f"{label} (#{site.pk}): ",
    ]


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
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    trees = {site.pk: tree_of(site, Page) for site in sites}

    def tree_key(site):
        return site.root_page.translation_key

    # Each set of groups and workflow, and the sites whose names found it.
    found = {}
    for site in sites:
        for prefix in prefixes(site):
            groups = {
                field: first_named(Group, prefix, name)
                for field, name in GROUP_NAMES.items()
            }
            workflow = first_named(Workflow, prefix, WORKFLOW_NAME)
            if workflow is None and not any(groups.values()):
                continue
            key = (
                *(g.pk if g else None for g in groups.values()),
                workflow and workflow.pk,
            )
            found.setdefault(key, (groups, workflow, []))[2].append(site)
    for groups, workflow, named in found.values():
        shared = [group for group in groups.values() if group]
        used = set(
            GroupPagePermission.objects.filter(group__in=shared).values_list(
                "page_id", flat=True
            )
        ) | set(
            WorkflowPage.objects.filter(workflow=workflow).values_list(
                "page_id", flat=True
            )
        )
        using = [
            site
            for site in sites
            if used and Page.objects.filter(trees[site.pk], pk__in=used).exists()
        ]
        holders = using or named
        if len({tree_key(site) for site in holders}) == 1:
            owner = holders[0]
            same_tree = [s.pk for s in sites if tree_key(s) == tree_key(owner)]
            if not ApprovalChain.objects.filter(site_id__in=same_tree).exists():
                ApprovalChain.objects.create(site=owner, workflow=workflow, **groups)
            continue
        if not using:
            continue  # used nowhere: nothing to take off, nobody to give it to
        for site in using:
            pages = Page.objects.filter(trees[site.pk])
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
        named_as = shared[0].name if shared else workflow.name
        print(  # noqa: T201 - what the operator must do next
            f"\n  ita_pages: the sites {', '.join(s.hostname for s in using)} shared "
            f"the ITA groups and workflow named {named_as!r}; "
            "they are taken off their pages. Set up each site's approval chain "
            "again (ita_setup_workflow) and put its staff in its own groups."
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
