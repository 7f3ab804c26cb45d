"""What the trainee's pages show, assembled from selectors in a fixed number
of queries (the lesson panel, the course panel, "My learning"). Reads only."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from cms.models import CoursePage

from .models import Enrollment, LessonProgress, LessonStatus
from .outline import CourseState, LessonItem, ModuleState, course_outlines, course_state
from .permissions import AccessReason, LessonAccess
from .requirements import requirements_for
from .selectors import enrollments_for_user, localized_pages


def lesson_panel_context(request, page, access: LessonAccess) -> dict:
    state, progress, lesson = access.state, access.progress, access.lesson
    module_state = None
    requirements = []
    if state is not None:
        module = state.outline.module_for_lesson(lesson.pk)
        module_state = state.module_state(module.id) if module else None
    if access.enrollment is not None:
        requirements = requirements_for(request.user, [lesson]).get(lesson.pk, [])
    return {
        "access": access,
        "preview": access.is_preview,
        "locked": access.reason == AccessReason.LOCKED,
        "lesson": lesson,
        "state": state,
        "module_state": module_state,
        "progress": progress,
        "completed": bool(progress and progress.status == LessonStatus.COMPLETED),
        "finished": bool(progress and progress.finished_at),
        "requirements": requirements,
        "unmet": [requirement for requirement in requirements if not requirement.met],
        "next_url": request.get_full_path(),
        "start_url": reverse("learning:lesson_start", args=[lesson.pk]),
        "complete_url": reverse("learning:lesson_complete", args=[lesson.pk]),
        "time_url": reverse("learning:lesson_time", args=[lesson.pk]),
        # How long the end of the lesson must stay in view before the script
        # counts it as read: a tenth of the estimated time, 5 s to 1 min.
        "read_seconds": max(5, min(60, (lesson.estimated_minutes or 0) * 6)),
    }


@dataclass
class ModuleView:
    state: ModuleState
    title: str
    url: str
    locked_by_title: str = ""


@dataclass
class CourseView:
    """One course as the trainee sees it (My learning, the course page)."""

    course: CoursePage
    title: str
    url: str
    enrollment: Enrollment | None = None
    state: CourseState | None = None
    modules: list[ModuleView] = field(default_factory=list)
    continue_title: str = ""
    continue_url: str = ""
    cohort_name: str = ""
    deadline: object = None

    @property
    def overdue(self) -> bool:
        return bool(self.deadline and not self.completed and self.deadline < timezone.localdate())

    @property
    def completed(self) -> bool:
        return bool(self.enrollment and self.enrollment.completed_at)


def _continue_lesson(enrollment: Enrollment, state: CourseState) -> LessonItem | None:
    """Where the trainee left off: the last lesson opened while it is not
    completed and not locked, else the next lesson to do."""
    last = state.outline.lesson(enrollment.last_lesson_id) if enrollment.last_lesson_id else None
    if last and last.id not in state.completed_lesson_ids and not state.lesson_locked_by(last.id):
        return last
    return state.next_lesson()


def course_views(request, enrollments: list[Enrollment]) -> list[CourseView]:
    """Views of many enrolments in a number of queries that does not depend
    on how many courses, modules or lessons there are (outlines: 2, lesson
    rows: 1, translated titles: 2)."""
    courses = [enrollment.course for enrollment in enrollments]
    outlines = course_outlines(courses)
    completed: dict[int, set[int]] = {enrollment.pk: set() for enrollment in enrollments}
    for enrollment_id, lesson_id in LessonProgress.objects.filter(
        enrollment__in=enrollments, status=LessonStatus.COMPLETED
    ).values_list("enrollment_id", "lesson_id"):
        completed[enrollment_id].add(lesson_id)

    states, continues = {}, {}
    for enrollment in enrollments:
        state = course_state(outlines[enrollment.course_id], completed[enrollment.pk])
        states[enrollment.pk] = state
        continues[enrollment.pk] = _continue_lesson(enrollment, state)
    page_ids = {course.pk for course in courses}
    for state in states.values():
        page_ids.update(module.id for module in state.outline.modules)
    page_ids.update(lesson.id for lesson in continues.values() if lesson)
    pages = localized_pages(page_ids)

    def title(page_id):
        return pages[page_id].title if page_id in pages else ""

    def url(page_id):
        return (pages[page_id].get_url(request) or "") if page_id in pages else ""

    views = []
    for enrollment in enrollments:
        state = states[enrollment.pk]
        cohort = getattr(getattr(enrollment, "membership", None), "cohort", None)
        lesson = continues[enrollment.pk]
        views.append(
            CourseView(
                course=enrollment.course,
                title=title(enrollment.course_id),
                url=url(enrollment.course_id),
                enrollment=enrollment,
                state=state,
                modules=[
                    ModuleView(
                        state=module_state,
                        title=title(module_state.module.id),
                        url=url(module_state.module.id),
                        locked_by_title=title(module_state.locked_by.id) if module_state.locked_by else "",
                    )
                    for module_state in state.modules
                ],
                continue_title=title(lesson.id) if lesson else "",
                continue_url=url(lesson.id) if lesson else "",
                cohort_name=cohort.display_name() if cohort else "",
                deadline=cohort.ends_on if cohort else None,
            )
        )
    return views


def course_panel_context(request, page) -> dict:
    """The course page's learner panel: enrol, or progress and modules."""
    from .services.enrollment import canonical_course

    course = canonical_course(page)
    context = {"course": course, "page": page, "enroll_url": reverse("learning:enroll", args=[course.pk])}
    user = request.user
    if not user.is_authenticated:
        return context
    enrollment = enrollments_for_user(user=user).filter(course=course).first()
    if enrollment is None:
        context["prerequisite_missing"] = _prerequisite_title(user, course)
        return context
    context["view"] = course_views(request, [enrollment])[0]
    return context


def _prerequisite_title(user, course: CoursePage) -> str:
    """The (translated) title of the prerequisite course still to complete, or ""."""
    from .errors import EnrollmentError
    from .services.enrollment import prerequisite_check

    try:
        prerequisite_check(user=user, course=course)
    except EnrollmentError as error:
        return error.message
    return ""


def my_learning_context(request) -> dict:
    enrollments = list(enrollments_for_user(user=request.user))
    views = course_views(request, enrollments)
    return {
        "in_progress": [view for view in views if not view.completed],
        "completed": [view for view in views if view.completed],
        "open_courses": open_courses(request, exclude=[enrollment.course_id for enrollment in enrollments]),
    }


def open_courses(request, *, exclude=(), limit: int = 20) -> list[dict]:
    """Courses a trainee may enrol in on their own, in the active language
    (two queries)."""
    originals = list(
        CoursePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, enrollment_open=True)
        .exclude(pk__in=list(exclude))
        .order_by("path")[:limit]
    )
    language = get_language() or settings.LANGUAGE_CODE
    translated = {}
    if originals and language != settings.LANGUAGE_CODE:
        translated = {
            page.translation_key: page
            for page in CoursePage.objects.live().filter(
                translation_key__in=[course.translation_key for course in originals], locale__language_code=language
            )
        }
    items = []
    for course in originals:
        shown = translated.get(course.translation_key, course)
        items.append(
            {
                "course": course,
                "title": shown.title,
                "summary": shown.summary,
                "url": shown.get_url(request),
                "enroll_url": reverse("learning:enroll", args=[course.pk]),
            }
        )
    return items
