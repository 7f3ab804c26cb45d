"""Errors the learning services raise. Each carries a translated message a
person can read (views show it as is) and a stable ``code`` tests and
callers can branch on. A service that raises has changed nothing."""

from django.core.exceptions import PermissionDenied


class LearningError(Exception):
    code = "error"

    def __init__(self, message, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self):
        return str(self.message)


class EnrollmentError(LearningError):
    """Enrolment refused: closed course, missing prerequisite, unpublished course."""


class CohortError(LearningError):
    """Joining or changing a cohort refused: invalid, expired or full
    invitation, already in another cohort of the course, cohort ended."""


class NominationError(LearningError):
    """A nomination refused or already decided."""


class LessonUnavailable(LearningError):
    """The trainee may not act on this lesson (not enrolled, locked)."""


class LearningPermissionDenied(PermissionDenied):
    """Raised by ``learning.permissions.ensure``; Django answers 403."""
