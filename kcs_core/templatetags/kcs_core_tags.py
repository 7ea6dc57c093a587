"""Template tags shared by the kcs-wagtail apps and the site templates.

Load with ``{% load kcs_core_tags %}``.
"""

import datetime

from django import template
from django.conf import settings
from django.utils.translation import get_language_info

from wagtail.models import Locale, Page, Site

from kcs_core import thai_dates

register = template.Library()


@register.filter
def thai_date(value: datetime.date | None, style: str = "short") -> str:
    """``{{ d|thai_date }}`` → ``9 พ.ย. 2564``; ``{{ d|thai_date:"long" }}`` →
    ``9 พฤศจิกายน 2564``. Add ``|thai_digits`` for ``๙ พ.ย. ๒๕๖๔``."""
    if not value:
        return ""
    return thai_dates.format_thai_date(value, style=style)


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


@register.inclusion_tag("kcs_core/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The path from the site's home page to the current page."""
    page = context.get("page")
    trail = []
    if isinstance(page, Page):
        trail = list(
            page.get_ancestors(inclusive=True).filter(depth__gt=1).specific(defer=True)
        )
    return {"trail": trail, "page": page}


@register.inclusion_tag("kcs_core/tags/navigation.html", takes_context=True)
def site_navigation(context):
    """Live pages shown in menus directly below the home page of the active locale."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    home = None
    if site:
        home = site.root_page.localized
        items = list(home.get_children().live().in_menu())
    return {"home": home, "items": items, "page": context.get("page")}


@register.inclusion_tag("kcs_core/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in each content language.

    A page that has no translation in a language links to that language's home page.
    """
    page = context.get("page")
    request = context.get("request")
    links = []
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
        }
    site = Site.find_for_request(request) if request else None
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        target = translations.get(code)
        if target is None and site is not None:
            locale = Locale.objects.filter(language_code=code).first()
            home = site.root_page.get_translation_or_none(locale) if locale else None
            target = home if home and home.live else None
        if target is None:
            continue
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": target.get_url(request),
                "active": page is not None and getattr(page, "pk", None) == target.pk,
            }
        )
    return {"links": links}
