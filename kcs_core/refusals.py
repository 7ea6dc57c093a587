"""How a page answers a filing its service refused, alike for every form with a
human check (tips, questions, opinions). The JSON API's answer to the same refusals
is :func:`kcs_core.api.refusal_error`."""

from kcs_core.pacing import PaceRefused
from kcs_core.throttle import FormRefused, TooManyAttempts, say_when_to_retry

#: What a service refuses a human-checked filing with.
FILING_REFUSALS = (TooManyAttempts, FormRefused, PaceRefused)


def refused_form_page(refusal: Exception, form, render_form):
    """The :class:`~kcs_core.captcha.HumanCheckForm` page again, with what was
    typed, for ``refusal`` (one of
    :data:`FILING_REFUSALS`): 429 past the client's hourly limit of refused forms,
    the pace refusal's message and status, or 400 with the form's errors.
    ``render_form(form, *, throttled=False, status=200)`` renders the page."""
    if isinstance(refusal, TooManyAttempts):
        return say_when_to_retry(render_form(form, throttled=True, status=429))
    if isinstance(refusal, PaceRefused):
        form.add_error(None, refusal.message)
        if refusal.code == "replayed":
            form.forget_spent_checks()
        return render_form(form, status=refusal.status_code)
    return render_form(form, status=400)
