"""Who may see and do what in learning — decided here and nowhere else.

Lessons
    ``lesson_access(user, lesson, request=None) -> LessonAccess`` (``lesson``:
    a LessonPage in any locale, or the id of the default-locale one): may this
    user read this lesson, and if not, why (``AccessReason``: anonymous, not
    enrolled, locked module) with a translated message and the module to
    finish first. Staff (trainers, officers, administrators) may always
    preview. With ``request`` the answer is memoised for the request, so the
    page hook and the lesson panel share it. ``may_view_lesson(user, lesson)``
    is the yes/no form.

Enrolment
    ``is_enrolled(user, course)``.

Cohorts, trainees, reports
    ``may_create_cohort(user)`` — trainers and officers;
    ``may_view_cohort(user, cohort)`` — its trainers, officers, and
    association coordinators (who then see only their association's rows);
    ``may_manage_cohort(user, cohort)`` — its trainers and officers (edit,
    accept nominations, remove members);
    ``may_nominate(user, cohort)`` — coordinators with an association, while
    the cohort has not ended; ``may_decide_nomination(user, nomination)``;
    ``may_view_trainee(user, trainee)`` — the trainee, officers, trainers of
    one of the trainee's cohorts, the coordinator of the trainee's association;
    ``may_view_overview(user)`` — officers (national statistics);
    ``may_follow_association(user)`` — coordinators (their association's
    trainees and nominations); ``may_view_cohort_list(user)`` — trainers,
    officers and coordinators.

Scoping
    ``cohorts_visible_to(user)`` and ``memberships_visible_to(user, cohort)``
    are the querysets every list, grid and export starts from.

``ensure(allowed)`` raises ``LearningPermissionDenied`` (403) when False.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page

from accounts.roles import Role, user_has_role, user_is_staff_member
from cms.models import CoursePage, LessonPage

from .errors import LearningPermissionDenied
from .models import Cohort, CohortMembership, Enrollment, LessonProgress, LessonStatus, Nomination
from .outline import STEPLEN, CourseState, ModuleItem, course_outline, course_state
from .selectors import is_enrolled as _is_enrolled


def ensure(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise LearningPermissionDenied(message or _("You do not have access to this page."))


# --- Roles -------------------------------------------------------------------


def is_officer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user_has_role(user, Role.MINISTRY_OFFICER))


def is_trainer(user) -> bool:
    return user.is_authenticated and user_has_role(user, Role.TRAINER)


def is_coordinator(user) -> bool:
    return (
        user.is_authenticated
        and user.association_id is not None
        and user_has_role(user, Role.ASSOCIATION_COORDINATOR)
    )


def _trains(user, cohort: Cohort) -> bool:
    if not is_trainer(user):
        return False
    cached = getattr(cohort, "_prefetched_objects_cache", {}).get("trainers")
    if cached is not None:
        return any(trainer.pk == user.pk for trainer in cached)
    return cohort.trainers.filter(pk=user.pk).exists()


# --- Lessons -------------------------------------------------------------------


class AccessReason:
    ALLOWED = "allowed"
    STAFF_PREVIEW = "staff_preview"
    ANONYMOUS = "anonymous"
    NOT_ENROLLED = "not_enrolled"
    LOCKED = "locked"


@dataclass
class LessonAccess:
    allowed: bool
    reason: str
    message: str = ""
    lesson: LessonPage | None = None  # the canonical (default-locale) lesson
    course: CoursePage | None = None  # canonical
    enrollment: Enrollment | None = None
    state: CourseState | None = None
    progress: LessonProgress | None = None  # this lesson's row, if opened
    locked_by: ModuleItem | None = None  # the module to complete first

    @property
    def lesson_id(self) -> int | None:
        return self.lesson.pk if self.lesson else None

    @property
    def is_preview(self) -> bool:
        return self.reason == AccessReason.STAFF_PREVIEW


def localized_title(page_id: int) -> str:
    """The title of a page's translation in the active language (one query),
    falling back to the page's own title."""
    same_key = Page.objects.filter(pk=page_id).values("translation_key")
    titles = dict(
        Page.objects.filter(translation_key=Subquery(same_key)).values_list("locale__language_code", "title")
    )
    return titles.get(get_language()) or next(iter(titles.values()), "")


def _compute_lesson_access(user, lesson) -> LessonAccess:
    if not user.is_authenticated:
        return LessonAccess(False, AccessReason.ANONYMOUS, _("Log in to read this lesson."))
    lesson = LessonPage.objects.get(pk=lesson) if isinstance(lesson, int) else lesson.canonical_page
    course = CoursePage.objects.filter(path=lesson.path[: -2 * STEPLEN]).first()
    staff = user_is_staff_member(user)
    if course is None:  # a lesson outside the course tree: nothing to enforce
        return LessonAccess(True, AccessReason.ALLOWED, lesson=lesson)
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None:
        if staff:
            return LessonAccess(True, AccessReason.STAFF_PREVIEW, lesson=lesson, course=course)
        return LessonAccess(
            False,
            AccessReason.NOT_ENROLLED,
            _("Enrol in the course “%(course)s” to read its lessons.") % {"course": localized_title(course.pk)},
            lesson=lesson,
            course=course,
        )
    enrollment.course = course
    rows = {row.lesson_id: row for row in LessonProgress.objects.filter(enrollment=enrollment)}
    state = course_state(
        course_outline(course), [pk for pk, row in rows.items() if row.status == LessonStatus.COMPLETED]
    )
    access = LessonAccess(
        True, AccessReason.ALLOWED, lesson=lesson, course=course, enrollment=enrollment, state=state,
        progress=rows.get(lesson.pk),
    )
    locked_by = state.lesson_locked_by(lesson.pk)
    if locked_by is not None:
        access.locked_by = locked_by
        access.message = pgettext(
            "lesson locked", "This lesson is locked: complete module %(position)s, “%(title)s”, first."
        ) % {"position": locked_by.position, "title": localized_title(locked_by.id)}
        if staff:
            access.reason = AccessReason.STAFF_PREVIEW
        else:
            access.allowed, access.reason = False, AccessReason.LOCKED
    return access


def lesson_access(user, lesson, request=None) -> LessonAccess:
    if request is None:
        return _compute_lesson_access(user, lesson)
    memo = request.__dict__.setdefault("_learning_lesson_access", {})
    key = lesson if isinstance(lesson, int) else lesson.pk
    if key not in memo:
        memo[key] = _compute_lesson_access(user, lesson)
    return memo[key]


def lesson_access_forget(request) -> None:
    """Drop the memoised answers (after a change made during the request)."""
    request.__dict__.pop("_learning_lesson_access", None)


def may_view_lesson(user, lesson) -> bool:
    return lesson_access(user, lesson).allowed


def is_enrolled(user, course) -> bool:
    return _is_enrolled(user=user, course=course)


# --- Cohorts, trainees, reports ------------------------------------------------


def may_create_cohort(user) -> bool:
    return is_officer(user) or is_trainer(user)


def may_view_cohort(user, cohort: Cohort) -> bool:
    return is_officer(user) or is_coordinator(user) or _trains(user, cohort)


def may_manage_cohort(user, cohort: Cohort) -> bool:
    return is_officer(user) or _trains(user, cohort)


def may_nominate(user, cohort: Cohort | None = None) -> bool:
    if not is_coordinator(user):
        return False
    return cohort is None or not cohort.has_ended()


def may_decide_nomination(user, nomination: Nomination) -> bool:
    return may_manage_cohort(user, nomination.cohort)


def may_view_overview(user) -> bool:
    return is_officer(user)


def may_follow_association(user) -> bool:
    return is_coordinator(user)


def may_view_cohort_list(user) -> bool:
    return is_officer(user) or is_trainer(user) or is_coordinator(user)


def may_view_trainee(user, trainee) -> bool:
    if not user.is_authenticated:
        return False
    if user.pk == trainee.pk or is_officer(user):
        return True
    if is_coordinator(user) and trainee.association_id == user.association_id:
        return True
    return is_trainer(user) and Cohort.objects.filter(trainers=user, memberships__enrollment__user=trainee).exists()


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    if is_officer(user) or is_coordinator(user):
        return Cohort.objects.all()
    if is_trainer(user):
        return Cohort.objects.filter(pk__in=Cohort.trainers.through.objects.filter(user=user).values("cohort_id"))
    return Cohort.objects.none()


def memberships_visible_to(user, cohort: Cohort) -> QuerySet[CohortMembership]:
    memberships = CohortMembership.objects.filter(cohort=cohort)
    if may_manage_cohort(user, cohort):
        return memberships
    if is_coordinator(user):
        return memberships.filter(enrollment__user__association_id=user.association_id)
    return memberships.none()


def nominations_visible_to(user) -> QuerySet[Nomination]:
    if is_officer(user):
        return Nomination.objects.all()
    condition = Q(pk__in=[])
    if is_trainer(user):
        condition |= Q(cohort__trainers=user)
    if is_coordinator(user):
        condition |= Q(association_id=user.association_id)
    return Nomination.objects.filter(condition).distinct()
