"""Reads of the content tree for the pages people see.

``course_contents(course, request)`` — a course's live modules and lessons,
in tree order, with their URLs and estimated times: a fixed number of
queries however many modules and lessons there are.

``lesson_navigation(lesson, request)`` — the same outline seen from one
lesson: its course and module, the previous and next lessons (across
module boundaries) and the position of the lesson in the course.

Both work on the page's own locale tree, so a French lesson links to French
lessons. Who may read a lesson is decided by ``learning.permissions``.
"""

from dataclasses import dataclass, field

from wagtail.models import Page

from .models import CoursePage, LessonPage, ModulePage

STEPLEN = Page.steplen


@dataclass
class OutlineLesson:
    id: int
    title: str
    url: str
    estimated_minutes: int
    required: bool
    is_current: bool = False


@dataclass
class OutlineModule:
    id: int
    title: str
    url: str
    summary: str
    position: int
    lessons: list[OutlineLesson] = field(default_factory=list)
    is_current: bool = False

    @property
    def estimated_minutes(self) -> int:
        return sum(lesson.estimated_minutes for lesson in self.lessons)


@dataclass
class CourseContents:
    modules: list[OutlineModule]

    @property
    def lessons(self) -> list[OutlineLesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    @property
    def estimated_minutes(self) -> int:
        return sum(module.estimated_minutes for module in self.modules)


@dataclass
class LessonNavigation:
    course: CoursePage | None
    contents: CourseContents
    module: OutlineModule | None
    previous: OutlineLesson | None
    next: OutlineLesson | None
    position: int  # 1-based place of the lesson in the course
    total: int


def _live_children(queryset, parent_path: str, depth: int):
    return (
        queryset.live()
        .public()
        .filter(path__startswith=parent_path, depth=depth)
        .select_related("locale")
        .order_by("path")
    )


def course_contents(course: CoursePage, request=None, *, current_lesson_id: int | None = None) -> CourseContents:
    """Modules and lessons of ``course`` (three queries, plus one for the
    site's root paths the first time in a request)."""
    module_pages = _live_children(ModulePage.objects.all(), course.path, course.depth + 1).only(
        "id", "title", "slug", "path", "depth", "url_path", "locale", "summary"
    )
    lesson_pages = (
        _live_children(LessonPage.objects.all(), course.path, course.depth + 2)
        .defer_streamfields()
        .only("id", "title", "slug", "path", "depth", "url_path", "locale", "estimated_minutes", "required_for_completion")
    )
    lessons_by_module_path: dict[str, list[OutlineLesson]] = {}
    for lesson in lesson_pages:
        lessons_by_module_path.setdefault(lesson.path[:-STEPLEN], []).append(
            OutlineLesson(
                id=lesson.pk,
                title=lesson.title,
                url=lesson.get_url(request) or "",
                estimated_minutes=lesson.estimated_minutes,
                required=lesson.required_for_completion,
                is_current=lesson.pk == current_lesson_id,
            )
        )
    modules = []
    for position, module in enumerate(module_pages, 1):
        lessons = lessons_by_module_path.get(module.path, [])
        modules.append(
            OutlineModule(
                id=module.pk,
                title=module.title,
                url=module.get_url(request) or "",
                summary=module.summary,
                position=position,
                lessons=lessons,
                is_current=any(lesson.is_current for lesson in lessons),
            )
        )
    return CourseContents(modules=modules)


def lesson_navigation(lesson: LessonPage, request=None) -> LessonNavigation:
    course = CoursePage.objects.filter(path=lesson.path[: -2 * STEPLEN]).first()
    if course is None:
        return LessonNavigation(None, CourseContents([]), None, None, None, 1, 1)
    contents = course_contents(course, request, current_lesson_id=lesson.pk)
    lessons = contents.lessons
    index = next((i for i, item in enumerate(lessons) if item.id == lesson.pk), None)
    module = next((m for m in contents.modules if m.is_current), None)
    if index is None:  # a draft lesson previewed by its author
        return LessonNavigation(course, contents, module, None, None, 1, len(lessons))
    return LessonNavigation(
        course=course,
        contents=contents,
        module=module,
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
        position=index + 1,
        total=len(lessons),
    )


# --- Translation status (for authors) ---------------------------------------


class TranslationState:
    MISSING = "missing"
    DRAFT = "draft"
    LIVE = "live"


@dataclass
class LessonTranslationRow:
    lesson: LessonPage
    module_title: str
    states: dict[str, str]  # language code → TranslationState

    def is_translated(self, language_code: str) -> bool:
        return self.states.get(language_code) == TranslationState.LIVE


def lesson_translation_status(course: CoursePage, language_codes: list[str]) -> list[LessonTranslationRow]:
    """Every lesson of ``course`` (live or draft, in tree order) and, for each
    language, whether its translation is missing, a draft or live. Two
    queries."""
    pages = list(
        Page.objects.filter(path__startswith=course.path, depth__in=[course.depth + 1, course.depth + 2])
        .order_by("path")
        .values("pk", "title", "path", "depth", "translation_key", "content_type__model")
    )
    lesson_rows = [p for p in pages if p["content_type__model"] == "lessonpage"]
    module_titles = {p["path"]: p["title"] for p in pages if p["depth"] == course.depth + 1}
    translations = Page.objects.filter(
        translation_key__in=[row["translation_key"] for row in lesson_rows], locale__language_code__in=language_codes
    ).values_list("translation_key", "locale__language_code", "live", "alias_of_id")
    # an alias (made by wagtail-localize's tree sync) shows the source text: not a translation
    found = {(key, code): live for key, code, live, alias_of in translations if alias_of is None}
    result = []
    for row in lesson_rows:
        states = {}
        for code in language_codes:
            live = found.get((row["translation_key"], code))
            states[code] = TranslationState.MISSING if live is None else (TranslationState.LIVE if live else TranslationState.DRAFT)
        lesson = LessonPage(pk=row["pk"], id=row["pk"], title=row["title"], path=row["path"], depth=row["depth"])
        result.append(LessonTranslationRow(lesson, module_titles.get(row["path"][:-STEPLEN], ""), states))
    return result


def untranslated_lessons(course: CoursePage, language_code: str) -> list[LessonTranslationRow]:
    """The lessons of ``course`` that have no live translation in the language."""
    return [row for row in lesson_translation_status(course, [language_code]) if not row.is_translated(language_code)]


# --- Animator's guide ---------------------------------------------------------


def guide_pdf_for(page):
    """The stored PDF of the guide that ``page`` belongs to (one query), or None."""
    from .models import GuidePdf

    ancestor_paths = [page.path[:end] for end in range(STEPLEN, len(page.path) + 1, STEPLEN)]
    return GuidePdf.objects.filter(guide__path__in=ancestor_paths).first()
