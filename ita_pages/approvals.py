"""The memo's approval chain: clerk drafts, ปลัด reviews, นายก approves.

``setup_site_approval`` creates one site's groups, its two-step workflow and attaches
it to the site's ITA tree (idempotent; never deactivates or deletes workflows, which
would erase their history). ``record_approval`` keeps a permanent record of each
approved publication.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wagtail.models import (
    GroupPagePermission,
    Page,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ita_pages.models import (
    ApprovalChain,
    ApprovalRecord,
    DisclosureSectionPage,
    ITAApprovalTask,
)
from ita_pages.models.approval import sites_of_the_tree
from kcs_core.models import GovernmentSettings


@dataclass
class SiteApproval:
    editors: Group
    chief_administrators: Group
    chief_executives: Group
    workflow: Workflow
    roots: list


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def step_position(task) -> str:
    """The position an approval step signs with: an ITA step's own (ปลัด…, นายก…),
    else the group that approves it without the site's prefix (``"<site>: ปลัด"`` →
    ``"ปลัด"``; Wagtail's own group steps), else the step's name."""
    if task is None:
        return ""
    position = getattr(task, "position", "")
    if position:
        return position
    groups = getattr(task, "groups", None)
    names = [group.name.split(": ", 1)[-1] for group in groups.all()] if groups else []
    return ", ".join(names) or task.name.split(": ", 1)[-1]


def ita_roots(site) -> list:
    """The top sections of the site's ITA tree, in every language."""
    sections = list(DisclosureSectionPage.objects.in_site(site))
    tops = [
        page
        for page in sections
        if not any(page.path.startswith(o.path) and o.pk != page.pk for o in sections)
    ]
    roots = []
    for top in tops:
        roots.extend(top.get_translations(inclusive=True))
    return roots


#: The records an ITA editor keeps in the admin (model names).
EDITOR_RECORDS = [
    "giftrecord",
    "procurementrecord",
    "measurestep",
    "channelrecord",
    "communityleader",
    "letterbatch",
    "question",
    "opinion",
    "circular",
]


def site_label(site) -> str:
    return site.site_name or site.hostname


#: The roles of a site's chain: the :class:`ApprovalChain` field, the group's name.
ROLES = (
    ("editors", _lazy("ITA editors")),
    ("chief_administrators", _lazy("Chief administrator")),
    ("chief_executives", _lazy("Chief executive")),
)


def setup_site_approval(site, roots=None) -> SiteApproval:
    """Groups, tasks and workflow of ``site``, attached to its ITA tree. Their names
    and the steps' positions are written in the host's ``LANGUAGE_CODE`` whatever
    language is active (an English admin, a management command), as the office
    names its positions. They are found again through the site's
    :class:`ApprovalChain`, never by name."""
    with translation.override(settings.LANGUAGE_CODE):
        return site_approval(site, roots)


def name_for(site, name: str, taken) -> str:
    """``<site>: <name>``, or with the site's address where another site's object
    (``taken``: a queryset of its kind) already has that name, as two local
    governments of the same name would, or with the site's number where that would
    be too long for the name's column."""
    label, limit = site_label(site), name_limit(taken)
    for candidate in (
        f"{label}: {name}",
        f"{label} ({site.hostname}:{site.port}): {name}",
    ):
        if len(candidate) <= limit and not taken.filter(name=candidate).exists():
            return candidate
    suffix = f" (#{site.pk}): {name}"
    return label[: limit - len(suffix)] + suffix


def name_limit(taken) -> int:
    return taken.model._meta.get_field("name").max_length


def site_approval(site, roots) -> SiteApproval:
    chain = chain_of(site)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = []
    for field, name in ROLES:
        group = getattr(chain, field)
        if group is None:
            group = Group.objects.create(name=name_for(site, name, Group.objects))
            setattr(chain, field, group)
        group.permissions.add(access_admin)
        groups.append(group)
    editors, chief_administrators, chief_executives = groups
    # Editors keep the site's records (the views show them their sites' only).
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ita_pages", content_type__model__in=EDITOR_RECORDS
        )
    )
    if chain.workflow is None:
        chain.workflow = Workflow.objects.create(
            name=name_for(site, _("ITA publication approval"), Workflow.objects)
        )
    chain.save()
    workflow = chain.workflow
    steps = steps_of(site, chief_administrators, chief_executives)
    for order, (name, position, group) in enumerate(steps):
        step = workflow.workflow_tasks.filter(sort_order=order).first()
        if step is None:
            task = ITAApprovalTask.objects.create(
                name=name_for(site, name, ITAApprovalTask.objects), position=position
            )
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
        else:
            task = step.task.specific
        task.groups.add(group)
    roots = ita_roots(site) if roots is None else roots
    for root in roots:
        WorkflowPage.objects.update_or_create(
            page=root, defaults={"workflow": workflow}
        )
        for group in groups:
            for permission in ("add", "change"):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore",
                        codename=f"{permission}_page",
                    ),
                )
    return SiteApproval(*groups, workflow=workflow, roots=roots)


def chain_of(site) -> ApprovalChain:
    """The chain of ``site``'s page tree: the sites of one tree (``www.`` and the
    bare host, or an English site whose root is the Thai home's translation: the
    ITA sections of both are one tree's, :func:`ita_roots`) share the first one's,
    so that setting either up keeps it."""
    chain = (
        ApprovalChain.objects.filter(site__in=sites_of_the_tree(site))
        .select_related(
            "editors", "chief_administrators", "chief_executives", "workflow"
        )
        .order_by("site_id")
        .first()
    )
    return chain or ApprovalChain.objects.create(site=site, **set_on_ita_roots(site))


def set_on_ita_roots(site) -> dict:
    """The groups and workflow an earlier set-up attached to ``site``'s ITA
    sections, which no chain holds (a site renamed before migration 0015, which
    looked sets up by name): the one workflow of two ITA steps on the sections,
    each step's group, and the one other group that may change the sections.
    ``{}`` when the sections show no such set."""
    roots = ita_roots(site)
    workflows = set(
        WorkflowPage.objects.filter(page__in=roots).values_list("workflow", flat=True)
    )
    chained = ApprovalChain.objects.filter(workflow__in=workflows)
    if len(workflows) != 1 or chained.exists():
        return {}
    workflow = Workflow.objects.get(pk=workflows.pop())
    steps = [
        step.task.specific for step in workflow.workflow_tasks.order_by("sort_order")
    ]
    approvers = [
        list(step.groups.all()) if isinstance(step, ITAApprovalTask) else []
        for step in steps
    ]
    if len(approvers) != 2 or any(len(groups) != 1 for groups in approvers):
        return {}
    (chief_administrators,), (chief_executives,) = approvers
    editors = list(
        Group.objects.filter(
            page_permissions__page__in=roots,
            page_permissions__permission__codename="change_page",
        )
        .exclude(pk__in=[chief_administrators.pk, chief_executives.pk])
        .distinct()
    )
    return {
        "workflow": workflow,
        "chief_administrators": chief_administrators,
        "chief_executives": chief_executives,
        "editors": editors[0] if len(editors) == 1 else None,
    }


def steps_of(site, chief_administrators, chief_executives) -> list[tuple]:
    """``(step name, approver's position, group)`` of the chain's two steps."""
    organisation = GovernmentSettings.for_site(site).name or site_label(site)
    return [
        (
            _("Chief administrator review"),
            _("Chief administrator of %(org)s") % {"org": organisation},
            chief_administrators,
        ),
        (
            _("Chief executive approval"),
            _("Chief executive of %(org)s") % {"org": organisation},
            chief_executives,
        ),
    ]


def join_site_approval(page) -> Workflow | None:
    """Attach the site's approval chain to ``page`` when it is a top ITA section
    added after the site was set up (a new tree would otherwise answer to Wagtail's
    default workflow on the root page): the workflow and the groups' permissions
    of the site's other ITA roots. ``None`` when ``page`` is no top section or the
    site has no chain yet."""
    site = page.get_site()
    roots = ita_roots(site) if site else []
    if page.pk not in {root.pk for root in roots}:
        return None
    others = [root.pk for root in roots if root.pk != page.pk]
    attached = (
        WorkflowPage.objects.filter(page_id__in=others)
        .select_related("workflow")
        .first()
    )
    if attached is None:
        return None
    WorkflowPage.objects.get_or_create(
        page_id=page.pk, defaults={"workflow": attached.workflow}
    )
    for permission in GroupPagePermission.objects.filter(page_id=attached.page_id):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id,
            page_id=page.pk,
            permission_id=permission.permission_id,
        )
    return attached.workflow


def record_approval(sender, instance, user=None, **kwargs):
    """``workflow_approved`` receiver: snapshot who approved, in which position
    (:func:`step_position`: every step names one)."""
    workflow_state = instance
    page = workflow_state.content_object
    if not hasattr(page, "path"):
        return  # snippets have no public approval record
    states = (
        TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED
        )
        .select_related("finished_by")
        .order_by("finished_at", "pk")
    )
    latest_per_task = {}
    for state in states:
        latest_per_task[state.task_id] = state
    tasks = {task.pk: task for task in workflow_state.workflow.tasks.all().specific()}
    # In the chain's order, whatever order they were given in: after a request for
    # changes Wagtail resumes at the step that asked, then asks the earlier steps
    # again for the edited page; the last step of the chain signs last.
    chain = list(
        workflow_state.workflow.workflow_tasks.order_by("sort_order").values_list(
            "task_id", flat=True
        )
    )
    steps = []
    for state in sorted(
        latest_per_task.values(),
        key=lambda s: chain.index(s.task_id) if s.task_id in chain else len(chain),
    ):
        task = tasks.get(state.task_id)
        steps.append(
            {
                "task": task.name if task else "",
                "name": person_name(state.finished_by),
                "position": step_position(task),
                "finished_at": state.finished_at.isoformat(),
                "comment": state.comment,
            }
        )
    revision_id, published_at = (
        Page.objects.filter(pk=page.pk)
        .values_list("live_revision_id", "last_published_at")
        .get()
    )
    ApprovalRecord.objects.create(
        page_id=page.pk,
        revision_id=revision_id,
        published_at=published_at,
        workflow_name=workflow_state.workflow.name,
        requested_by=person_name(workflow_state.requested_by),
        requested_at=workflow_state.created_at,
        approved_at=max(
            (state.finished_at for state in latest_per_task.values()),
            default=workflow_state.created_at,
        ),
        steps=steps,
    )
