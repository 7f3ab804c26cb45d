"""Lesson progress and its roll-up to modules and the course.

Reading a lesson is recorded by a POST (``lesson_start``), sent by a few
lines of JavaScript when the page loads and implied by every other lesson
POST: a GET must never change data (crawlers, prefetching, the back
button), so a trainee without JavaScript is "started" when they first mark
the lesson complete. ``lesson_time_record`` adds the time since the page was
opened, bounded so an abandoned tab does not count for hours.

A lesson is completed when the trainee has finished it (read to the end, or
pressed "mark complete") *and* every requirement an activity app reports
(``learning.requirements``) is met; ``lesson_completion_decide`` re-decides
when an activity app sends ``lesson_activity_completed``. Each completion
refreshes the roll-up (``enrollment_progress_refresh``), which sends
``course_completed`` once, inside the same transaction.
"""

from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import LessonPage

from ..errors import LessonUnavailable
from ..models import Enrollment, FinishedVia, LessonProgress, LessonStatus, ModuleProgress
from ..outline import CourseOutline, CourseState, course_outline, course_state
from ..permissions import AccessReason, LessonAccess, lesson_access
from ..requirements import Requirement, unmet_requirements
from ..selectors import completed_lesson_ids
from ..signals import course_completed

# A visit counts for at most this long (the tab may stay open all night).
VISIT_MAX_SECONDS = getattr(settings, "LEARNING_VISIT_MAX_SECONDS", 60 * 60)


@dataclass
class LessonResult:
    progress: LessonProgress
    state: CourseState
    unmet: list[Requirement] = field(default_factory=list)
    newly_completed: bool = False
    course_newly_completed: bool = False


def _actionable(user, lesson) -> LessonAccess:
    """Access for a change: enrolled and not locked (staff preview does not count)."""
    access = lesson_access(user, lesson)
    if access.enrollment is None:
        raise LessonUnavailable(access.message or _("You are not enrolled in this course."), code=AccessReason.NOT_ENROLLED)
    if access.locked_by is not None:
        raise LessonUnavailable(access.message, code=AccessReason.LOCKED)
    return access


def _touch(enrollment: Enrollment, lesson_id: int, now) -> None:
    enrollment.last_activity_at = now
    enrollment.last_lesson_id = lesson_id
    enrollment.save(update_fields=["last_activity_at", "last_lesson"])


def _progress_get_or_create(enrollment: Enrollment, lesson_id: int, now) -> tuple[LessonProgress, bool]:
    return LessonProgress.objects.get_or_create(
        enrollment=enrollment, lesson_id=lesson_id, defaults={"first_seen_at": now, "last_seen_at": now}
    )


def lesson_start(*, user, lesson) -> LessonProgress | None:
    """Record that the trainee opened the lesson. Staff previewing a course
    they are not enrolled in leave no trace (returns None)."""
    access = lesson_access(user, lesson)
    if access.is_preview and access.enrollment is None:
        return None
    access = _actionable(user, lesson)
    now = timezone.now()
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=access.enrollment.pk)
        progress, created = _progress_get_or_create(enrollment, access.lesson_id, now)
        if not created:
            progress.last_seen_at = now
            progress.save(update_fields=["last_seen_at"])
        _touch(enrollment, access.lesson_id, now)
    return progress


def lesson_time_record(*, user, lesson) -> int:
    """Add the time since the lesson was opened (bounded); returns seconds added."""
    access = _actionable(user, lesson)
    now = timezone.now()
    with transaction.atomic():
        progress = (
            LessonProgress.objects.select_for_update()
            .filter(enrollment=access.enrollment, lesson_id=access.lesson_id)
            .first()
        )
        if progress is None:
            return 0
        elapsed = (now - progress.last_seen_at).total_seconds()
        added = int(min(max(elapsed, 0), VISIT_MAX_SECONDS))
        progress.seconds_spent += added
        progress.last_seen_at = now
        progress.save(update_fields=["seconds_spent", "last_seen_at"])
        Enrollment.objects.filter(pk=access.enrollment.pk).update(last_activity_at=now)
    return added


def _complete_if_ready(progress: LessonProgress, user, lesson: LessonPage, now) -> tuple[list[Requirement], bool]:
    unmet = unmet_requirements(user, lesson)
    if progress.finished_at is None or unmet or progress.status == LessonStatus.COMPLETED:
        return unmet, False
    progress.status = LessonStatus.COMPLETED
    progress.completed_at = now
    return unmet, True


def lesson_complete(*, user, lesson, via: str = FinishedVia.BUTTON) -> LessonResult:
    """The trainee finished the lesson (pressed "mark complete" or read to
    the end). Completes it if its activities are done too. Idempotent: a
    second call (double click, JavaScript and button) changes nothing."""
    if via not in FinishedVia.values:
        via = FinishedVia.BUTTON
    access = _actionable(user, lesson)
    now = timezone.now()
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().select_related("course").get(pk=access.enrollment.pk)
        progress, _created = _progress_get_or_create(enrollment, access.lesson_id, now)
        fields = ["last_seen_at"]
        progress.last_seen_at = now
        if progress.finished_at is None:
            progress.finished_at, progress.finished_via = now, via
            fields += ["finished_at", "finished_via"]
        unmet, newly = _complete_if_ready(progress, user, access.lesson, now)
        if newly:
            fields += ["status", "completed_at"]
        progress.save(update_fields=fields)
        _touch(enrollment, access.lesson_id, now)
        result = LessonResult(progress=progress, state=access.state, unmet=unmet, newly_completed=newly)
        if newly:
            result.course_newly_completed, result.state = _refresh(enrollment, now=now)
    return result


def lesson_completion_decide(*, user, lesson_id: int) -> LessonResult | None:
    """An activity of the lesson was finished (``lesson_activity_completed``):
    record the activity and complete the lesson if it is now due."""
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        return None
    try:
        access = _actionable(user, lesson)
    except LessonUnavailable:
        return None  # outside an enrolment or in a locked module: nothing to decide
    now = timezone.now()
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().select_related("course").get(pk=access.enrollment.pk)
        progress, _created = _progress_get_or_create(enrollment, access.lesson_id, now)
        unmet, newly = _complete_if_ready(progress, user, access.lesson, now)
        if newly:
            progress.save(update_fields=["status", "completed_at"])
        _touch(enrollment, access.lesson_id, now)
        result = LessonResult(progress=progress, state=access.state, unmet=unmet, newly_completed=newly)
        if newly:
            result.course_newly_completed, result.state = _refresh(enrollment, now=now)
    return result


def _refresh(enrollment: Enrollment, *, now) -> tuple[bool, CourseState]:
    was_complete = enrollment.completed_at is not None
    state = enrollment_progress_refresh(enrollment=enrollment, now=now)
    # the refresh saved its own copy of the row: read back what it decided
    enrollment.refresh_from_db(fields=["progress", "lessons_completed", "lessons_required", "completed_at"])
    return (not was_complete and enrollment.completed_at is not None), state


def enrollment_progress_refresh(*, enrollment: Enrollment, outline: CourseOutline | None = None, now=None) -> CourseState:
    """Recompute the module rows and the course roll-up of one enrolment from
    its lesson rows. Completion, once reached, is a fact and stays (content
    added later lowers ``progress`` but not ``completed_at``). Sends
    ``course_completed`` the first time, inside the transaction: listeners
    enqueue their work with ``transaction.on_commit``."""
    from ..tasks import course_completed_email_send_task

    now = now or timezone.now()
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
        outline = outline or course_outline(enrollment.course)
        state = course_state(outline, completed_lesson_ids(enrollment=enrollment))
        _module_rows_sync(enrollment, state, now)

        enrollment.progress = state.progress
        enrollment.lessons_completed = state.completed
        enrollment.lessons_required = state.required
        fields = ["progress", "lessons_completed", "lessons_required"]
        newly_completed = state.complete and enrollment.completed_at is None
        if newly_completed:
            enrollment.completed_at = now
            fields.append("completed_at")
        enrollment.save(update_fields=fields)
        if newly_completed:
            course_completed.send(
                sender=Enrollment, user=enrollment.user, course_id=enrollment.course_id, completed_at=now
            )
            transaction.on_commit(partial(course_completed_email_send_task.delay, enrollment.pk))
    return state


_MODULE_ROLLUP_FIELDS = ("lessons_completed", "lessons_required", "progress", "completed_at")


def _module_rows_sync(enrollment: Enrollment, state: CourseState, now) -> None:
    existing = {row.module_id: row for row in ModuleProgress.objects.filter(enrollment=enrollment)}
    to_create, to_update = [], []
    for module_state in state.modules:
        row = existing.pop(module_state.module.id, None)
        completed_at = ((row.completed_at if row else None) or now) if module_state.complete else None
        values = dict(
            zip(
                _MODULE_ROLLUP_FIELDS,
                (module_state.completed, module_state.required, module_state.progress, completed_at),
                strict=True,
            )
        )
        if row is None:
            to_create.append(ModuleProgress(enrollment=enrollment, module_id=module_state.module.id, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_at = now
            to_update.append(row)
    if to_create:
        ModuleProgress.objects.bulk_create(to_create)
    if to_update:
        ModuleProgress.objects.bulk_update(to_update, [*_MODULE_ROLLUP_FIELDS, "updated_at"])
    if existing:  # modules unpublished or removed since
        ModuleProgress.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()

