"""Every change to learner state goes through these functions (views,
tasks and signal receivers stay thin). Each runs in a transaction and
raises a ``learning.errors.LearningError`` with a translated message when
the change is refused, having changed nothing."""

from .cohorts import (
    cohort_create,
    cohort_invitation_renew,
    cohort_join,
    cohort_member_add,
    cohort_member_remove,
    cohort_update,
    nomination_accept,
    nomination_create,
    nomination_decline,
)
from .enrollment import canonical_course, enrollment_create, prerequisite_check
from .progress import (
    LessonResult,
    enrollment_progress_refresh,
    lesson_complete,
    lesson_completion_decide,
    lesson_start,
    lesson_time_record,
)

__all__ = [
    "LessonResult",
    "canonical_course",
    "cohort_create",
    "cohort_invitation_renew",
    "cohort_join",
    "cohort_member_add",
    "cohort_member_remove",
    "cohort_update",
    "enrollment_create",
    "enrollment_progress_refresh",
    "lesson_complete",
    "lesson_completion_decide",
    "lesson_start",
    "lesson_time_record",
    "nomination_accept",
    "nomination_create",
    "nomination_decline",
    "prerequisite_check",
]
