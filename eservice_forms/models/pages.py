"""The one-stop service index and the service page (form builder + citizen's manual)."""

import datetime
import re
import uuid
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.coreutils import safe_snake_case
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from anyascii import anyascii
from modelcluster.fields import ParentalKey
from rest_framework.fields import CharField

from kcs_core import pacing, throttle
from kcs_core.forms import ReviewSafePageForm, ask_for_files_again
from kcs_core.model_fields import optional_link
from kcs_core.models import GovernmentSettings, IntroPage
from kcs_core.preview import HeadlessPreviewable
from kcs_core.search import THAI_WORDS, ThaiSearchable
from kcs_core.sites import RequestSiteMixin

from .. import receipts, staged_uploads, tracking
from ..blocks import FeeBlock, RequiredDocumentBlock, StepBlock
from ..deadlines import TIME_UNIT_CHOICES, WORKING_DAYS
from ..forms import (
    NUMBER_LIMIT,
    OWN_DETAIL_CHOICES,
    TEXT_MAX_LENGTHS,
    EServiceFormBuilder,
    ServicePageForm,
)
from ..request_statuses import KIND_CHOICES, PETITION
from ..services import (
    AnswersChanged,
    InvalidRequest,
    PaceRefusedRequest,
    storage_failed,
    submit_request,
)
from ..structures import STRUCTURES

FIELD_KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
FIELD_KEY_MAX_LENGTH = 50
#: Where staff and the resident see a map position answer (``13.756300, 100.501800``).
MAP_URL = "https://www.openstreetmap.org/?mlat={0}&mlon={1}#map=18/{0}/{1}"

SERVICE_FIELD_CHOICES = (
    *FORM_FIELD_CHOICES,
    ("integer", _("Whole number")),
    ("thai_id", _("Thai national ID number")),
    ("phone", _("Thai phone number")),
    ("geo", _("Position on the map (latitude, longitude)")),
    ("files", _("Files (photos or PDF)")),
    ("loan_items", _("Items to borrow (list)")),
    ("buildings", _("Buildings (list)")),
)


def optional_rule(field_class, label, help_text, **options):
    """A rule an editor may set on a question (a bound, a length): left empty, the
    question has none."""
    return field_class(label, null=True, blank=True, help_text=help_text, **options)


def map_url(position: str) -> str:
    """The OpenStreetMap address of a map position answer."""
    latitude, _comma, longitude = position.partition(",")
    return MAP_URL.format(latitude.strip(), longitude.strip())


class ServiceFormField(TranslatableMixin, AbstractFormField):
    """A question of a service's form, edited in the page's "Form" tab.

    ``clean_name`` is the field's stable ASCII key: answers are stored under it, and the
    validators, retention and statistics find fields by it. It is set once (editable,
    ``a-z0-9_``) and never follows the label, which translators may change.
    """

    page = ParentalKey(
        "ServicePage", on_delete=models.CASCADE, related_name="form_fields"
    )
    clean_name = models.CharField(
        _("field key"),
        max_length=FIELD_KEY_MAX_LENGTH,
        blank=True,
        default="",
        validators=[
            RegexValidator(
                FIELD_KEY_PATTERN,
                _("Use lower-case English letters, digits and _ only."),
            )
        ],
        help_text=_(
            "Stable English key of the answer, for example phone or national_id. "
            "Left empty, it is made from the label. Do not change it once requests "
            "have been filed."
        ),
    )
    field_type = models.CharField(
        _("field type"), max_length=16, choices=SERVICE_FIELD_CHOICES
    )
    field_type.required_on_save = True
    min_value = optional_rule(
        models.PositiveIntegerField,
        _("smallest number accepted"),
        _(
            "For a whole number: the smallest answer accepted, such as 1 for a count "
            "of people or trips. Left empty, 0: a count is never negative."
        ),
    )
    max_value = optional_rule(
        models.PositiveIntegerField,
        _("largest number accepted"),
        _(
            "For a whole number: the largest answer accepted, such as 120 for an age. "
            "Left empty, any number up to a billion."
        ),
        validators=[MaxValueValidator(NUMBER_LIMIT)],  # no form takes more
    )
    min_length = optional_rule(
        models.PositiveSmallIntegerField,
        _("fewest characters"),
        _(
            "For text: the fewest characters accepted, such as 10 for a description "
            "staff can act on. Left empty, any length."
        ),
    )
    not_before_filing_day = models.BooleanField(
        _("not before the day it is filed"),
        default=False,
        help_text=_(
            "For a date the resident asks for, such as a delivery or a loan: a day "
            "before the filing day is refused."
        ),
    )
    own_detail = models.CharField(
        _("the resident's own"),
        max_length=20,
        blank=True,
        choices=OWN_DETAIL_CHOICES,
        help_text=_(
            "When the question asks for the resident's own name, address, phone or "
            "e-mail, which: browsers then offer what the resident saved."
        ),
    )
    keep_after_retention = models.BooleanField(
        _("keep after the retention period"),
        default=False,
        help_text=_(
            "Tick only for answers that identify nobody (a category, a cause): they "
            "are kept for statistics when personal data is erased."
        ),
    )

    # Keys, types, rules and choice keys are the same in every language; labels are
    # not.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "clean_name",
            "field_type",
            "required",
            "min_value",
            "max_value",
            "min_length",
            "not_before_filing_day",
            "own_detail",
            "keep_after_retention",
        )
    ]

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("clean_name")]),
        *AbstractFormField.panels,
        FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
        FieldPanel("min_length"),
        FieldPanel("not_before_filing_day"),
        FieldPanel("own_detail"),
        FieldPanel("keep_after_retention"),
    ]

    api_fields = [
        *AbstractFormField.api_fields,
        APIField("min_value"),
        APIField("max_value"),
        APIField("min_length"),
        APIField("not_before_filing_day"),
        APIField("own_detail"),
        APIField("keep_after_retention"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")
        unique_together = [("translation_key", "locale")]

    def clean(self):
        """Refuse a rule on a field type it does not apply to, which would be
        silently ignored (the smallest and largest numbers are for whole numbers,
        the fewest characters for text, the filing day for dates), and a range no
        answer fits."""
        super().clean()
        errors = {}
        if self.min_value is not None and self.field_type != "integer":
            errors["min_value"] = _(
                "Only a whole number has a smallest number accepted: empty this box "
                "or make the field a whole number."
            )
        if self.max_value is not None and self.field_type != "integer":
            errors["max_value"] = _(
                "Only a whole number has a largest number accepted: empty this box "
                "or make the field a whole number."
            )
        elif self.max_value is not None and self.max_value < (self.min_value or 0):
            errors["max_value"] = _(
                "The largest number accepted cannot be below the smallest."
            )
        most = TEXT_MAX_LENGTHS.get(self.field_type)
        if self.min_length is not None and most is None:
            errors["min_length"] = _(
                "Only text has a fewest number of characters: empty this box or make "
                "the field a single or multi-line text."
            )
        elif self.min_length is not None and self.min_length > most:
            errors["min_length"] = _(
                "No answer can have more than %(most)d characters here: give a "
                "smaller number."
            ) % {"most": most}
        if self.not_before_filing_day and self.field_type != "date":
            errors["not_before_filing_day"] = _(
                "Only a date can refuse days before the filing day: untick this box "
                "or make the field a date."
            )
        if errors:
            raise ValidationError(errors)

    def get_field_clean_name(self):
        """The key made from the label when the editor gives none: transliterated to
        ASCII (Thai labels otherwise become unreadable escapes) and shortened."""
        key = safe_snake_case(anyascii(self.label))[:FIELD_KEY_MAX_LENGTH].strip("_")
        if not re.match(FIELD_KEY_PATTERN, key):
            key = f"field_{key}"[:FIELD_KEY_MAX_LENGTH]
        return key


class ServiceIndexPage(
    HeadlessPreviewable, RequestSiteMixin, RoutablePageMixin, IntroPage
):
    """The one-stop service page: every e-service of the site, grouped by kind, with
    the essentials of each service's manual, and the tracking form at ``track/``.

    ITA: the e-service channel and the service manuals (``ita_roles``).
    """

    base_form_class = ReviewSafePageForm

    ita_roles = ("eservice", "service_manual")

    subpage_types = [
        "eservice_forms.ServicePage",
        "eservice_forms.ServiceStatisticsPage",
        "eservice_forms.SatisfactionPage",
    ]

    api_fields = [*IntroPage.api_fields, APIField("services_by_kind")]

    class Meta:
        verbose_name = _("service index")
        verbose_name_plural = _("service indexes")

    def get_services(self):
        """The live services below this page, with their manual fields."""
        return (
            ServicePage.objects.child_of(self)
            .live()
            .defer_streamfields()
            .order_by("path")
        )

    def group_services(self, services) -> list[tuple[str, list]]:
        """``(kind label, services)`` in the order of :data:`KIND_CHOICES`."""
        groups = {kind: [] for kind, _label in KIND_CHOICES}
        for service in services:
            groups.setdefault(service.kind, []).append(service)
        labels = dict(KIND_CHOICES)
        return [(labels[kind], items) for kind, items in groups.items() if items]

    @property
    def services_by_kind(self) -> list[dict]:
        return [
            {
                "kind": label,
                "services": [
                    {
                        "id": service.pk,
                        "title": service.title,
                        "url": service.url,
                        "processing_time": service.processing_time,
                        "processing_time_unit": service.processing_time_unit,
                        "responsible_division": service.responsible_division,
                    }
                    for service in services
                ],
            }
            for label, services in self.group_services(self.get_services())
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_groups"] = self.group_services(self.get_services())
        context["tracking_form"] = tracking.TrackingForm()
        context["track_url"] = self.tracking_url(request)
        return context

    def tracking_url(self, request=None, *, site=None) -> str:
        """Where residents follow a request: this page's ``track/``. With ``site``
        (for an e-mail, which has no request), a full URL on that site's host: the
        one a request was filed through, when several Sites share this tree."""
        if site is None:
            return self.get_url(request) + self.reverse_subpage("track")
        full_url = self.get_full_url()
        if full_url is None:
            return ""
        url = full_url + self.reverse_subpage("track")
        default = self.get_site()
        if site.pk != default.pk and site.root_page_id == default.root_page_id:
            return site.root_url + url.removeprefix(default.root_url)
        return url

    def route(self, request, path_components):
        """Find a service child in one query (the generic route takes two)."""
        if path_components:
            child = (
                ServicePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .first()
            )
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("track/")
    def track(self, request):
        """Residents look a request up by reference and tracking code (POST only, so
        the code never lands in a URL or a log)."""
        return tracking.serve_tracking(self, request)


class ServicePage(
    HeadlessPreviewable,
    ThaiSearchable,
    RequestSiteMixin,
    RoutablePageMixin,
    AbstractEmailForm,
):
    """An e-service: the form residents fill in (Wagtail's form builder, "Form" tab)
    and the citizen's manual (คู่มือสำหรับประชาชน, "Manual" tab).

    Filing takes three steps — fill in, check your answers, confirm — and ends on a
    confirmation page with the reference number and a tracking code shown once.
    Staff addresses in "to address" get an e-mail for each new request.
    """

    form_builder = EServiceFormBuilder
    landing_page_template = "eservice_forms/service_page_landing.html"
    review_template = "eservice_forms/service_page_review.html"
    print_template = "eservice_forms/request_print.html"
    parent_page_types = ["eservice_forms.ServiceIndexPage"]
    subpage_types = []
    base_form_class = ServicePageForm

    intro = RichTextField(_("introduction"), blank=True)
    kind = models.CharField(
        _("kind of service"),
        max_length=16,
        choices=KIND_CHOICES,
        default=PETITION,
        help_text=_(
            "Sets the statuses a request goes through; permits and licences follow "
            "the Licensing Facilitation Act 2558."
        ),
    )
    responsible_division = models.CharField(_("responsible division"), max_length=255)
    processing_time = models.PositiveSmallIntegerField(
        _("processing time"),
        null=True,
        blank=True,
        help_text=_("The time the manual promises; requests are due after it."),
    )
    processing_time_unit = models.CharField(
        _("unit"), max_length=16, choices=TIME_UNIT_CHOICES, default=WORKING_DAYS
    )
    legal_basis = RichTextField(
        _("legal basis"),
        blank=True,
        help_text=_("Laws that give the power to serve or permit, and set the time."),
    )
    criteria = RichTextField(_("criteria, method and conditions"), blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"), blank=True)
    documents = StreamField(
        [("document", RequiredDocumentBlock())],
        verbose_name=_("required documents"),
        blank=True,
    )
    no_documents = models.BooleanField(_("no documents are required"), default=False)
    fees = StreamField([("fee", FeeBlock())], verbose_name=_("fees"), blank=True)
    no_fee = models.BooleanField(_("this service is free"), default=False)
    paper_form = optional_link(
        "wagtaildocs.Document",
        verbose_name=_("paper form"),
        help_text=_("The form to download for those who file in person."),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        blank=True,
        help_text=_(
            "Shown before the form. Left empty, a notice is written from the retention "
            "period and the office's contacts."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        default=730,
        help_text=_(
            "Personal data of a closed request is erased this many days after it "
            "closes; anonymous statistics are kept."
        ),
    )
    thank_you_text = RichTextField(_("confirmation text"), blank=True)
    search_text_fields = (
        "intro", "responsible_division", "legal_basis", "criteria", "steps",
        "documents", "fees",
    )  # fmt: skip
    search_fields = AbstractEmailForm.search_fields + THAI_WORDS

    manual_panels = [
        FieldPanel("kind"),
        FieldPanel("responsible_division"),
        FieldRowPanel(
            [FieldPanel("processing_time"), FieldPanel("processing_time_unit")]
        ),
        FieldPanel("legal_basis"),
        FieldPanel("criteria"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [FieldPanel("documents"), FieldPanel("no_documents")],
            heading=_("Required documents"),
        ),
        MultiFieldPanel([FieldPanel("fees"), FieldPanel("no_fee")], heading=_("Fees")),
        FieldPanel("paper_form"),
    ]
    content_panels = AbstractEmailForm.content_panels + [FieldPanel("intro")]
    form_panels = [
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("privacy_notice"), FieldPanel("retention_days")],
            heading=_("Personal data (PDPA)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldPanel("from_address"),
                FieldPanel("subject"),
            ],
            heading=_("Staff e-mail on each new request"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(manual_panels, heading=_("Manual")),
            ObjectList(form_panels, heading=_("Form")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    api_fields = [
        APIField("intro"),
        APIField("kind"),
        APIField("kind_label", serializer=CharField(source="get_kind_display")),
        APIField("responsible_division"),
        APIField("processing_time"),
        APIField("processing_time_unit"),
        APIField(
            "processing_time_unit_label",
            serializer=CharField(source="get_processing_time_unit_display"),
        ),
        APIField("legal_basis"),
        APIField("criteria"),
        APIField("steps"),
        APIField("documents"),
        APIField("no_documents"),
        APIField("fees"),
        APIField("no_fee"),
        APIField("paper_form"),
        APIField("privacy_notice"),
        APIField("retention_days"),
        APIField("form_fields"),
        APIField("thank_you_text"),
    ]

    class Meta:
        verbose_name = _("e-service")
        verbose_name_plural = _("e-services")

    def clean(self):
        super().clean()
        errors = {}
        # ITA O9/O15: a manual says "no fee" / "no documents" rather than nothing.
        if not self.fees and not self.no_fee:
            errors["no_fee"] = _("List the fees, or tick “this service is free”.")
        if not self.documents and not self.no_documents:
            errors["no_documents"] = _(
                "List the required documents, or tick “no documents are required”."
            )
        if errors:
            raise ValidationError(errors)

    @cached_property
    def form_field_list(self) -> list:
        """The form's fields, read once per page object: filing one request builds,
        checks and stores the same form."""
        return list(self.form_fields.all())

    def get_form_fields(self):
        return self.form_field_list

    def office_initial(self) -> dict[str, str]:
        """Answers the office knows itself, offered as initial values the resident
        may change: the site's own ตำบล, อำเภอ and จังหวัด (``GovernmentSettings``)
        for the address block's text fields (``addr_subdistrict``, ``addr_district``,
        ``addr_province``: any key ending in the part's name) that have no default
        value of their own."""
        site = self.get_site()
        area = GovernmentSettings.for_site(site).area() if site else {}
        return {
            field.clean_name: area[part]
            for field in self.get_form_fields()
            if field.field_type == "singleline"
            and not field.default_value
            and (part := field.clean_name.rpartition("_")[2]) in area
        }

    def get_form(self, *args, **kwargs):
        """The form, with the office's own area as the address's initial values
        (:meth:`office_initial`)."""
        if not args and "data" not in kwargs:
            kwargs["initial"] = {**self.office_initial(), **kwargs.get("initial", {})}
        return super().get_form(*args, **kwargs)

    @cached_property
    def built_form_class(self) -> type:
        """The form builder's class, built once per page object."""
        return super().get_form_class()

    def get_form_class(self):
        return self.built_form_class

    def file_field_keys(self) -> list[str]:
        """Keys of the fields that take files."""
        return [
            field.clean_name
            for field in self.get_form_fields()
            if field.field_type == "files"
        ]

    # --- Filing: fill in → check your answers → confirm → confirmation -----------

    @path("")
    def form_view(self, request):
        """Dispatch the three steps; ``action`` says which button was pressed."""
        if request.method != "POST":
            # Built only if the empty form is not in the fragment cache.
            empty_form = SimpleLazyObject(
                lambda: self.get_form(page=self, user=request.user)
            )
            return self.render_form(request, empty_form)
        staged = staged_uploads.StagedFiles.from_signed(request.POST.get("staged", ""))
        files = staged.merged_with(request.FILES, self.file_field_keys())
        key = self.submission_key(request)
        if request.POST.get("action") == "confirm":
            site = self.get_site_for(request)
            try:
                submission = submit_request(
                    self,
                    request.POST,
                    files,
                    idempotency_key=key,
                    site=site,
                    admit=lambda: pacing.redeem_posted(
                        request.POST,
                        page=self,
                        site_id=site.pk,
                        client_key=throttle.client_key(request.META),
                    ),
                )
            except PaceRefusedRequest as error:
                response = self.render_form(request, error.form, staged=staged, key=key)
                response.status_code = error.refusal.status_code
                return response
            except AnswersChanged as error:
                # A new key: sent again, the changed answers are a new request.
                return self.render_form(request, error.form, staged=staged)
            except InvalidRequest as error:
                return self.render_form(request, error.form, staged=staged, key=key)
            staged.discard()
            return self.render_landing_page(request, submission)
        form = self.get_form(request.POST, files, page=self, user=request.user)
        if request.POST.get("action") == "review":
            valid = form.is_valid()
            # A replacement refused: the file it was to replace goes too.
            staged = staged.without(
                [key for key in request.FILES if key in form.errors]
            )
            try:
                # The files of the questions answered well are kept even when
                # another answer is refused: a browser cannot be given them back.
                # (What one client and one site may stage an hour is bounded.)
                staged = staged.add(
                    request.FILES,
                    [key for key in self.file_field_keys() if key not in form.errors],
                    client_key=throttle.client_key(request.META),
                    site_id=self.get_site_for(request).pk,
                )
            except staged_uploads.StagingQuotaExceeded:
                form.add_error(
                    None,
                    _(
                        "Too many files were sent from this connection in the last "
                        "hour. Please try again after %(time)s."
                    )
                    % {"time": throttle.retry_time()},
                )
                return self.render_form(request, form, staged=staged, key=key)
            except OSError:
                error = storage_failed(form)
                return self.render_form(request, error.form, staged=staged, key=key)
            if valid:
                return self.render_review(request, form, staged=staged, key=key)
        return self.render_form(request, form, staged=staged, key=key)

    def submission_key(self, request) -> uuid.UUID:
        """The form's one-time key: the same key always yields the same request."""
        try:
            return uuid.UUID(request.POST.get("submission_key", ""))
        except ValueError:
            return uuid.uuid4()

    def render_form(self, request, form, *, staged=None, key=None):
        """Step 1: the privacy notice and the form (with any errors next to fields)."""
        staged = staged or staged_uploads.StagedFiles()
        # Files sent now and not staged (refused themselves, or over the quota).
        ask_for_files_again(form, [k for k in request.FILES if k not in staged.tokens])
        staged.name_on(form)
        context = self.get_context(request)
        context.update(
            form=form,
            submission_key=key or uuid.uuid4(),
            pace=pacing.issue_for_page(
                self,
                self.get_site_for(request).pk,
                throttle.client_key(request.META),
            ),
            staged=staged,
            fragment_key=self.fragment_key(request),
            # An empty form is not built to be asked: it may come from the cache.
            has_errors=request.method == "POST" and bool(form.errors),
        )
        return TemplateResponse(request, self.get_template(request), context)

    def fragment_key(self, request) -> str | None:
        """The key the manual and the empty form are cached under: they are the same
        for every visitor of this revision, language and day ("today" defaults) and
        office area (:meth:`office_initial`). None, so rendered afresh, for a form
        with answers or errors (a POST), or a preview."""
        if request.method == "POST" or getattr(request, "is_preview", False):
            return None
        # The page's settings, read once per request (base.html reads them too).
        area = GovernmentSettings.for_request(request).area()
        parts = (
            self.pk,
            self.live_revision_id,
            get_language(),
            timezone.localdate(),
            *area.values(),
        )
        return ":".join(str(part) for part in parts)

    def render_review(self, request, form, *, staged, key):
        """Step 2: the answers to check, carried forward in hidden inputs."""
        context = self.get_context(request)
        context.update(
            form=form,
            answers=self.describe_answers(form.cleaned_data, staged.names()),
            carried=[
                (name, value)
                for name in request.POST
                if name not in ("csrfmiddlewaretoken", "action", "staged")
                for value in request.POST.getlist(name)
            ],
            staged=staged,
            submission_key=key,
        )
        return TemplateResponse(request, self.review_template, context)

    def describe_answers(self, data: dict, file_names=None) -> list[dict]:
        """``[{label, key, value, rows, files}]`` for the review, confirmation, print
        and admin pages: choice keys shown as their labels, row tables as rows."""
        builder = self.form_builder([])
        answers = []
        for field in self.get_form_fields():
            key = field.clean_name
            value = data.get(key)
            item = {"label": field.label, "key": key, "type": field.field_type}
            if field.field_type == "files":
                item["files"] = (file_names or {}).get(key) or [
                    getattr(file, "name", file) for file in value or []
                ]
            elif field.field_type in STRUCTURES:
                structure = STRUCTURES[field.field_type]
                item["columns"] = structure.columns
                item["rows"] = [
                    [row.get(column.key, "") for column in structure.columns]
                    for row in value or []
                ]
            else:
                labels = dict(builder.get_formatted_field_choices(field))
                if isinstance(value, list):
                    value = ", ".join(str(labels.get(v, v)) for v in value)
                elif value is not None and labels:
                    value = labels.get(value, value)
                item["value"] = self.answer_value(field, value)
                if field.field_type == "geo" and value:
                    item["map_url"] = map_url(value)
            answers.append(item)
        return answers

    def answer_value(self, field, value):
        """A stored answer as it is shown: a date answer (stored as ``2026-01-05``)
        as a date, which the templates write in the reader's calendar."""
        parse = {
            "date": datetime.date.fromisoformat,
            "datetime": datetime.datetime.fromisoformat,
        }.get(field.field_type)
        if parse and isinstance(value, str):
            try:
                return parse(value)
            except ValueError:
                return value
        return value

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """Step 4: POST-redirect-GET to the confirmation, the tracking code travelling
        in a short-lived signed cookie, never in the URL."""
        if form_submission is None:  # admin preview of the landing page
            return super().render_landing_page(request)
        response = HttpResponseRedirect(
            self.get_url(request) + self.reverse_subpage("confirmation")
        )
        receipts.attach(response, request, self, form_submission)
        return response

    @path("done/", name="confirmation")
    def confirmation(self, request):
        """The reference number and tracking code of the request just filed."""
        receipt = receipts.read(request, self)
        if receipt is None:
            return HttpResponseRedirect(self.get_url(request))
        service_request, secret = receipt
        context = self.get_context(request)
        context.update(
            service_request=service_request,
            secret=secret,
            print_url=self.get_url(request) + self.reverse_subpage("print"),
            track_url=self.get_parent().specific.tracking_url(request),
            answers=self.describe_answers(
                service_request.form_data, service_request.attachment_names()
            ),
        )
        return TemplateResponse(request, self.landing_page_template, context)

    @path("print/", name="print")
    def print_copy(self, request):
        """An A4 copy of the request just filed, to print and sign."""
        receipt = receipts.read(request, self)
        if receipt is None:
            return HttpResponseRedirect(self.get_url(request))
        return self.render_print(request, receipt[0])

    def render_print(self, request, service_request):
        """The printable copy (also used by the staff's print view)."""
        context = {
            "page": self,
            "service_request": service_request,
            "answers": self.describe_answers(
                service_request.form_data, service_request.attachment_names()
            ),
        }
        return TemplateResponse(request, self.print_template, context)
