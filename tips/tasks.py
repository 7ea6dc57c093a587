"""Background e-mail of the tip channel (django-tasks). Tasks take ids only."""

from django.conf import settings

from django_tasks import task

from kcs_core.mail import send_templated


@task()
def announce_handler_change(change_id: int) -> None:
    """Tell the site's handlers that a handler was added or removed."""
    from tips.handler_changes import announcement_recipients
    from tips.models import HandlerChange

    change = HandlerChange.objects.select_related("site").filter(pk=change_id).first()
    if change is None:
        return
    send_templated(
        "tips/emails/handler_change.txt",
        {"change": change, "site": change.site},
        announcement_recipients(change),
        settings.LANGUAGE_CODE,
    )
