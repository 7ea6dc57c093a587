"""What ita_pages leaves in the host's tables, for kcs_core's ``kcs_uninstall``
command (registered in ``wagtail_hooks.py``; see :mod:`kcs_core.uninstall`).

``setup_site_approval`` creates, per site, three groups and a workflow of two
:class:`ITAApprovalTask` steps. The tasks, their states and the workflow's place on
the ITA pages go with the apps' pages and content types; the workflows and groups
are listed here.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import translation

from wagtail.models import Site, Task, Workflow

from ita_pages.approvals import ROLES, site_label
from ita_pages.models import (
    ApprovalChain,
    ApprovalRecord,
    AssessmentYear,
    ITAApprovalTask,
)
from kcs_core.uninstall import AppLeftovers, Rows, is_stored

#: The fields of :class:`ApprovalChain` that hold groups.
CHAIN_ROLES = [field for field, _name in ROLES]


def group_names() -> set[str]:
    """Every name ``setup_site_approval`` gave a group before chains were kept: each
    site's label with each role's name in each language of the project."""
    languages = {code for code, _name in settings.LANGUAGES}
    languages.update({settings.LANGUAGE_CODE, "en"})
    names = set()
    for site in Site.objects.all():
        for language in languages:
            with translation.override(language):
                names.update(f"{site_label(site)}: {name}" for _field, name in ROLES)
    return names


def approval_groups() -> QuerySet:
    """The groups of the sites' approval chains, and the groups by those names (a
    chain made before chains were kept): a group of the host's that someone put on
    an ITA step stays."""
    chained = set()
    if is_stored(ApprovalChain):  # not once ``migrate ita_pages zero`` dropped it
        for roles in ApprovalChain.objects.values_list(*CHAIN_ROLES):
            chained.update(pk for pk in roles if pk)
    return Group.objects.filter(Q(name__in=group_names()) | Q(pk__in=chained)).order_by(
        "name"
    )


def approval_workflows() -> QuerySet:
    """Workflows made only of ITA approval steps; a workflow that also has steps of
    its own keeps them (the ITA steps go with the content type)."""
    ita_tasks = Task.objects.filter(
        content_type=ContentType.objects.get_for_model(ITAApprovalTask)
    )
    with_ita_steps = Workflow.objects.filter(workflow_tasks__task__in=ita_tasks)
    with_other_steps = Workflow.objects.filter(
        workflow_tasks__task__in=Task.objects.exclude(pk__in=ita_tasks)
    )
    return (
        Workflow.objects.filter(pk__in=with_ita_steps.values("pk"))
        .exclude(pk__in=with_other_steps.values("pk"))
        .order_by("name")
    )


def leftovers() -> AppLeftovers:
    """The ``kcs_uninstall`` hook."""
    return AppLeftovers(
        "ita_pages",
        shared=[
            Rows("ITA approval workflows", approval_workflows(), named=True),
            Rows(
                "ITA groups (editors, chief administrators, chief executives)",
                approval_groups(),
                named=True,
            ),
        ],
        records=[
            Rows("approval records of published pages", ApprovalRecord.objects.all()),
            Rows("catalog years", AssessmentYear.objects.all()),
        ],
    )
