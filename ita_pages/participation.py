"""Public participation: filing a question or an opinion (the one path both the
pages and the JSON API take), and the pages' form view.

A form is accepted once: its captcha and its pace ticket (:mod:`kcs_core.pacing`)
are single-use, so a form sent twice (a double click, the Back button) is stored
once. Refused forms are limited per client and hour, so captchas cannot be guessed
at speed; the client is known only by an hourly pseudonym, never stored.
"""

import functools

from django.db import transaction

from ita_pages import tasks
from ita_pages.models.participation import Opinion, Question
from ita_pages.public_forms import OpinionForm, QuestionForm
from kcs_core import pacing, throttle
from kcs_core.captcha import REFRESH_FIELD
from kcs_core.refusals import FILING_REFUSALS, refused_form_page

#: Refused forms one client may send a site's participation pages per hour.
REFUSALS_PER_HOUR = 20


def refusals_key(site, client_key: str) -> str:
    return f"participation-refused:{site.pk}:{client_key}"


def submit_question(board, site, answers: dict) -> Question:
    """Store a question cleaned by :class:`~ita_pages.public_forms.QuestionForm`."""
    return Question.objects.create(
        site=site, board=board, text=answers["text"], email=answers.get("email", "")
    )


def submit_opinion(channel, site, answers: dict) -> Opinion:
    """Store an opinion cleaned by :class:`~ita_pages.public_forms.OpinionForm`."""
    return Opinion.objects.create(
        site=site,
        channel=channel,
        topic=answers["topic"],
        subject=answers.get("subject", ""),
        text=answers["text"],
        name=answers["name"],
        contact=answers["contact"],
    )


#: Each kind of participation page (its ``participation_kind``): its public form
#: and what files it.
FILERS = {
    "question": (QuestionForm, submit_question),
    "opinion": (OpinionForm, submit_opinion),
}


def filer_for(page):
    """``(form class, filing function)`` for ``page``'s kind."""
    return FILERS[page.participation_kind]


def file_answers(page, site, form, data, client_key: str):
    """Refuse a form sent again (its pace ticket spent), validate ``form`` and the
    pace ticket in ``data``, then store: the one path
    of the pages and the API. Returns the stored record; raises one of
    :data:`kcs_core.refusals.FILING_REFUSALS`."""
    pacing.refuse_spent_posted(data)
    throttle.validate_counting_refusals(
        form, refusals_key(site, client_key), REFUSALS_PER_HOUR
    )
    pacing.redeem_posted(data, page=page, site_id=site.pk, client_key=client_key)
    _form_class, submit = filer_for(page)
    with transaction.atomic():
        return submit(page, site, form.answers())


def answer_saved(question: Question, user) -> None:
    """After staff save a question: date a first answer and, when the asker left an
    e-mail, tell them once the answer is committed."""
    if question.record_answer(user):
        question.save(update_fields=["answered_at", "answered_by"])
        if question.email:
            transaction.on_commit(
                lambda: tasks.tell_asker_answered.enqueue(question.pk)
            )


def form_view(page, request):
    """GET: the page with the empty form. POST: a new captcha (keeping what was
    typed), or the filing, answered with the thanks page or the form with its errors
    next to the fields."""
    form_class, _submit = filer_for(page)
    url_base = page.get_url(request)
    if request.method != "POST":
        return render_form(page, request, form_class(captcha_url_base=url_base))
    if REFRESH_FIELD in request.POST:
        kept = form_class(initial=request.POST.dict(), captcha_url_base=url_base)
        return render_form(page, request, kept, refreshed=True)
    form = form_class(request.POST, captcha_url_base=url_base)
    site = page.get_site_for(request)
    client_key = throttle.client_key(request.META)
    try:
        record = file_answers(page, site, form, request.POST, client_key)
    except FILING_REFUSALS as refusal:
        return refused_form_page(
            refusal, form, functools.partial(render_form, page, request)
        )
    return page.render(
        request, template=page.thanks_template, context_overrides={"record": record}
    )


def render_form(page, request, form, *, refreshed=False, throttled=False, status=200):
    site = page.get_site_for(request)
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "pace": pacing.issue_for_page(
                page, site.pk, throttle.client_key(request.META)
            ),
            "refreshed": refreshed,
            "throttled": throttled,
        },
    )
    response.status_code = status
    return response
