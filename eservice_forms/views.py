"""Staff views in the Wagtail admin: one request with its timeline and actions, its
attachments (permission-checked, never public) and its printable copy; and "New
e-service", which sets a service up on a site from a preset."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kcs_core.files import IMAGE_AND_PDF_TYPES, download_name
from kcs_core.permissions import editable_sites
from kcs_core.sent_once import was_acted_on

from . import services
from .forms import AssignForm, NoteForm, ReturnForm, StatusChangeForm
from .models import ServicePage
from .permissions import can_change_requests, requests_for_user
from .setup import ServiceExists, ensure_service_index, new_service
from .setup_forms import BLANK, NewServiceForm


def get_request_for(user, pk):
    """The request ``pk`` if ``user`` may open it, else 404 (not 403: do not confirm
    that a request exists)."""
    return get_object_or_404(
        requests_for_user(user).select_related("page", "site"), pk=pk
    )


class CaseView(WagtailAdminTemplateMixin, TemplateView):
    """A request: answers, attachments, timeline (public and internal), and the
    forms to change status, assign, note and record a return."""

    template_name = "eservice_forms/admin/case.html"
    _show_breadcrumbs = True
    header_icon = "form"

    def dispatch(self, request, pk):
        self.object = get_request_for(request.user, pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return self.object.reference

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("eservice_requests:index"),
                "label": gettext_lazy("E-service requests"),
            },
            {"url": "", "label": self.object.reference},
        ]

    def forms(self, data=None, action=None):
        """The action forms, the one named ``action`` bound to ``data``."""

        def bound(name):
            return data if name == action else None

        forms = {
            "status": StatusChangeForm(
                bound("status"), statuses=services.allowed_statuses(self.object)
            ),
            "assign": AssignForm(
                bound("assign"),
                initial={"division": self.object.assigned_division},
            ),
            "note": NoteForm(bound("note")),
        }
        if self.object.items_out:  # only a loan's chain hands items over
            forms["return"] = ReturnForm(bound("return"))
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object.page.specific if self.object.page else None
        context.update(
            service_request=self.object,
            answers=page.describe_answers(
                self.object.form_data, self.object.attachment_names()
            )
            if page
            else [],
            attachments=self.object.attachments.all(),
            events=self.object.events.select_related("user"),
            can_change=can_change_requests(self.request.user),
            forms=kwargs.get("forms") or self.forms(),
        )
        return context

    def post(self, request, pk):
        if not can_change_requests(request.user):
            raise PermissionDenied
        action = request.POST.get("action")
        if self.is_sent_again(action, request.POST):
            return self.saved()
        forms = self.forms(request.POST, action)
        form = forms.get(action)
        if form is None or not form.is_valid():
            return self.render_to_response(self.get_context_data(forms=forms))
        try:
            self.apply(action, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(forms=forms))
        return self.saved()

    def is_sent_again(self, action: str, data) -> bool:
        """The same form sent twice (a double click), which the first sending
        carried out (its one-time key was used): answered as the first was, before
        its check, which the first made out of date (a status the request has
        left)."""
        scope = services.once_scope(action or "", self.object)
        return was_acted_on(scope, data.get("once", ""))

    def saved(self):
        messages.success(self.request, _("Saved."))
        return redirect("eservice_requests:case", pk=self.object.pk)

    def apply(self, action: str, data: dict) -> None:
        """Carry out one staff action through :mod:`eservice_forms.services`."""
        user = self.request.user
        if action == "status":
            services.change_status(
                self.object,
                data["status"],
                user=user,
                message=data["message"],
                once=data["once"],
            )
        elif action == "assign":
            services.assign(self.object, data["division"], user=user, once=data["once"])
        elif action == "note":
            services.add_note(self.object, data["note"], user=user, once=data["once"])
        elif action == "return":
            services.record_return(self.object, data["returned_on"], user=user)


def attachment_view(request, pk, attachment_pk):
    """Stream an attachment to staff who may open its request; never cached."""
    service_request = get_request_for(request.user, pk)
    attachment = get_object_or_404(service_request.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=request.GET.get("download") == "1",
        filename=download_name(
            attachment.original_name, attachment.content_type, IMAGE_AND_PDF_TYPES
        ),
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'"
    return response


def print_view(request, pk):
    """The A4 copy of a request, for staff."""
    service_request = get_request_for(request.user, pk)
    if service_request.page is None:
        raise Http404
    return service_request.page.specific.render_print(request, service_request)


class NewServiceView(WagtailAdminTemplateMixin, FormView):
    """Admin action "New e-service": on a site the user may act for, create the
    service of a preset as a draft (the section first, if the site has none) and open
    it in the page editor; "Blank form" opens Wagtail's own editor below the index."""

    template_name = "eservice_forms/admin/new_service.html"
    form_class = NewServiceForm
    page_title = gettext_lazy("New e-service")
    header_icon = "form"
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        self.sites = editable_sites(request.user)
        if not self.sites.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "sites": self.sites,
            "user": self.request.user,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submit_button_label=gettext_lazy("Create"), **kwargs
        )

    def form_valid(self, form):
        site, preset = form.cleaned_data["site"], form.cleaned_data["preset"]
        try:
            if preset == BLANK:
                return self.blank_service(site)
            page = new_service(site, preset, user=self.request.user)
        except ServiceExists as error:
            form.add_error("preset", form.exists_message(error.page))
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "The e-service “%(title)s” was created as a draft. Add the staff "
                "e-mail address on the Form tab, check the manual, then publish."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)

    def blank_service(self, site):
        """Wagtail's editor for a new service below the site's index."""
        index = ensure_service_index(site, user=self.request.user)
        return redirect(
            "wagtailadmin_pages:add",
            ServicePage._meta.app_label,
            ServicePage._meta.model_name,
            index.pk,
        )
