"""Lesson requirements from quizzes: a lesson with a required quiz block
completes only once the trainee has passed that quiz (its result, by the
quiz's grading method, reaches the pass mark). Registered with
``learning.requirements`` in QuizzesConfig.ready."""

from django.utils.translation import gettext as _

from learning.requirements import Requirement

from .localized import pick
from .models import Quiz, QuizResult

BLOCK_TYPE = "quiz"


def required_quiz_ids(lesson) -> list[int]:
    """The quizzes a lesson's body requires, read from the stored stream
    (no query: the blocks are not turned into objects)."""
    ids = []
    body = getattr(lesson, "body", None)
    for block in body.raw_data if body is not None else []:
        if block.get("type") != BLOCK_TYPE:
            continue
        value = block.get("value") or {}
        quiz_id = value.get("quiz")
        if value.get("required", True) and isinstance(quiz_id, int) and quiz_id not in ids:
            ids.append(quiz_id)
    return ids


def quiz_requirements(user, lessons) -> dict[int, list[Requirement]]:
    """For many lessons in two queries: the quizzes' titles and the
    trainee's results."""
    wanted = {lesson.pk: required_quiz_ids(lesson) for lesson in lessons}
    quiz_ids = {quiz_id for ids in wanted.values() for quiz_id in ids}
    if not quiz_ids:
        return {}
    titles = {row["pk"]: {"ar": row["title_ar"], "fr": row["title_fr"]} for row in Quiz.objects.filter(pk__in=quiz_ids).values("pk", "title_ar", "title_fr")}
    passed = set()
    if user.is_authenticated:
        passed = set(QuizResult.objects.filter(user=user, quiz_id__in=titles, passed=True).values_list("quiz_id", flat=True))
    return {
        lesson_id: [
            Requirement(
                key=f"quiz:{quiz_id}",
                label=_("Pass the quiz “%(title)s”") % {"title": pick(titles[quiz_id])},
                met=quiz_id in passed,
            )
            for quiz_id in ids
            if quiz_id in titles  # a deleted quiz no longer blocks the lesson
        ]
        for lesson_id, ids in wanted.items()
        if ids
    }
