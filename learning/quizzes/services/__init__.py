"""Writes of the quiz app. Each service is ``<entity>_<action>(*, …)`` and
runs inside ``transaction.atomic``."""

from .attempts import (
    attempt_answers_save,
    attempt_close_if_overdue,
    attempt_draw,
    attempt_start,
    attempt_submit,
)
from .grading import attempt_essay_grade
from .results import quiz_result_refresh

__all__ = [
    "attempt_answers_save",
    "attempt_close_if_overdue",
    "attempt_draw",
    "attempt_essay_grade",
    "attempt_start",
    "attempt_submit",
    "quiz_result_refresh",
]
