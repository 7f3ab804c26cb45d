"""Enrolling in a course."""

from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import CoursePage

from ..errors import EnrollmentError
from ..models import Enrollment, EnrollmentSource
from ..permissions import localized_title


def canonical_course(course) -> CoursePage:
    """The default-locale CoursePage for a page (any locale) or an id."""
    if isinstance(course, int):
        course = CoursePage.objects.get(pk=course)
    return course.specific.canonical_page


def prerequisite_check(*, user, course: CoursePage) -> None:
    """Raise when ``course`` requires another course the user has not completed."""
    if course.prerequisite_id is None:
        return
    prerequisite = canonical_course(course.prerequisite_id)
    if not Enrollment.objects.filter(user=user, course=prerequisite, completed_at__isnull=False).exists():
        raise EnrollmentError(
            _("Complete the course “%(course)s” before starting this one.") % {"course": localized_title(prerequisite.pk)},
            code="prerequisite",
        )


def enrollment_get_or_create(*, user, course: CoursePage, source: str) -> tuple[Enrollment, bool]:
    """The enrolment of ``user`` in ``course`` (canonical), created if
    needed after the checks every path shares (published course,
    prerequisite). Call inside a transaction."""
    existing = Enrollment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing, False
    if not course.live:
        raise EnrollmentError(_("This course is not available."), code="not_live")
    prerequisite_check(user=user, course=course)
    # get_or_create + the unique constraint: two clicks, one row.
    enrollment, created = Enrollment.objects.get_or_create(user=user, course=course, defaults={"source": source})
    if created:
        from ..tasks import enrollment_confirmation_send_task
        from .progress import enrollment_progress_refresh

        enrollment_progress_refresh(enrollment=enrollment)
        transaction.on_commit(partial(enrollment_confirmation_send_task.delay, enrollment.pk))
    return enrollment, created


def enrollment_create(*, user, course, source: str = EnrollmentSource.SELF) -> tuple[Enrollment, bool]:
    """Enrol ``user`` in ``course`` on their own. Returns ``(enrollment,
    created)``; enrolling twice returns the first enrolment. Courses with
    closed enrolment are joined through a cohort instead."""
    course = canonical_course(course)
    with transaction.atomic():
        if source == EnrollmentSource.SELF and not course.enrollment_open:
            if not Enrollment.objects.filter(user=user, course=course).exists():
                raise EnrollmentError(
                    _("This course is followed in cohorts: ask your trainer or association for an invitation code."),
                    code="closed",
                )
        return enrollment_get_or_create(user=user, course=course, source=source)
