"""A course's structure as the learning rules see it, and the rules themselves.

``course_outlines(courses)`` reads the live modules and lessons of any number
of courses in two queries (module order is the page-tree order).
``course_state(outline, completed_lesson_ids)`` is a pure function that
applies the completion and sequencing rules:

- a module is complete when all its *required* lessons
  (``LessonPage.required_for_completion``) are complete; a module without
  required lessons never holds anyone back;
- a module with ``requires_previous`` is locked until the module before it
  is complete;
- a course is complete when it has at least one required lesson and every
  module is complete; its progress is the share of required lessons done.

Everything that decides access or completion (permissions, services,
dashboards) goes through these two functions, so the rules live here once.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from wagtail.models import Page

from cms.models import CoursePage, LessonPage, ModulePage

STEPLEN = Page.steplen


def parent_path(path: str) -> str:
    return path[:-STEPLEN]


@dataclass(frozen=True)
class LessonItem:
    id: int
    title: str
    path: str
    module_id: int
    required: bool
    estimated_minutes: int


@dataclass(frozen=True)
class ModuleItem:
    id: int
    title: str
    path: str
    position: int  # 1-based, in page-tree order
    requires_previous: bool
    lessons: tuple[LessonItem, ...] = ()

    @property
    def required_lessons(self) -> tuple[LessonItem, ...]:
        return tuple(lesson for lesson in self.lessons if lesson.required)


@dataclass(frozen=True)
class CourseOutline:
    course_id: int
    path: str
    modules: tuple[ModuleItem, ...] = ()

    @cached_property
    def _module_by_lesson(self) -> dict[int, ModuleItem]:
        return {lesson.id: module for module in self.modules for lesson in module.lessons}

    @cached_property
    def lessons(self) -> tuple[LessonItem, ...]:
        return tuple(lesson for module in self.modules for lesson in module.lessons)

    @cached_property
    def required_lesson_ids(self) -> frozenset[int]:
        return frozenset(lesson.id for module in self.modules for lesson in module.required_lessons)

    def module_for_lesson(self, lesson_id: int) -> ModuleItem | None:
        return self._module_by_lesson.get(lesson_id)

    def lesson(self, lesson_id: int) -> LessonItem | None:
        module = self.module_for_lesson(lesson_id)
        return next((lesson for lesson in module.lessons if lesson.id == lesson_id), None) if module else None


def _under_any(paths: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def course_outlines(courses: Sequence[CoursePage]) -> dict[int, CourseOutline]:
    """Outlines of ``courses`` (canonical CoursePages), keyed by course id, in
    two queries whatever the number of courses, modules and lessons."""
    if not courses:
        return {}
    course_by_path = {course.path: course.pk for course in courses}
    under = _under_any(course_by_path)
    module_rows = (
        ModulePage.objects.live()
        .filter(under, depth__in={course.depth + 1 for course in courses})
        .order_by("path")
        .values_list("pk", "title", "path", "requires_previous")
    )
    lesson_rows = (
        LessonPage.objects.live()
        .filter(under, depth__in={course.depth + 2 for course in courses})
        .order_by("path")
        .values_list("pk", "title", "path", "required_for_completion", "estimated_minutes")
    )
    lessons_by_module_path: dict[str, list[tuple]] = {}
    for row in lesson_rows:
        lessons_by_module_path.setdefault(parent_path(row[2]), []).append(row)

    modules_by_course: dict[int, list[ModuleItem]] = {course.pk: [] for course in courses}
    for pk, title, path, requires_previous in module_rows:
        course_id = course_by_path.get(parent_path(path))
        if course_id is None:
            continue
        lessons = tuple(
            LessonItem(id=l_pk, title=l_title, path=l_path, module_id=pk, required=required, estimated_minutes=minutes)
            for l_pk, l_title, l_path, required, minutes in lessons_by_module_path.get(path, [])
        )
        siblings = modules_by_course[course_id]
        siblings.append(
            ModuleItem(
                id=pk, title=title, path=path, position=len(siblings) + 1, requires_previous=requires_previous, lessons=lessons
            )
        )
    return {
        course.pk: CourseOutline(course_id=course.pk, path=course.path, modules=tuple(modules_by_course[course.pk]))
        for course in courses
    }


def course_outline(course: CoursePage) -> CourseOutline:
    return course_outlines([course])[course.pk]


@dataclass(frozen=True)
class ModuleState:
    module: ModuleItem
    completed: int  # required lessons completed
    required: int
    locked_by: ModuleItem | None  # the module to finish first, when locked

    @property
    def complete(self) -> bool:
        return self.completed >= self.required

    @property
    def locked(self) -> bool:
        return self.locked_by is not None

    @property
    def progress(self) -> float:
        return self.completed / self.required if self.required else 1.0

    @property
    def percent(self) -> int:
        return int(round(self.progress * 100))


@dataclass(frozen=True)
class CourseState:
    outline: CourseOutline
    modules: tuple[ModuleState, ...]
    completed_lesson_ids: frozenset[int] = field(default_factory=frozenset)

    @cached_property
    def completed(self) -> int:
        return sum(state.completed for state in self.modules)

    @cached_property
    def required(self) -> int:
        return sum(state.required for state in self.modules)

    @property
    def progress(self) -> float:
        return self.completed / self.required if self.required else 0.0

    @property
    def percent(self) -> int:
        return int(round(self.progress * 100))

    @property
    def complete(self) -> bool:
        return self.required > 0 and all(state.complete for state in self.modules)

    def module_state(self, module_id: int) -> ModuleState | None:
        return next((state for state in self.modules if state.module.id == module_id), None)

    def lesson_locked_by(self, lesson_id: int) -> ModuleItem | None:
        module = self.outline.module_for_lesson(lesson_id)
        state = self.module_state(module.id) if module else None
        return state.locked_by if state else None

    def next_lesson(self) -> LessonItem | None:
        """Where to continue: the first lesson not yet completed in an
        unlocked module (required lessons first), else None."""
        fallback = None
        for state in self.modules:
            if state.locked:
                continue
            for lesson in state.module.lessons:
                if lesson.id in self.completed_lesson_ids:
                    continue
                if lesson.required:
                    return lesson
                fallback = fallback or lesson
        return fallback


def course_state(outline: CourseOutline, completed_lesson_ids: Iterable[int]) -> CourseState:
    """Apply the completion and sequencing rules (see the module docstring)."""
    completed_ids = frozenset(completed_lesson_ids)
    states: list[ModuleState] = []
    previous: ModuleState | None = None
    for module in outline.modules:
        required = module.required_lessons
        locked_by = previous.module if module.requires_previous and previous is not None and not previous.complete else None
        state = ModuleState(
            module=module,
            completed=sum(1 for lesson in required if lesson.id in completed_ids),
            required=len(required),
            locked_by=locked_by,
        )
        states.append(state)
        previous = state
    return CourseState(outline=outline, modules=tuple(states), completed_lesson_ids=completed_ids)
