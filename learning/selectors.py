"""Reads of learner state — the API other apps use (certificates, quizzes,
H5P, content templates). Nothing here writes.

Courses and lessons may be passed as pages (any locale: they are mapped to
their default-locale original) or as ids of the default-locale pages.

Completion
    ``course_completion(user=, course=) -> CourseCompletion``
    ``course_completions(users=, course=) -> {user_id: CourseCompletion}``
    (one query for any number of users; users not enrolled are
    ``enrolled=False``). ``CourseCompletion.completed_at`` is the moment the
    server decided the course was complete (also sent as ``course_completed``).

Enrolments
    ``enrollment_get(user=, course=)``, ``is_enrolled(user=, course=)``,
    ``enrollments_for_user(user=)``, ``enrollments_for_course(course=, completed=None)``.

Cohorts
    ``cohort_get(cohort_id=)`` (with trainers), ``cohorts_for_course(course=)``
    and ``cohorts_with_people(cohorts)`` (trainers and trainees prefetched:
    ``cohort.trainers.all()`` and ``cohort.trainees`` cost no more queries),
    ``cohort_trainee_ids(cohort=)``, ``cohort_of(user=, course=)``.

Lessons and structure
    ``lesson_progress_for(user=, lessons=)`` and ``course_outline`` /
    ``course_state`` (re-exported from ``learning.outline``).

Pages in the reader's language
    ``localized_pages(page_ids, language=None)``, ``page_in_language(page, language)``.

Inactivity
    ``inactivity_days()``, ``inactive_filter(days)``, ``enrollments_to_remind()``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from .models import Cohort, CohortMembership, Enrollment, LessonProgress
from .outline import CourseOutline, CourseState, course_outline, course_outlines, course_state  # noqa: F401


def page_id(page_or_id) -> int:
    """The id of the default-locale page for a page (any locale) or an id."""
    if isinstance(page_or_id, int):
        return page_or_id
    canonical = getattr(page_or_id, "canonical_page", page_or_id)
    return canonical.pk


def _user_id(user_or_id) -> int:
    return user_or_id if isinstance(user_or_id, int) else user_or_id.pk


# --- Completion ------------------------------------------------------------


@dataclass(frozen=True)
class CourseCompletion:
    user_id: int
    course_id: int
    enrolled: bool
    progress: float = 0.0
    completed_at: datetime | None = None
    enrolled_at: datetime | None = None

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


def course_completions(*, users: Iterable, course) -> dict[int, CourseCompletion]:
    course_id = page_id(course)
    user_ids = [_user_id(user) for user in users]
    found = {
        row["user_id"]: CourseCompletion(course_id=course_id, enrolled=True, **row)
        for row in Enrollment.objects.filter(course_id=course_id, user_id__in=user_ids).values(
            "user_id", "progress", "completed_at", "enrolled_at"
        )
    }
    return {
        user_id: found.get(user_id) or CourseCompletion(user_id=user_id, course_id=course_id, enrolled=False)
        for user_id in user_ids
    }


def course_completion(*, user, course) -> CourseCompletion:
    return course_completions(users=[user], course=course)[_user_id(user)]


# --- Enrolments ------------------------------------------------------------


def enrollment_get(*, user, course) -> Enrollment | None:
    if not getattr(user, "is_authenticated", True):
        return None
    return Enrollment.objects.filter(user_id=_user_id(user), course_id=page_id(course)).first()


def is_enrolled(*, user, course) -> bool:
    if not getattr(user, "is_authenticated", True):
        return False
    return Enrollment.objects.filter(user_id=_user_id(user), course_id=page_id(course)).exists()


def enrollments_for_user(*, user) -> QuerySet[Enrollment]:
    """The user's enrolments, newest first, with course page and cohort."""
    return Enrollment.objects.filter(user_id=_user_id(user)).select_related("course", "membership__cohort")


def enrollments_for_course(*, course, completed: bool | None = None) -> QuerySet[Enrollment]:
    queryset = Enrollment.objects.filter(course_id=page_id(course)).select_related("user", "membership__cohort")
    if completed is not None:
        queryset = queryset.filter(completed_at__isnull=not completed)
    return queryset


# --- Cohorts ---------------------------------------------------------------


def cohorts_with_people(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    """Prefetch trainers and trainees: ``cohort.trainers.all()`` and
    ``cohort.trainees`` (a list of users) then cost no query."""
    memberships = CohortMembership.objects.select_related("enrollment__user").order_by("joined_at")
    return cohorts.prefetch_related("trainers", Prefetch("memberships", queryset=memberships, to_attr="_memberships"))


def cohort_get(*, cohort_id: int) -> Cohort | None:
    return cohorts_with_people(Cohort.objects.filter(pk=cohort_id).select_related("course")).first()


def cohorts_for_course(*, course) -> QuerySet[Cohort]:
    return cohorts_with_people(Cohort.objects.filter(course_id=page_id(course)).select_related("course"))


def cohort_trainee_ids(*, cohort) -> list[int]:
    return list(
        CohortMembership.objects.filter(cohort=cohort).order_by("joined_at").values_list("enrollment__user_id", flat=True)
    )


def cohort_of(*, user, course) -> Cohort | None:
    """The cohort in which ``user`` follows ``course``, if any."""
    membership = (
        CohortMembership.objects.filter(enrollment__user_id=_user_id(user), enrollment__course_id=page_id(course))
        .select_related("cohort")
        .first()
    )
    return membership.cohort if membership else None


# --- Lessons -----------------------------------------------------------------


def lesson_progress_for(*, user, lessons: Iterable) -> dict[int, LessonProgress]:
    """{lesson_id: LessonProgress} for the lessons the user has opened."""
    lesson_ids = [page_id(lesson) for lesson in lessons]
    rows = LessonProgress.objects.filter(enrollment__user_id=_user_id(user), lesson_id__in=lesson_ids)
    return {row.lesson_id: row for row in rows}


def completed_lesson_ids(*, enrollment: Enrollment) -> set[int]:
    return set(
        LessonProgress.objects.filter(enrollment=enrollment, status="completed").values_list("lesson_id", flat=True)
    )


def enrollment_state(*, enrollment: Enrollment, outline: CourseOutline | None = None) -> CourseState:
    """The rules applied to one enrolment (3 queries without an outline)."""
    outline = outline or course_outline(enrollment.course)
    return course_state(outline, completed_lesson_ids(enrollment=enrollment))


# --- Pages in the reader's language ----------------------------------------------


def localized_pages(page_ids: Iterable[int], language: str | None = None) -> dict[int, Page]:
    """{default-locale page id: its live translation in ``language`` (the
    active language by default), or the page itself} — two queries for any
    number of pages. Generic ``Page`` objects: enough for titles and URLs."""
    language = language or get_language() or settings.LANGUAGE_CODE
    originals = {page.pk: page for page in Page.objects.filter(pk__in=set(page_ids))}
    if not originals or language == settings.LANGUAGE_CODE:
        return originals
    translations = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[page.translation_key for page in originals.values()],
            locale__language_code=language,
            live=True,
        )
    }
    return {pk: translations.get(page.translation_key, page) for pk, page in originals.items()}


def page_in_language(page, language: str):
    """The live translation of ``page`` in ``language`` (specific), or the page."""
    translation = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=language, live=True)
        .specific()
        .first()
    )
    return translation or page


# --- Inactivity --------------------------------------------------------------------


def inactivity_days() -> int:
    """After how many quiet days a trainee is "inactive" (reminder e-mail,
    trainer's filter default). Setting: LEARNING_INACTIVITY_DAYS."""
    return int(getattr(settings, "LEARNING_INACTIVITY_DAYS", 14))


def inactive_filter(days: int, now=None) -> Q:
    """Enrolments not completed with no activity (or, never started, no
    enrolment) in the last ``days`` days."""
    threshold = (now or timezone.now()) - timedelta(days=days)
    return Q(completed_at__isnull=True) & (
        Q(last_activity_at__lt=threshold) | Q(last_activity_at__isnull=True, enrolled_at__lt=threshold)
    )


def enrollments_to_remind(*, days: int | None = None) -> QuerySet[Enrollment]:
    """Inactive enrolments not yet reminded since their last activity."""
    days = days or inactivity_days()
    return Enrollment.objects.filter(inactive_filter(days), user__is_active=True, course__live=True).filter(
        Q(inactivity_reminded_at__isnull=True)
        | Q(inactivity_reminded_at__lt=Coalesce(F("last_activity_at"), F("enrolled_at")))
    )
