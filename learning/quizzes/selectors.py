"""Reads of the quiz app, for its views and for other apps.

For certificates and learning (stable API):

- ``quiz_result_get(*, user, quiz)`` → ``QuizResult | None``: the trainee's
  grade for a quiz according to its grading method (highest, last, average
  or first attempt), with ``score_percent`` (Decimal 0–100), ``passed``
  (bool, against the pass mark frozen in the attempts), ``graded_at``
  (datetime), ``attempt`` (the deciding attempt; None for an average) and
  ``attempts_graded``. None until an attempt is fully graded (essays waiting
  for a trainer do not count yet). One query.
- ``quiz_results_for_users(*, quiz, users)`` → ``{user_id: QuizResult}`` for
  many trainees in one query (users: ids or User objects).
- ``quiz_results_for_user(*, user, quizzes)`` → ``{quiz_id: QuizResult}``.
- ``course_final_exam_get(*, course)`` → the course's final exam (``Quiz``)
  or None; ``module_final_exams_get(*, course)`` → ``{module_id: Quiz}``.
  Courses and modules are their Arabic (canonical) pages or their ids.

Results change only inside the grading transaction, and
``learning.quizzes.signals.quiz_attempt_graded`` is sent each time.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Attempt, Quiz, QuizKind, QuizResult


def _pk(value) -> int:
    return value if isinstance(value, int) else value.pk


def quiz_result_get(*, user, quiz) -> QuizResult | None:
    return QuizResult.objects.filter(user_id=_pk(user), quiz_id=_pk(quiz)).first()


def quiz_results_for_users(*, quiz, users) -> dict[int, QuizResult]:
    user_ids = [_pk(user) for user in users]
    return {result.user_id: result for result in QuizResult.objects.filter(quiz_id=_pk(quiz), user_id__in=user_ids)}


def quiz_results_for_user(*, user, quizzes) -> dict[int, QuizResult]:
    quiz_ids = [_pk(quiz) for quiz in quizzes]
    return {result.quiz_id: result for result in QuizResult.objects.filter(user_id=_pk(user), quiz_id__in=quiz_ids)}


def course_final_exam_get(*, course) -> Quiz | None:
    return Quiz.objects.filter(course_id=_pk(course), kind=QuizKind.COURSE_EXAM).first()


def module_final_exams_get(*, course) -> dict[int, Quiz]:
    return {quiz.module_id: quiz for quiz in Quiz.objects.filter(course_id=_pk(course), kind=QuizKind.MODULE_EXAM)}


# --- For the quiz pages --------------------------------------------------------


def attempt_get(*, attempt_id: int) -> Attempt:
    """The attempt with its quiz (404 when it does not exist)."""
    return get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id)


def attempts_of(*, user, quiz) -> list[Attempt]:
    return list(Attempt.objects.filter(user_id=_pk(user), quiz_id=_pk(quiz)).order_by("number"))


def seconds_left(attempt: Attempt, now=None) -> int | None:
    """Whole seconds until the deadline (never negative), or None without one."""
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - (now or timezone.now())).total_seconds()))


def time_left(attempt: Attempt, now=None) -> dict:
    """``seconds_left`` and ``minutes_left`` (rounded up) for the timer."""
    seconds = seconds_left(attempt, now)
    return {"seconds_left": seconds, "minutes_left": None if seconds is None else -(-seconds // 60)}
