"""Template tags shared by the kcs-wagtail apps and the site templates.

Load with ``{% load kcs_core_tags %}``.
"""

import datetime
from urllib.parse import urlsplit

from django import forms, template
from django.conf import settings
from django.http.cookie import parse_cookie
from django.utils.translation import get_language, get_language_info, gettext

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.coreutils import get_content_languages
from wagtail.models import Page, Site

from kcs_core import thai_dates, thai_text, throttle
from kcs_core.fragments import cached_fragment
from kcs_core.models import GovernmentSettings

register = template.Library()


def on_one_line(text: str) -> str:
    """A Thai date or time joined by no-break spaces: Thai breaks lines at spaces,
    so ``9 พ.ย. 2564`` would otherwise split. Other languages break between words
    and keep their spaces."""
    return thai_dates.keep_together(text) if thai_dates.is_thai() else text


@register.filter
def local_date(value, style: str = "short"):
    """A date in the reader's language: ``{{ d|local_date }}`` → ``9 พ.ย. 2564`` in
    Thai, ``9 Nov 2021`` in English; ``{{ d|local_date:"long" }}`` → ``9 พฤศจิกายน
    2564`` / ``9 November 2021``. Anything that is not a date passes through, so a
    form answer of any type can go through it."""
    if isinstance(value, datetime.date):
        return on_one_line(thai_dates.format_date(value, style=style))
    return value


@register.filter
def local_datetime(value: datetime.datetime | None, style: str = "short") -> str:
    """Date and time in the reader's language and the site's zone:
    ``2 ธ.ค. 2569 00:19 น.`` / ``2 Dec 2026 00:19``."""
    if not isinstance(value, datetime.datetime):
        return local_date(value, style) if value else ""
    value = thai_dates.as_local_datetime(value)
    # The date and the time each stay on one line; the line may break between them.
    return (
        f"{on_one_line(thai_dates.format_date(value, style))} "
        f"{on_one_line(thai_dates.format_time(value))}"
    )


@register.simple_tag
def retry_time() -> str:
    """When a client over its hourly limit may try again (``15:00 น.``)."""
    return on_one_line(throttle.retry_time())


@register.filter
def period(days: int | None) -> str:
    """``{{ page.retention_days|period }}``: ``2 ปี`` for 730 days, in the
    reader's language."""
    return "" if days is None else thai_dates.format_period(days)


@register.filter
def local_fiscal_year(value: int | None) -> str:
    """A (Buddhist-era) fiscal year for the reader: ``2570`` / ``2027``."""
    return thai_dates.format_fiscal_year(value)


@register.filter
def thai_date(value: datetime.date | None, style: str = "short") -> str:
    """Same as ``local_date`` (kept for existing templates): Thai with the Buddhist
    era when the reader reads Thai, the Gregorian year otherwise. Add
    ``|thai_digits`` for ``๙ พ.ย. ๒๕๖๔``."""
    if not value:
        return ""
    return on_one_line(thai_dates.format_date(value, style=style))


@register.filter(name="thai_digits")
def thai_digits_filter(value: object) -> str:
    """Arabic digits to Thai digits."""
    return thai_dates.thai_digits(value)


@register.filter
def fiscal_year(value: datetime.date | None) -> int | str:
    """The Buddhist-era fiscal year (1 Oct – 30 Sep) a date falls in."""
    if not value:
        return ""
    return thai_dates.fiscal_year(value)


@register.simple_tag(takes_context=True)
def editor_userbar(context, position: str = "bottom-right") -> str:
    """Wagtail's user bar, for visitors who carry a session cookie (signed-in
    editors). Everyone else gets the page without asking who they are: reading
    ``request.user`` would mark every page ``Vary: Cookie`` and keep it out of the
    shared cache (:mod:`kcs_core.cache_control`). The cache in front never serves
    its copy to a request with a session cookie (``deploy/varnish/default.vcl``)."""
    request = context.get("request")
    if request is None:
        return ""
    # The raw header, not request.COOKIES: the presence of a session cookie is what
    # the HTTP cache in front keys on, not something this page depends on.
    if settings.SESSION_COOKIE_NAME not in parse_cookie(
        request.META.get("HTTP_COOKIE", "")
    ):
        return ""
    return wagtailuserbar(context, position)


@register.filter
def share_description(page) -> str:
    """What a shared link's preview says: the page's search description, else what
    the page offers through ``get_share_description()`` (for example its intro)."""
    description = getattr(page, "search_description", "")
    if not description and hasattr(page, "get_share_description"):
        description = page.get_share_description()
    return description or ""


def request_site(context) -> Site | None:
    request = context.get("request")
    return Site.find_for_request(request) if request else None


def link(page: Page, request) -> dict:
    return {"pk": page.pk, "title": page.title, "url": page.get_url(request)}


@register.inclusion_tag("kcs_core/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The path from the site's home page to the current page (cached per page until
    the site next changes)."""
    page, request, site = (
        context.get("page"),
        context.get("request"),
        request_site(context),
    )
    if not isinstance(page, Page) or not page.pk or site is None:
        return {"trail": [], "request": request}

    def build():
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=1)
        return [link(ancestor, request) for ancestor in ancestors]

    trail = cached_fragment(site.pk, f"breadcrumbs:{page.pk}", build)
    return {"trail": trail, "request": request}


@register.inclusion_tag("kcs_core/tags/navigation.html", takes_context=True)
def site_navigation(context):
    """Live pages shown in menus directly below the home page of the active locale
    (cached per site and language until the site next changes)."""
    request, site, page = (
        context.get("request"),
        request_site(context),
        context.get("page"),
    )
    menu = {"home": None, "items": []}
    if site is not None:

        def build():
            home = site.root_page.localized
            children = home.get_children().live().in_menu()
            return {
                "home": link(home, request),
                "items": [link(p, request) for p in children],
            }

        menu = cached_fragment(site.pk, f"navigation:{get_language()}", build)
    return {**menu, "current_pk": getattr(page, "pk", None), "request": request}


def sub_route(page: Page, request) -> str:
    """What follows ``page``'s own URL in the request's path: the sub-route of a
    routable page (``case/`` of the tip page's follow-up), else ""."""
    own = urlsplit(page.get_url(request) or "").path
    return request.path[len(own) :] if own and request.path.startswith(own) else ""


def first_with_url(pages, request) -> tuple[Page | None, str | None]:
    """The first of ``pages`` (``None`` passed over) with a URL for ``request``, and
    the URL: a page outside the sites' trees has none, nor has any page while the
    cached roots of the sites are out of date."""
    for candidate in pages:
        url = candidate.get_url(request) if candidate is not None else None
        if url:
            return candidate, url
    return None, None


@register.inclusion_tag("kcs_core/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each content language (cached per page), at the
    same sub-route of a routable page (the follow-up form stays the follow-up form).

    A page that has no translation in a language links to that language's home page.
    """
    page, request, site = (
        context.get("page"),
        context.get("request"),
        request_site(context),
    )
    if site is None:
        return {"links": []}
    current_pk = getattr(page, "pk", None) if isinstance(page, Page) else None

    def build():
        translations = {}
        if current_pk:
            translations = {
                p.locale.language_code: p
                for p in page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            }
        homes = {
            home.locale.language_code: home
            for home in site.root_page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
        translated_pks = {p.pk for p in translations.values()}
        links = []
        for code in get_content_languages():
            target, url = first_with_url(
                (translations.get(code), homes.get(code)), request
            )
            if target is not None:
                links.append(
                    {
                        "code": code,
                        "name": get_language_info(code)["name_local"],
                        "url": url,
                        "active": current_pk == target.pk,
                        "translation": target.pk in translated_pks,
                    }
                )
        return links

    links = cached_fragment(site.pk, f"languages:{current_pk}", build)
    rest = sub_route(page, request) if current_pk else ""
    return {
        "links": [
            {**link, "url": link["url"] + rest} if link.get("translation") else link
            for link in links
        ]
    }


@register.filter
def error_target(bound_field) -> str:
    """The id an error summary links to for a field: its input, or the first input of
    a group (radio buttons, checkboxes, a date's day box, a row table's first cell)."""
    auto_id = bound_field.auto_id
    if not auto_id:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{auto_id}_0"
    if isinstance(widget, forms.MultiWidget):
        # The widget's own choice (a date's day box, a captcha's answer box), else
        # its first visible part.
        first_visible = next(
            (i for i, part in enumerate(widget.widgets) if not part.is_hidden), 0
        )
        return widget.id_for_label(auto_id) or f"{auto_id}_{first_visible}"
    return widget.id_for_label(auto_id) or auto_id


@register.simple_tag
def error_title_prefix(form) -> str:
    """``ข้อผิดพลาด: `` before a page's title when ``form`` has errors (so the tab
    and a screen reader say so first), else nothing."""
    if form is not None and getattr(form, "errors", None):
        return gettext("Error: ")
    return ""


@register.filter(is_safe=True)
def keep_together(value: object) -> str:
    """A short phrase a line must not split (a person's name, ``พ.ศ. 2569``), kept
    whole: Thai has no spaces between words, so the browser would otherwise break
    a name between first name and surname, or inside either."""
    return thai_text.keep_whole(value)


@register.simple_tag(takes_context=True)
def wrap_words(context, value: object) -> str:
    """``{% wrap_words page.title %}``: a title, label, table cell or rich text
    (``{% wrap_words page.intro|richtext %}``) whose lines break only between Thai
    words, the site's own place names kept whole (``GovernmentSettings.own_words``).
    """
    return thai_text.wrap_words(value, keep=site_own_words(context))


def site_own_words(context) -> tuple[str, ...]:
    """The place names of the site a template renders for, which a line never
    splits (``GovernmentSettings.own_words``); none outside a site."""
    request, site = context.get("request"), request_site(context)
    return GovernmentSettings.for_request(request).own_words() if site else ()
