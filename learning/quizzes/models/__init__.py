from .attempt import Attempt, AttemptEvent, AttemptEventKind, AttemptQuestion, AttemptStatus, CloseReason, QuizResult
from .bank import (
    CHOICE_TYPES,
    MANUALLY_GRADED_TYPES,
    MultipleScoring,
    Question,
    QuestionCategory,
    QuestionOption,
    QuestionType,
    RubricCriterion,
    TaggedQuestion,
)
from .quiz import FeedbackTiming, GradingMethod, Quiz, QuizKind, QuizSlot

__all__ = [
    "Attempt",
    "AttemptEvent",
    "AttemptEventKind",
    "AttemptQuestion",
    "AttemptStatus",
    "CHOICE_TYPES",
    "CloseReason",
    "FeedbackTiming",
    "GradingMethod",
    "MANUALLY_GRADED_TYPES",
    "MultipleScoring",
    "Question",
    "QuestionCategory",
    "QuestionOption",
    "QuestionType",
    "Quiz",
    "QuizKind",
    "QuizResult",
    "QuizSlot",
    "RubricCriterion",
    "TaggedQuestion",
]
