"""Background e-mail of the ITA app (django-tasks, default backend). Tasks take ids
only, so no personal data sits in the task queue; callers enqueue them with
``transaction.on_commit``."""

from django_tasks import task

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
