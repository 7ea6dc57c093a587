"""The tip handlers' screens in the Wagtail admin: list, case, files.

Every view checks that the user handles the tip's site (group membership and a
handler entry; superusers get no exception) and writes the access log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kcs_core.admin_screens import admin_screen
from kcs_core.files import IMAGE_AND_PDF_TYPES, download_name
from tips import crypto, services
from tips.forms import HandlerMessageForm, StatusForm, TipFilterForm
from tips.models import Tip, TipAccessLog
from tips.permissions import handled_site_ids

#: Tips a page of the list shows (the pages are ``?p=2``, Wagtail's listings' way).
PER_PAGE = 50


def handled_tips(request):
    """The tips the user may see; PermissionDenied for everyone else."""
    site_ids = handled_site_ids(request.user)
    if not site_ids:
        raise PermissionDenied
    return Tip.objects.filter(site_id__in=site_ids)


def tip_index(request):
    """Tips of the user's sites, newest first, filtered by status or overdue, a
    page at a time."""
    tips = handled_tips(request).select_related("site").order_by("-created_at", "-pk")
    filters = TipFilterForm(request.GET or None)
    if filters.is_bound and not filters.is_valid():
        tips = tips.none()  # a filter it cannot read lists nothing, beside its error
    elif filters.is_valid():
        if filters.cleaned_data["status"]:
            tips = tips.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["overdue"]:
            tips = tips.overdue()
    tips = tips.defer(*services.TIP_FIELDS[1:])
    return admin_screen(
        request,
        "tips/admin/index.html",
        {
            "page_title": _("Tip-offs"),
            "header_icon": "warning",
            "tips": Paginator(tips, PER_PAGE).get_page(request.GET.get("p")),
            "filters": filters,
            "overdue_count": handled_tips(request).overdue().count(),
        },
    )


# action → (what it does, what the handler is told)
HANDLER_ACTIONS = {
    "reply": (services.reply, gettext_lazy("Your reply was sent.")),
    "note": (services.add_note, gettext_lazy("Your note was added.")),
}


def tip_detail(request, pk):
    """The case: content, timeline with notes, files, access log, and the forms to
    reply, add a note or change the status. Each GET is logged as a view."""
    tip = get_object_or_404(handled_tips(request), pk=pk)
    forms = {
        "reply": HandlerMessageForm(prefix="reply"),
        "note": HandlerMessageForm(prefix="note"),
        "status": StatusForm(prefix="status", initial={"status": tip.status}),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        if action in HANDLER_ACTIONS:
            perform, done = HANDLER_ACTIONS[action]
            form = forms[action] = HandlerMessageForm(request.POST, prefix=action)
            if form.is_valid():
                data = form.cleaned_data
                perform(tip, request.user, data["body"], data["once"])
                messages.success(request, done)
                return redirect("tips_admin:detail", pk=tip.pk)
        elif action == "status":
            form = forms[action] = StatusForm(request.POST, prefix="status")
            if form.is_valid():
                services.change_status(tip, request.user, form.cleaned_data["status"])
                messages.success(request, _("The status was changed."))
                return redirect("tips_admin:detail", pk=tip.pk)
        # The form sent comes back with what was typed and its errors.
        messages.error(request, _("Nothing was saved: check the form."))
    services.record_access(tip, request.user, TipAccessLog.Action.VIEW)
    return admin_screen(
        request,
        "tips/admin/detail.html",
        {
            "page_title": tip.case_number,
            "header_icon": "warning",
            "tip": tip,
            "events": tip.events.select_related("user").prefetch_related("attachments"),
            "access_log": tip.access_log.select_related("user")[:100],
            "reply_form": forms["reply"],
            "note_form": forms["note"],
            "status_form": forms["status"],
        },
    )


def file_response(attachment, field, filename: str) -> HttpResponse:
    data = crypto.decrypt_bytes(field.open("rb").read())
    field.close()
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def attachment_file(request, pk, attachment_pk):
    """The copy of a file with its metadata removed (logged)."""
    tip = get_object_or_404(handled_tips(request), pk=pk)
    attachment = get_object_or_404(
        tip.attachments.exclude(sanitized=""), pk=attachment_pk
    )
    services.record_access(tip, request.user, TipAccessLog.Action.VIEW_FILE, attachment)
    # A neutral name: the tipster's own file name could name them.
    name = download_name(
        f"{tip.case_number}-{attachment.pk}",
        attachment.content_type,
        IMAGE_AND_PDF_TYPES,
    )
    return file_response(attachment, attachment.sanitized, name)


@require_POST
def attachment_original(request, pk, attachment_pk):
    """The original file, metadata included: a separate, deliberate, logged action."""
    tip = get_object_or_404(handled_tips(request), pk=pk)
    attachment = get_object_or_404(tip.attachments, pk=attachment_pk)
    services.record_access(
        tip, request.user, TipAccessLog.Action.VIEW_ORIGINAL, attachment
    )
    # The original's name goes only with the original, whose opening is logged.
    name = download_name(
        f"{tip.case_number}-{attachment.pk}-original-{attachment.name}",
        attachment.content_type,
        IMAGE_AND_PDF_TYPES,
    )
    return file_response(attachment, attachment.original, name)
