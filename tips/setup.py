"""Setting a site's tip channel up: the tip page, its guideline and its statistics.

:func:`set_up_channel` is the one way to do it: the admin's "Tip channel" screen
(:mod:`tips.views.setup`), the ``tips_setup_channel`` command and the demo call it.
It creates and publishes what is missing and leaves what exists as editors left it.
It names no handler: handlers are people, added in the admin (Settings → Tip
handlers), who set up their authenticator code at their first sign-in.

The default texts (the ``*_content`` functions) are written in English and
translated through this app's catalogue, so each page gets them in the language of
its own locale; editors adapt them afterwards like any page.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, Site

from kcs_core.models import GovernmentSettings
from kcs_core.pages import publish_child, publish_translation
from tips.models import TipFormPage, TipGuidelinePage, TipHandler, TipStatisticsPage

TIP_PAGE_SLUG = "tip-off"
GUIDELINE_SLUG = "guideline"
STATISTICS_SLUG = "statistics"
# What the default guideline promises for the outcome (the acknowledgement time
# is the tip page's own field).
OUTCOME_WITHIN_DAYS = 30

# ChannelSetup attribute → page type, in the order they are created.
CHANNEL_PAGES = (
    ("tip_page", TipFormPage),
    ("guideline_page", TipGuidelinePage),
    ("statistics_page", TipStatisticsPage),
)


@dataclass
class ChannelSetup:
    """A site's tip channel as it stands: its pages (None while missing), its
    handlers and, after :func:`set_up_channel`, the pages that call created
    (translations included)."""

    site: Site
    tip_page: TipFormPage | None = None
    guideline_page: TipGuidelinePage | None = None
    statistics_page: TipStatisticsPage | None = None
    handlers: list[TipHandler] = field(default_factory=list)
    created: list[Page] = field(default_factory=list)

    @property
    def pages(self) -> list[Page | None]:
        return [getattr(self, attribute) for attribute, _model in CHANNEL_PAGES]

    @property
    def is_complete(self) -> bool:
        return None not in self.pages


def find_channels(sites) -> list[ChannelSetup]:
    """The tip channel of each of ``sites``, in their order: the first page of each
    type in the site's tree (the locale of its root page), and its handlers. A page
    belongs to the site with the deepest root above it."""
    sites = list(sites)
    if not sites:
        return []
    channels = {site.pk: ChannelSetup(site) for site in sites}
    paths = dict(
        Page.objects.filter(pk__in=[site.root_page_id for site in sites]).values_list(
            "pk", "path"
        )
    )
    roots = {site.pk: paths[site.root_page_id] for site in sites}
    in_sites = Q()
    for path in roots.values():
        in_sites |= Q(path__startswith=path)
    for attribute, model in CHANNEL_PAGES:
        pages = model.objects.filter(in_sites).exclude(path__in=roots.values())
        for page in pages.order_by("path"):
            owner = max(
                (pk for pk, root in roots.items() if page.path.startswith(root)),
                key=lambda pk: len(roots[pk]),
            )
            if getattr(channels[owner], attribute) is None:
                setattr(channels[owner], attribute, page)
    for handler in TipHandler.objects.filter(site__in=sites):
        channels[handler.site_id].handlers.append(handler)
    return list(channels.values())


def find_channel(site: Site) -> ChannelSetup:
    """``site``'s tip channel as it stands (see :func:`find_channels`)."""
    return find_channels([site])[0]


def may_set_up(user, site: Site) -> bool:
    """Whether ``user`` may set ``site``'s channel up: add and publish a tip page
    under the site's root page, as the page explorer would let them."""
    root = site.root_page.specific
    permissions = root.permissions_for_user(user)
    return (
        TipFormPage.can_create_at(root)
        and permissions.can_add_subpage()
        and permissions.can_publish_subpage()
    )


@transaction.atomic
def set_up_channel(site: Site, user=None) -> ChannelSetup:
    """Give ``site`` a live tip channel and return it.

    Creates and publishes, with the default content, whichever is missing of a tip
    page (under the site's root page, slug ``tip-off``), its guideline page and its
    statistics page (under the tip page); then their copies in every locale the
    site's root page is translated into (English in practice). Re-runnable: pages
    that exist are found wherever they are in the site and left as they are,
    published or not (the admin screen shows which).
    """
    channel = find_channel(site)
    root = site.root_page.specific
    for attribute, model in CHANNEL_PAGES:
        if getattr(channel, attribute) is None:
            parent = root if model is TipFormPage else channel.tip_page
            with translation.override(root.locale.language_code):
                content = page_content(model, site, channel.tip_page)
            page = add_page(parent, model, content, user)
            setattr(channel, attribute, page)
            channel.created.append(page)
    for translated_root in root.get_translations().select_related("locale"):
        translate_channel(channel, translated_root.locale, user)
    return channel


def page_content(model, site: Site, tip_page: TipFormPage | None) -> dict:
    """Slug and default fields of a new page of ``model``, in the active language."""
    if model is TipFormPage:
        return {"slug": TIP_PAGE_SLUG, **tip_page_content(site)}
    if model is TipGuidelinePage:
        return {"slug": GUIDELINE_SLUG, **guideline_content(site, tip_page)}
    return {"slug": STATISTICS_SLUG, **statistics_content(site)}


def add_page(parent: Page, model, content: dict, user=None) -> Page:
    """A new page of ``model`` below ``parent``, published (by ``user``). Its slug
    gets a number when a sibling already has it."""
    content = {**content, "slug": find_available_slug(parent, content["slug"])}
    return publish_child(parent, model(show_in_menus=True, **content), user)


def translate_channel(channel: ChannelSetup, locale, user=None) -> None:
    """Copy the channel's pages into ``locale`` where missing, with the default
    content in that language, and publish the copies. A page whose parent has no
    copy in ``locale`` (one an editor moved elsewhere) is left for the editors."""
    translated_tip = None
    with translation.override(locale.language_code):
        for attribute, model in CHANNEL_PAGES:
            page = getattr(channel, attribute)
            translated = page.get_translation_or_none(locale)
            if translated is None:
                content = page_content(model, channel.site, translated_tip)
                content.pop("slug")
                translated = translate_page(page, locale, content, user)
                if translated is not None:
                    channel.created.append(translated)
            if model is TipFormPage:
                translated_tip = translated.specific if translated else page


def translate_page(page: Page, locale, content: dict, user=None) -> Page | None:
    """``page``'s copy in ``locale`` with ``content``, published; None when the
    parent of ``page`` is not translated into ``locale``."""
    try:
        return publish_translation(page, locale, content, user)
    except ParentNotTranslatedError:
        return None


def paragraph(text: str) -> str:
    """``text`` as the HTML of a rich text field."""
    return format_html("<p>{}</p>", text)


def within_days(days: int) -> str:
    """A step's time frame of ``days`` days, in the active language."""
    return ngettext("Within %(days)d day", "Within %(days)d days", days) % {
        "days": days
    }


def responsible_unit(site: Site) -> str:
    """The unit that handles tips, named with the office's name from the site's
    settings (in the active language) when it has one."""
    settings = GovernmentSettings.objects.filter(site=site).first()
    office = (settings or GovernmentSettings(site=site)).display_name
    if office:
        return _("Office of the Chief Administrator, %(office)s") % {"office": office}
    return _("Office of the Chief Administrator")


def tip_page_content(site: Site) -> dict:
    """Title and introduction of a new tip page, in the active language (the
    acknowledgement time is the model's default)."""
    return {
        "title": _("Report corruption"),
        "intro": paragraph(
            _(
                "A channel to report corruption and misconduct, separate from "
                "general complaints."
            )
        ),
    }


def guideline_content(site: Site, tip_page: TipFormPage) -> dict:
    """Title, introduction, steps, unit and time frame of a new guideline page, in
    the active language; its time frame is ``tip_page``'s acknowledgement time."""
    acknowledge = tip_page.acknowledge_within_days
    handlers = _("Tip handlers, Office of the Chief Administrator")
    steps = [
        (
            _("Receive the tip and give it a case number"),
            _("The system gives the tipster a case number and a receipt code at once."),
            handlers,
            _("At once"),
        ),
        (
            _("Acknowledge the tip and check the facts"),
            _(
                "The handlers acknowledge the tip and examine its information and "
                "evidence."
            ),
            handlers,
            within_days(acknowledge),
        ),
        (
            _("Investigate, or refer to the competent agency"),
            _(
                "When the accused is among the executives, the tip goes to the "
                "Office of the NACC or the Office of the PACC."
            ),
            _("Chief Administrator"),
            within_days(OUTCOME_WITHIN_DAYS),
        ),
        (
            _("Tell the tipster the outcome"),
            _("The tipster reads the outcome with the receipt code."),
            handlers,
            _("When the case is closed"),
        ),
    ]
    return {
        "title": _("Complaint-handling guideline"),
        "intro": paragraph(
            _(
                "Report through the online form, without giving your name. The "
                "system records neither your IP address nor your device."
            )
        ),
        "steps": [
            (
                "step",
                {
                    "title": title,
                    "description": paragraph(description),
                    "responsible": responsible,
                    "duration": duration,
                },
            )
            for title, description, responsible, duration in steps
        ],
        "responsible_unit": responsible_unit(site),
        "time_frame": paragraph(
            _(
                "Tips are acknowledged within %(acknowledge)d days and the outcome "
                "is given within %(outcome)d days."
            )
            % {"acknowledge": acknowledge, "outcome": OUTCOME_WITHIN_DAYS}
        ),
        "channel_page": tip_page,
    }


def statistics_content(site: Site) -> dict:
    """Title and introduction of a new statistics page, in the active language."""
    return {
        "title": _("Tip-off statistics"),
        "intro": paragraph(
            _("The number of tips received, by category, status and month.")
        ),
    }
