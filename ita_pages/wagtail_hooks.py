"""Admin wiring: the ITA menu, catalog years, set-up, readiness, tools, the dashboard
panel."""

from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import TitleColumn

from ita_pages import views
from ita_pages.approvals import join_site_approval
from ita_pages.circulars import circulate, parse_other_staff
from ita_pages.models import (
    AssessmentYear,
    ChannelRecord,
    CommunityLeader,
    DisclosureSectionPage,
    GiftRecord,
    ITAIndexPage,
    ITASettings,
    LetterBatch,
    MeasureStep,
    Opinion,
    ProcurementRecord,
    Question,
)
from ita_pages.models.circulars import Circular
from ita_pages.models.letters import send_letters
from ita_pages.ordering import sort_children
from ita_pages.participation import answer_saved
from kcs_core.admin_menu import (
    HookedViewSetGroup,
    SiteActionMenuItem,
    UserMenuItem,
)
from kcs_core.columns import LocalDateColumn
from kcs_core.dashboard import DashboardRowsPanel
from kcs_core.fields import TextareaField
from kcs_core.panels import ReadOnlyDatePanel
from kcs_core.site_views import (
    SiteScopedCreateView,
    SiteScopedEditView,
    SiteScopedRecordEditView,
    SiteScopedViewSet,
    log_with_their_site,
)

#: The first panels of a record of how an announcement went out (a channel, letters,
#: a circular): the site and the announcement.
ANNOUNCEMENT_PANELS = [FieldPanel("site"), PageChooserPanel("announcement")]


class SiteRecordViewSet(SiteScopedViewSet):
    """A site's records (``SiteRecord``), whose form offers only the sites the user
    may act for."""

    add_view_class = SiteScopedCreateView
    edit_view_class = SiteScopedRecordEditView


class NothingToAdd:
    """A viewset of records that come from elsewhere (an import, a published page,
    a resident's form): no "Add" button and no add view (``new/`` is not found)."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name != "add"]


class SentRecords:
    """A viewset of records of what went out (letters, circulars): added, never
    edited or deleted afterwards (their numbers, dates and recipients are what was
    sent), each opened on its own page, :attr:`record_url_name`."""

    #: The URL name of a record's own page (its PDF, its acknowledgement list).
    record_url_name: str
    #: The field of the day the record went out, the listing's third column.
    sent_field: str
    list_filter = ["site"]
    search_fields = ["subject"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"edit_url_name": None, "delete_url_name": None, **kwargs}
        )

    def get_urlpatterns(self):
        return [
            url
            for url in super().get_urlpatterns()
            if url.name not in ("edit", "delete")
        ]

    @property
    def url_finder_class(self):
        """Where Wagtail links a record (its usage and history lists): its page."""
        return type(
            "RecordURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.record_url_name},
        )

    @property
    def list_display(self):
        """The subject, linked to the record's own page; the announcement, the day
        it went out and the site."""
        subject = TitleColumn(
            "subject",
            label=capfirst(self.model._meta.get_field("subject").verbose_name),
            get_url=lambda record: reverse(self.record_url_name, args=[record.pk]),
        )
        return [subject, "announcement", self.sent_field, "site"]


class SentRecordCreateView(SiteScopedCreateView):
    """Adding a record that goes out: it then opens on its own page (no "Edit"
    button: it is not edited)."""

    def get_success_url(self):
        return reverse(self.record_url_name, args=[self.object.pk])

    def get_success_buttons(self):
        return []


class CatalogYearViewSet(NothingToAdd, SiteScopedViewSet):
    """Catalog years per site: mark a year verified, read its source note. New years
    come in through the import."""

    model = AssessmentYear
    name = "ita_catalogs"
    icon = "list-ol"
    menu_label = _("Catalog years")
    list_display = [
        "year",
        "site",
        "verified",
        "imported_at",
    ]
    list_filter = ["site", "verified"]
    form_fields = ["verified", "source_note"]


class GiftRecordViewSet(SiteRecordViewSet):
    """The register of gifts and benefits staff received, per site; published by
    the site's gift register page."""

    model = GiftRecord
    name = "ita_gifts"
    icon = "tag"
    menu_label = _("Gift register")
    list_display = [
        LocalDateColumn("received_on", label=capfirst(_("received on"))),
        "description",
        "recipient",
        "value",
        "site",
    ]
    list_filter = ["site", "action"]
    search_fields = ["description", "recipient", "giver"]
    panels = [
        FieldPanel("site"),
        FieldPanel("received_on"),
        FieldPanel("recipient"),
        FieldPanel("recipient_position"),
        FieldPanel("description"),
        FieldPanel("value"),
        FieldPanel("giver"),
        FieldPanel("occasion"),
        FieldPanel("action"),
        FieldPanel("note"),
    ]


class ProcurementRecordViewSet(SiteRecordViewSet):
    """Procurement records per site (typed here or imported from e-GP); the
    site's procurement reports freeze them."""

    model = ProcurementRecord
    name = "ita_procurement"
    icon = "doc-full"
    menu_label = _("Procurement records")
    list_display = [
        "project",
        "fiscal_year",
        "method",
        "contract_date",
        "status",
        "site",
    ]
    list_filter = ["site", "fiscal_year", "method", "status"]
    search_fields = ["project", "winner", "egp_number", "contract_number"]
    panels = [
        FieldPanel("site"),
        FieldPanel("egp_number"),
        FieldPanel("project"),
        FieldPanel("fiscal_year"),
        MultiFieldPanel(
            [
                FieldPanel("budget"),
                FieldPanel("reference_price"),
                FieldPanel("method"),
            ],
            heading=_("Budget and method"),
        ),
        InlinePanel("bids", heading=_("Bidders and prices offered")),
        MultiFieldPanel(
            [
                FieldPanel("winner"),
                FieldPanel("winning_price"),
                FieldPanel("reason"),
                FieldPanel("contract_number"),
                FieldPanel("contract_date"),
            ],
            heading=_("Result and contract"),
        ),
        FieldPanel("status"),
        FieldPanel("progress"),
    ]


class MeasureStepViewSet(NothingToAdd, SiteScopedViewSet):
    """The steps of the site's measures announcements (tracked from each published
    announcement), with their owners, due dates, status and dated progress; the
    measures report pages freeze them."""

    model = MeasureStep
    name = "ita_measure_steps"
    icon = "tasks"
    menu_label = _("Measures: progress")
    list_display = ["text", "tool", "owner", "due_date", "status", "site"]
    list_filter = ["site", "tool", "status"]
    search_fields = ["text", "finding", "owner"]
    panels = [
        FieldPanel("text", read_only=True),
        FieldPanel("finding", read_only=True),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
        InlinePanel("notes", heading=_("Progress")),
    ]


class ChannelRecordViewSet(SiteRecordViewSet):
    """Where and when each announcement was published (web site, Facebook, LINE,
    notice board, letters, circulation)."""

    model = ChannelRecord
    name = "ita_channels"
    icon = "globe"
    menu_label = _("Publication channels")
    list_display = [
        "announcement",
        "channel",
        "published_on",
        "site",
    ]
    list_filter = ["site", "channel"]
    search_fields = ["note"]
    panels = [
        *ANNOUNCEMENT_PANELS,
        FieldPanel("channel"),
        FieldPanel("published_on"),
        FieldPanel("note"),
    ]


class CommunityLeaderViewSet(SiteRecordViewSet):
    """The site's village heads, kamnan and community committee, who receive the
    office's letters."""

    model = CommunityLeader
    name = "ita_leaders"
    icon = "group"
    menu_label = _("Community leaders")
    list_display = ["name", "position", "village", "active", "site"]
    list_filter = ["site", "position", "active"]
    search_fields = ["name", "village"]
    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("position"),
        FieldPanel("village"),
        FieldPanel("address"),
        FieldPanel("active"),
    ]


class CircularForm(WagtailAdminModelForm):
    """A circular, with the staff without an account it also goes to."""

    other_staff = TextareaField(
        label=_("Staff without an account"),
        required=False,
        rows=5,
        help_text=_(
            "One a line: name, position, e-mail. The admin users of the site get "
            "the circular without being listed here."
        ),
    )

    def clean_other_staff(self):
        return parse_other_staff(self.cleaned_data["other_staff"])


class CircularCreateView(SentRecordCreateView):
    """Circulating sends each member of staff their link and records the
    circulation channel."""

    record_url_name = "ita_pages_circular"

    def save_instance(self):
        circular = self.form.save(commit=False)
        return circulate(
            circular, self.form.cleaned_data["other_staff"], self.request.user
        )


class CircularViewSet(SentRecords, SiteRecordViewSet):
    """Announcements circulated to staff for acknowledgement (แจ้งเวียน); each
    opens on its acknowledgement list. Sent circulars are records: not edited."""

    model = Circular
    name = "ita_circulars"
    icon = "mail"
    menu_label = _("Circulars to staff")
    record_url_name = CircularCreateView.record_url_name
    sent_field = "sent_at"
    edit_handler = ObjectList(
        [
            *ANNOUNCEMENT_PANELS,
            FieldPanel("subject"),
            FieldPanel("message"),
            FieldPanel("other_staff"),
        ],
        base_form_class=CircularForm,
    )
    add_view_class = CircularCreateView


class LetterBatchCreateView(SentRecordCreateView):
    """Sending numbers a letter for each active leader and records the channel."""

    record_url_name = "ita_pages_letters_pdf"

    def save_instance(self):
        batch = self.form.save(commit=False)
        send_letters(batch)
        return batch


class LetterBatchViewSet(SentRecords, SiteRecordViewSet):
    """Announcements sent as letters to community leaders; each batch prints as
    one PDF. Sent letters are records: they are not edited."""

    model = LetterBatch
    name = "ita_letters"
    icon = "mail"
    menu_label = _("Letters to community leaders")
    record_url_name = LetterBatchCreateView.record_url_name
    sent_field = "sent_on"
    panels = [
        *ANNOUNCEMENT_PANELS,
        FieldPanel("subject"),
        FieldPanel("reference"),
        FieldPanel("enclosure"),
        FieldPanel("body"),
        FieldPanel("sent_on"),
    ]
    add_view_class = LetterBatchCreateView


class QuestionEditView(SiteScopedEditView):
    """Saving a first answer dates it and tells the asker (when they left an
    e-mail)."""

    def save_instance(self):
        question = super().save_instance()
        answer_saved(question, self.request.user)
        return question


class QuestionViewSet(NothingToAdd, SiteScopedViewSet):
    """Residents' questions from the site's Q&A board: staff write the answer, which
    is published with its date. The asker's e-mail is shown here only."""

    model = Question
    name = "ita_questions"
    icon = "help"
    menu_label = _("Q&A: questions")
    list_display = [
        "text",
        "asked_at",
        "answered_at",
        "site",
    ]
    list_filter = ["site", "published", "answered_at"]
    search_fields = ["text", "answer"]
    panels = [
        FieldPanel("text", read_only=True),
        ReadOnlyDatePanel("asked_at"),
        FieldPanel("email", read_only=True),
        FieldPanel("answer"),
        FieldPanel("published"),
    ]
    edit_view_class = QuestionEditView


class OpinionViewSet(NothingToAdd, SiteScopedViewSet):
    """Residents' opinions of the office's work and staff: who sent them and their
    words are shown here only; staff write the public summary and what was done."""

    model = Opinion
    name = "ita_opinions"
    icon = "comment"
    menu_label = _("Opinions from residents")
    list_display = [
        "__str__",
        "topic",
        "status",
        "received_at",
        "site",
    ]
    list_filter = ["site", "topic", "status"]
    search_fields = ["text", "subject", "public_summary"]
    panels = [
        MultiFieldPanel(
            [
                ReadOnlyDatePanel("received_at"),
                *(
                    FieldPanel(name, read_only=True)
                    for name in ("topic", "subject", "text", "name", "contact")
                ),
            ],
            heading=_("From the resident (staff only)"),
        ),
        FieldPanel("status"),
        FieldPanel("public_summary"),
        FieldPanel("outcome"),
    ]


class ITAViewSetGroup(HookedViewSetGroup):
    menu_label = _("ITA")
    menu_icon = "clipboard-list"
    menu_order = 250
    submenu_hook = "register_ita_menu_item"
    items = (
        CatalogYearViewSet,
        GiftRecordViewSet,
        ProcurementRecordViewSet,
        MeasureStepViewSet,
        ChannelRecordViewSet,
        CommunityLeaderViewSet,
        LetterBatchViewSet,
        CircularViewSet,
        QuestionViewSet,
        OpinionViewSet,
    )


#: The ITA menu's own items after its lists: label, URL name, icon, order, and who
#: may use its view (a function of the user; None: those who act for a site).
ITA_MENU_ITEMS = (
    (_("Readiness"), "ita_pages_readiness", "tasks", 0, None),
    (_("Set up ITA for a site"), "ita_pages_setup", "cog", 10, views.may_set_up_a_site),
    (
        _("Import a catalog"),
        "ita_pages_import",
        "upload",
        900,
        views.may_import_catalogs,
    ),
    (_("Copy evidence to a new year"), "ita_pages_crosswalk", "copy", 910, None),
    (
        _("Import procurement from e-GP"),
        "ita_pages_procurement_import",
        "upload",
        920,
        views.may_import_procurement,
    ),
    (
        _("Prepare procurement reports"),
        "ita_pages_prepare_reports",
        "doc-full",
        930,
        views.may_prepare_reports,
    ),
)


def ita_menu_item(label, url_name: str, icon: str, order: int, may_use):
    """A ``register_ita_menu_item`` hook giving one item (its URL found when the
    menu is built), shown only to those who may use its view."""

    def menu_item():
        options = {"icon_name": icon, "order": order}
        if may_use:
            return UserMenuItem(label, reverse(url_name), may_use=may_use, **options)
        return SiteActionMenuItem(label, reverse(url_name), **options)

    return menu_item


for item in ITA_MENU_ITEMS:
    hooks.register("register_ita_menu_item", ita_menu_item(*item))


@hooks.register("register_log_actions")
def log_records_with_their_site(actions):
    records = [viewset.model for viewset in ITAViewSetGroup.items]
    log_with_their_site(actions, [*records, ITASettings])


@hooks.register("register_admin_viewset")
def register_ita_viewsets():
    return ITAViewSetGroup()


#: The ITA tools' admin URLs, below /admin/: route, view, URL name.
ITA_ADMIN_URLS = (
    ("ita/setup/", views.setup_view, "ita_pages_setup"),
    ("ita/readiness/", views.readiness_index, "ita_pages_readiness"),
    (
        "ita/readiness/<int:page_id>/",
        views.readiness_report,
        "ita_pages_readiness_report",
    ),
    ("ita/<int:page_id>/seed/", views.seed_view, "ita_pages_seed"),
    ("ita/<int:page_id>/freeze/", views.freeze_view, "ita_pages_freeze"),
    ("ita/import/", views.import_view, "ita_pages_import"),
    ("ita/crosswalk/", views.crosswalk_view, "ita_pages_crosswalk"),
    (
        "ita/procurement/import/",
        views.procurement_import_view,
        "ita_pages_procurement_import",
    ),
    (
        "ita/procurement/prepare/",
        views.prepare_reports_view,
        "ita_pages_prepare_reports",
    ),
    ("ita/circulars/<int:pk>/", views.circular_view, "ita_pages_circular"),
    (
        "ita/circulars/<int:pk>/acknowledge/",
        views.circular_acknowledge_view,
        "ita_pages_circular_acknowledge",
    ),
    (
        "ita/circulars/<int:pk>/remind/",
        views.circular_remind_view,
        "ita_pages_circular_remind",
    ),
    ("ita/circulars/<int:pk>/pdf/", views.circular_pdf_view, "ita_pages_circular_pdf"),
    ("ita/letters/<int:pk>/pdf/", views.letters_pdf_view, "ita_pages_letters_pdf"),
)


@hooks.register("register_admin_urls")
def register_ita_urls():
    return [path(route, view, name=name) for route, view, name in ITA_ADMIN_URLS]


class ITAReadinessPanel(DashboardRowsPanel):
    """Dashboard panel: the current fiscal year's ITA readiness on each site, or
    the offer to import its catalog when there is none."""

    name = "ita_readiness"
    template_name = "ita_pages/admin/readiness_panel.html"
    order = 60


@hooks.register("construct_homepage_panels")
def add_ita_readiness_panel(request, panels):
    panels.append(
        ITAReadinessPanel(
            views.site_readiness(request.user),
            may_import=views.may_import_catalogs(request.user),
        )
    )


@hooks.register("after_create_page")
def keep_item_order(request, page):
    """A page added to a section or a year's index takes its place by item number
    (``o2`` before ``o10``) in the explorer, as on the public section page."""
    parent = page.get_parent()
    if issubclass(parent.specific_class, (DisclosureSectionPage, ITAIndexPage)):
        sort_children(parent, user=request.user)


@hooks.register("after_create_page")
def keep_approval_chain(request, page):
    """A top ITA section added to a site already set up joins its approval chain."""
    if isinstance(page.specific, DisclosureSectionPage):
        join_site_approval(page)


from ita_pages.uninstall import leftovers  # noqa: E402 - what kcs_uninstall removes

hooks.register("kcs_uninstall", leftovers)
