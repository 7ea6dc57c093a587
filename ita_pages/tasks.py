"""Background e-mail of the ITA app (django-tasks, default backend). Tasks take ids
only, so no personal data sits in the task queue; callers enqueue them with
``transaction.on_commit``."""

from django_tasks import task

from ita_pages.models.circulars import Circular
from ita_pages.models.participation import Question
from kcs_core.mail import send_templated


@task()
def tell_asker_answered(question_id: int) -> None:
    """Tell the asker, in the board's language, that their question is answered and
    where to read it (a question kept off the board is answered by e-mail only
    through staff, so its answer is not sent here either)."""
    question = (
        Question.objects.select_related("board", "board__locale")
        .filter(pk=question_id, published=True)
        .exclude(email="")
        .first()
    )
    if question is None or question.board is None:
        return
    board = question.board
    send_templated(
        "ita_pages/email/question_answered.txt",
        {"question": question, "board_url": board.get_full_url()},
        [question.email],
        board.locale.language_code,
    )


@task()
def send_circular(circular_id: int, pending_only: bool = False) -> None:
    """E-mail a circular (or, with ``pending_only``, a reminder) to its staff, each
    with their own link: admin users to the circular in the admin, staff without an
    account to their signed one-time link."""
    circular = (
        Circular.objects.select_related("announcement__locale", "site")
        .filter(pk=circular_id)
        .first()
    )
    if circular is None:
        return
    recipients = circular.recipients.exclude(email="")
    if pending_only:
        recipients = recipients.filter(acknowledged_at__isnull=True)
    announcement = circular.announcement.specific
    for recipient in recipients:
        send_templated(
            "ita_pages/email/circular.txt",
            {
                "circular": circular,
                "recipient": recipient,
                "reminder": pending_only,
                "announcement_url": announcement.get_full_url(),
                "acknowledge_url": recipient.link_url(),
            },
            [recipient.email],
            announcement.locale.language_code,
        )
