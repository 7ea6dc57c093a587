"""Statuses of a request and the order a kind of service moves through them.

A licence (the building permit) follows the Licensing Facilitation Act 2558: received →
checking documents → more documents requested (at most once) → under consideration →
approved (→ done) or rejected. Relief, report and petition services have a shorter
chain; a loan of government property adds the handover, and is done only once the
items are back. A rejection ends a request, as done does; every chain can be
cancelled until it ends, except while borrowed items are out.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

RECEIVED = "received"
CHECKING = "checking"
MORE_DOCUMENTS = "more_documents"
"""The applicant was asked for missing documents, which the Act allows once; the
request goes back to checking when they come."""
CONSIDERING = "considering"
IN_PROGRESS = "in_progress"
APPROVED = "approved"
REJECTED = "rejected"
"""Refused: it ends the request, which the resident sees as ไม่อนุมัติ, not as done."""
LENT = "lent"
"""The borrowed items were handed over; from the day before the return date the
borrower is reminded, at most once a day, until they are returned. Until their
return is recorded, the request can neither be done nor cancelled."""
DONE = "done"
"""Finished: the applicant may now answer the satisfaction survey (as after a
rejection), once, where they track the request."""
CANCELLED = "cancelled"
"""Open to every request until it is closed; it closes the request as done does, and
its personal data is erased once the service's retention period has passed."""

STATUS_LABELS = {
    RECEIVED: _("Received"),
    CHECKING: _("Checking documents"),
    MORE_DOCUMENTS: _("More documents requested"),
    CONSIDERING: _("Under consideration"),
    IN_PROGRESS: _("In progress"),
    # A context of their own: Wagtail's workflows say "Approved" and "Rejected" of a
    # page's approval step, where a rejection asks for changes.
    APPROVED: pgettext_lazy("e-service request status", "Approved"),
    REJECTED: pgettext_lazy("e-service request status", "Rejected"),
    LENT: _("Items handed over"),
    DONE: _("Done"),
    CANCELLED: _("Cancelled"),
}
STATUS_CHOICES = list(STATUS_LABELS.items())

# Statuses after which nothing changes any more.
CLOSED_STATUSES = frozenset({DONE, REJECTED, CANCELLED})
# A decision the applicant may rate the service after (the satisfaction survey).
SERVED_STATUSES = frozenset({DONE, REJECTED})
# Entering one of these records the decision date (for the days-to-decision figure).
DECISION_STATUSES = frozenset({APPROVED, REJECTED, DONE})
# A result the Licensing Facilitation Act says the applicant must be told within 7 days.
RESULT_STATUSES = frozenset({APPROVED, REJECTED})
# What staff must tell the applicant when moving a request to these statuses: the
# reasons of a refusal (Administrative Procedure Act 2539, section 37), the documents
# asked for, why a request is cancelled.
REASON_NEEDED = {
    REJECTED: _(
        "Give the applicant the reasons for the refusal, as the law requires "
        "(Administrative Procedure Act 2539, section 37)."
    ),
    MORE_DOCUMENTS: _("Name the documents the applicant must send."),
    CANCELLED: _("Tell the applicant why the request is cancelled."),
}

LICENCE = "licence"
RELIEF = "relief"
REPORT = "report"
PETITION = "petition"
LOAN = "loan"
"""Borrowing government property: the items approved are handed over (:data:`LENT`)
and due back on the request's return date."""

KIND_LABELS = {
    LICENCE: _("Permits and licences"),
    RELIEF: _("Assistance"),
    PETITION: _("Requests and petitions"),
    REPORT: _("Reporting a public problem"),
    LOAN: _("Borrowing government property"),
}
KIND_CHOICES = list(KIND_LABELS.items())

_SHORT_CHAIN = {
    RECEIVED: [IN_PROGRESS, DONE, REJECTED],
    IN_PROGRESS: [DONE, REJECTED],
}
TRANSITIONS = {
    LICENCE: {
        RECEIVED: [CHECKING],
        CHECKING: [MORE_DOCUMENTS, CONSIDERING],
        MORE_DOCUMENTS: [CHECKING],
        CONSIDERING: [APPROVED, REJECTED],
        APPROVED: [DONE],
    },
    RELIEF: _SHORT_CHAIN,
    REPORT: _SHORT_CHAIN,
    PETITION: _SHORT_CHAIN,
    LOAN: {
        RECEIVED: [CONSIDERING],
        CONSIDERING: [APPROVED, REJECTED],
        APPROVED: [LENT],
        LENT: [DONE],
    },
}


def next_statuses(
    kind: str, status: str, *, more_documents_used: bool, items_out: bool = False
) -> list[str]:
    """The statuses a request of ``kind`` may move to from ``status``.

    ``more_documents_used`` says whether more documents were already requested once:
    the Act allows it only once. ``items_out`` says that borrowed items are out and
    their return not recorded: nothing may close the request before it is.
    """
    if status in CLOSED_STATUSES or items_out:
        return []
    options = [
        choice
        for choice in TRANSITIONS.get(kind, _SHORT_CHAIN).get(status, [])
        if not (choice == MORE_DOCUMENTS and more_documents_used)
    ]
    return [*options, CANCELLED]
