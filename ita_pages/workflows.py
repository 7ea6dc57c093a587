"""What finishing an approval workflow does (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Must not import ``wagtail.models`` at module level: Wagtail imports this module while
defining ``WorkflowState``.
"""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision as the final approver, who needs no publish
    permission of their own: page permissions would let them skip the first step."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
