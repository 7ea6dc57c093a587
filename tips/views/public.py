"""The tip page's public views: the form, the receipt shown once, the follow-up.

Thin on purpose: validation is in :mod:`tips.forms`, storage in
:mod:`tips.services`. Nothing here writes to the session or sets a cookie, and
receipt codes travel only in POST bodies, never in URLs.
"""

import functools

from django.utils.translation import gettext as _

from kcs_core import pacing
from kcs_core.captcha import REFRESH_FIELD
from kcs_core.forms import ask_for_files_again
from kcs_core.refusals import FILING_REFUSALS, refused_form_page
from kcs_core.throttle import FormRefused, TooManyAttempts, say_when_to_retry
from tips import services
from tips.forms import ReceiptForm, TipForm, TipsterMessageForm


def page_url(page, request) -> str:
    return page.get_url(request=request)


def tip_form(page, request):
    """GET: the empty form. POST: a new captcha (keeping the answers), or the
    submission, answered with the receipt page or the form with its errors."""
    form_kwargs = {"captcha_url_base": page_url(page, request)}
    if request.method != "POST":
        return render_form(page, request, TipForm(**form_kwargs))
    if REFRESH_FIELD in request.POST:
        # A new captcha without judging the answers: they come back as initial data.
        answers = TipForm(initial=request.POST.dict(), **form_kwargs)
        return render_form(page, request, answers, refreshed=True)
    form = TipForm(
        request.POST,
        request.FILES,
        oversized_upload=getattr(request, "tips_oversized_upload", False),
        **form_kwargs,
    )
    try:
        tip, code = services.file_tip(
            page,
            page.get_site_for(request),
            form,
            request.POST,
            request.tips_client_key,
        )
    except FILING_REFUSALS as refusal:
        return refused_form_page(
            refusal, form, functools.partial(render_form, page, request)
        )
    except services.StorageFailed as error:
        form.add_error(None, str(error))
        return render_form(page, request, form, status=503)
    return page.render(
        request,
        template="tips/tip_receipt.html",
        context_overrides={"tip": tip, "receipt_code": code},
    )


def render_form(page, request, form, *, refreshed=False, throttled=False, status=200):
    ask_for_files_again(form, request.FILES)
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "pace": pacing.issue_for_page(
                page, page.get_site_for(request).pk, request.tips_client_key
            ),
            "refreshed": refreshed,
            "throttled": throttled,
            "refresh_name": REFRESH_FIELD,
        },
    )
    response.status_code = status
    return response


def follow_up(page, request):
    """GET: ask for the receipt code. POST with a code: the case (status, public
    timeline), and the tipster's new message when one was sent."""
    site = page.get_site_for(request)
    if request.method != "POST":
        return render_lookup(page, request, ReceiptForm())
    lookup = ReceiptForm(request.POST)
    if not lookup.is_valid():
        return render_lookup(page, request, lookup, status=400)
    try:
        tip = services.open_case(
            site, lookup.cleaned_data["code"], request.tips_client_key
        )
    except TooManyAttempts:
        return say_when_to_retry(
            render_lookup(page, request, lookup, throttled=True, status=429)
        )
    if tip is None:
        lookup.add_error(
            "code", _("No case matches this code. Check it and try again.")
        )
        return render_lookup(page, request, lookup, status=400)
    fresh_message_form = TipsterMessageForm(initial={"code": lookup.data["code"]})
    message_form, sent = fresh_message_form, False
    if "body" in request.POST:
        message_form = TipsterMessageForm(
            request.POST,
            request.FILES,
            oversized_upload=getattr(request, "tips_oversized_upload", False),
        )
        try:
            services.follow_up(tip, message_form)
        except FormRefused:
            pass  # the errors are on the form
        except services.StorageFailed as error:
            message_form.add_error(None, str(error))
        else:
            message_form, sent = fresh_message_form, True
        if not sent:
            ask_for_files_again(message_form, request.FILES)
    return page.render(
        request,
        template="tips/tip_case.html",
        context_overrides={
            "tip": tip,
            "events": services.tipster_timeline(tip),
            "message_form": message_form,
            "sent": sent,
        },
    )


def render_lookup(page, request, form, *, throttled=False, status=200):
    response = page.render(
        request,
        template="tips/tip_case_lookup.html",
        context_overrides={"form": form, "throttled": throttled},
    )
    response.status_code = status
    return response
