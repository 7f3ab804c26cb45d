"""Activities inside a lesson that must be done before the lesson counts as
complete (a quiz to pass, an H5P activity to finish, …).

The quiz and H5P apps register a *provider* here (in their AppConfig.ready);
the learning app asks all providers when it decides whether a lesson is
complete, and listens to ``lesson_activity_completed`` to re-decide when one
of them reports progress. This keeps learning independent of them.

Lessons are always identified by the id of their default-locale (Arabic)
page, ``LessonPage.canonical_page``: progress is shared across languages.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .signals import lesson_activity_completed  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Requirement:
    key: str  # stable and unique within a lesson, e.g. "quiz:12" or "h5p:7"
    label: str  # what the trainee reads, e.g. "Pass the quiz “Active listening”"
    met: bool


# provider(user, lessons) -> {lesson_id: [Requirement, ...]}; it must answer
# for many lessons in a number of queries that does not grow with them.
RequirementProvider = Callable[[object, Sequence[object]], Mapping[int, list[Requirement]]]

_providers: list[RequirementProvider] = []


def register_requirement_provider(provider: RequirementProvider) -> RequirementProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def requirements_for(user, lessons: Sequence[object]) -> dict[int, list[Requirement]]:
    """Every provider's requirements for ``lessons`` (canonical LessonPages)."""
    result: dict[int, list[Requirement]] = {lesson.pk: [] for lesson in lessons}
    if not lessons:
        return result
    for provider in _providers:
        for lesson_id, requirements in provider(user, lessons).items():
            result.setdefault(lesson_id, []).extend(requirements)
    return result


def unmet_requirements(user, lesson) -> list[Requirement]:
    return [r for r in requirements_for(user, [lesson]).get(lesson.pk, []) if not r.met]
