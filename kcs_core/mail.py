"""E-mail written from templates: the first line of the rendered template is the
subject, the rest the body, in the language of whoever it is for."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_templated(
    template: str, context: dict, recipients: list[str], language: str
) -> None:
    """Render ``template`` in ``language`` and send it to ``recipients`` (nothing
    is sent when the list is empty)."""
    if not recipients:
        return
    with translation.override(language):
        subject, _sep, body = (
            render_to_string(template, context).strip().partition("\n")
        )
    send_mail(subject.strip(), body.strip(), None, recipients)
