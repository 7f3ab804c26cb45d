"""A trainee's grade for a quiz, kept in one QuizResult row that lesson
completion and certificates read."""

from decimal import Decimal

from django.db import transaction

from learning.signals import lesson_activity_completed

from ..grading import PERCENT_PLACES
from ..models import Attempt, AttemptStatus, GradingMethod, Quiz, QuizResult
from ..signals import quiz_attempt_graded


def _result_values(attempts: list[Attempt]) -> dict | None:
    """The grade from the closed attempts (by number) according to the
    grading method frozen in the most recent one."""
    if not attempts:
        return None
    graded = [a for a in attempts if a.status == AttemptStatus.GRADED]
    method = attempts[-1].grading_method
    chosen = None
    if method == GradingMethod.FIRST:
        chosen = attempts[0] if attempts[0].status == AttemptStatus.GRADED else None
    elif method == GradingMethod.LAST:
        chosen = graded[-1] if graded else None
    elif method == GradingMethod.HIGHEST:
        chosen = max(graded, key=lambda a: (a.score_percent, -a.number)) if graded else None
    elif method == GradingMethod.AVERAGE and graded:
        average = (sum((a.score_percent for a in graded), Decimal("0")) / len(graded)).quantize(PERCENT_PLACES)
        latest = graded[-1]
        return {
            "attempt": None,
            "grading_method": method,
            "score_percent": average,
            "pass_mark_percent": latest.pass_mark_percent,
            "passed": average >= latest.pass_mark_percent,
            "graded_at": max(a.graded_at for a in graded),
            "attempts_graded": len(graded),
        }
    if chosen is None:
        return None
    return {
        "attempt": chosen,
        "grading_method": method,
        "score_percent": chosen.score_percent,
        "pass_mark_percent": chosen.pass_mark_percent,
        "passed": bool(chosen.passed),
        "graded_at": chosen.graded_at,
        "attempts_graded": len(graded),
    }


def _refresh(user, quiz_id: int) -> QuizResult | None:
    attempts = list(
        Attempt.objects.filter(user=user, quiz_id=quiz_id).exclude(status=AttemptStatus.IN_PROGRESS).order_by("number")
    )
    values = _result_values(attempts)
    results = QuizResult.objects.filter(user=user, quiz_id=quiz_id)
    if values is None:
        results.delete()
        return None
    # Update first: after the first attempt there is always a row, so this
    # is one query (the unique constraint guards the first creation).
    if not results.update(**values):
        return QuizResult.objects.create(user=user, quiz_id=quiz_id, **values)
    return QuizResult(user=user, quiz_id=quiz_id, **values)


def quiz_result_refresh(*, user, quiz: Quiz | int) -> QuizResult | None:
    """Recompute the trainee's result for ``quiz`` from their attempts."""
    with transaction.atomic():
        return _refresh(user, quiz if isinstance(quiz, int) else quiz.pk)


def attempt_graded_notify(*, attempt: Attempt) -> QuizResult | None:
    """Called inside the grading transaction once an attempt is fully
    graded: refresh the result, tell certificates, and tell learning when a
    quiz placed in a lesson is passed."""
    result = _refresh(attempt.user, attempt.quiz_id)
    quiz_attempt_graded.send(sender=Attempt, attempt=attempt, user=attempt.user, quiz_id=attempt.quiz_id)
    if result is not None and result.passed and attempt.lesson_id:
        lesson_activity_completed.send(sender=Attempt, user=attempt.user, lesson_id=attempt.lesson_id)
    return result
