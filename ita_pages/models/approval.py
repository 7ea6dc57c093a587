"""The approval chain: a workflow step that knows its signer's position, the groups
and workflow of each site's chain, and a permanent snapshot of each approved
publication."""

from django.db import models
from django.db.models import F
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, Page, Site

from kcs_core.api_fields import be_date
from kcs_core.model_fields import optional_link


class ITAApprovalTask(AbstractGroupApprovalTask):
    """A group approval step whose approver signs with a position (ตำแหน่ง), such as
    ปลัดองค์การบริหารส่วนตำบล… or นายกองค์การบริหารส่วนตำบล…; Wagtail keeps no
    positions, and the publication-approval sheet needs them."""

    position = models.CharField(_("position of the approver"), max_length=255)

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["position"]

    class Meta:
        verbose_name = _("ITA approval step")
        verbose_name_plural = _("ITA approval steps")


def sites_of_the_tree(site):
    """The sites of ``site``'s page tree: those whose root is its root page or one
    of that page's translations (``www.`` and the bare host, or an English site
    whose root is the Thai home's translation), ``site`` among them."""
    tree = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    return Site.objects.filter(root_page__translation_key__in=tree)


def pass_to_the_tree(collector, field, sub_objs, using) -> None:
    """``on_delete`` of :attr:`ApprovalChain.site`: a deleted site's chain passes to
    the next site of its page tree, which shares it
    (:func:`ita_pages.approvals.chain_of`), rather than going with it and leaving
    the tree's next set-up to make new, empty groups; with no such site, it goes."""
    # The model the deletion collects (a migration's historical Site, too).
    leaving = {site.pk for site in collector.data.get(field.related_model, ())}
    for chain in sub_objs:
        heir = (
            sites_of_the_tree(chain.site)
            .exclude(pk__in=leaving)
            .exclude(pk__in=ApprovalChain.objects.values("site"))
            .order_by("pk")
            .first()
        )
        if heir is None:
            models.CASCADE(collector, field, [chain], using)
        else:
            collector.add_field_update(field, heir, [chain])
            leaving.add(heir.pk)  # taken: a second chain of the tree goes


class ApprovalChain(models.Model):
    """The groups and the workflow :func:`~ita_pages.approvals.setup_site_approval`
    made for a site, found again through the site, never by their names: two local
    governments may share a name, and a site may be renamed or move host."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        on_delete=pass_to_the_tree,
        related_name="+",
        verbose_name=_("site"),
    )
    editors = optional_link("auth.Group", verbose_name=_("ITA editors"))
    chief_administrators = optional_link(
        "auth.Group", verbose_name=_("Chief administrator")
    )
    chief_executives = optional_link("auth.Group", verbose_name=_("Chief executive"))
    workflow = optional_link("wagtailcore.Workflow", verbose_name=_("workflow"))

    class Meta:
        verbose_name = _("ITA approval chain")
        verbose_name_plural = _("ITA approval chains")

    def __str__(self):
        return str(self.site)


class ApprovalRecord(models.Model):
    """Who approved a page's publication, when, in which position, with what comment.

    Written when a workflow finishes, so it outlives ``purge_revisions``, deleted
    accounts and later edits; shown only while the page's last publication is the
    one the workflow made (``published_at``): a page published again outside the
    workflow shows no record. ``purge_revisions`` may delete the live revision, so
    the publication time, not the revision, is what identifies it.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    revision_id = models.PositiveBigIntegerField(_("revision"), null=True)
    published_at = models.DateTimeField(_("published at"), null=True)
    workflow_name = models.CharField(_("workflow"), max_length=255)
    requested_by = models.CharField(_("submitted by"), max_length=255, blank=True)
    requested_at = models.DateTimeField(_("submitted at"))
    approved_at = models.DateTimeField(_("approved at"))
    steps = models.JSONField(_("steps"), default=list)

    class Meta:
        verbose_name = _("approval record")
        verbose_name_plural = _("approval records")
        ordering = ["-approved_at", "-pk"]

    def __str__(self):
        return f"{self.page_id}@{self.revision_id}"

    @classmethod
    def current_for(cls, page):
        """The record of ``page``'s live revision, read from the page in its source
        language when ``page`` is a translation (translations are published
        without a workflow)."""
        return (
            cls.objects.filter(
                page__translation_key=page.translation_key,
                published_at=F("page__last_published_at"),
            )
            .order_by("-approved_at", "-pk")
            .first()
        )

    @property
    def step_rows(self) -> list[dict]:
        """The steps with ``finished_at`` as a datetime and a position in every
        step (a record written without one names the step), for templates."""
        return [
            {
                **step,
                "position": step.get("position") or step.get("task", ""),
                "finished_at": parse_datetime(step["finished_at"]),
            }
            for step in self.steps
        ]

    @property
    def final_step(self) -> dict | None:
        rows = self.step_rows
        return rows[-1] if rows else None

    def as_dict(self) -> dict:
        return {
            "workflow": self.workflow_name,
            "requested_by": self.requested_by,
            "requested_at": self.requested_at.isoformat(),
            "requested_at_be": be_date(self.requested_at),
            "approved_at": self.approved_at.isoformat(),
            "approved_at_be": be_date(self.approved_at),
            "steps": [
                {**step, "finished_at_be": be_date(parse_datetime(step["finished_at"]))}
                for step in self.steps
            ],
        }
