"""Reads of H5P results (self-reported by the browser)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _

from cms.models import LessonPage
from learning.requirements import Requirement

from .models import H5PActivity, H5PAttempt
from .permissions import lesson_activity_blocks


def _with_bodies(lessons: Sequence) -> list:
    """Lessons with their ``body`` (one query for those passed without)."""
    missing = [lesson.pk for lesson in lessons if not hasattr(lesson, "body")]
    fetched = {page.pk: page for page in LessonPage.objects.filter(pk__in=missing)} if missing else {}
    return [fetched.get(lesson.pk, lesson) for lesson in lessons]


def h5p_requirements(user, lessons: Sequence) -> dict[int, list[Requirement]]:
    """Requirement provider (``learning.requirements``): every required H5P
    block of a lesson is done once an attempt reached its pass mark. Two
    queries at most, whatever the number of lessons."""
    wanted: dict[int, list[dict]] = {}
    for lesson in _with_bodies(lessons):
        blocks = [block for block in lesson_activity_blocks(lesson) if block["required"]]
        if blocks:
            wanted[lesson.pk] = blocks
    if not wanted:
        return {}
    activity_ids = {block["activity"] for blocks in wanted.values() for block in blocks}
    titles = dict(H5PActivity.objects.filter(pk__in=activity_ids).values_list("pk", "title"))
    best: dict[tuple[int, int], float] = {}
    if user.is_authenticated:
        rows = (
            H5PAttempt.objects.filter(user=user, lesson_id__in=wanted, activity_id__in=activity_ids)
            .values("lesson_id", "activity_id")
            .annotate(best=Max("scaled"))
        )
        best = {(row["lesson_id"], row["activity_id"]): row["best"] for row in rows}
    result: dict[int, list[Requirement]] = {}
    for lesson_id, blocks in wanted.items():
        for block in blocks:
            if block["activity"] not in titles:
                continue  # deleted activity: nothing to ask of the trainee
            title = titles[block["activity"]]
            score = best.get((lesson_id, block["activity"]))
            if block["pass_percent"]:
                label = _("Score at least %(percent)s%% in the activity “%(title)s”") % {
                    "percent": block["pass_percent"],
                    "title": title,
                }
            else:
                label = _("Do the activity “%(title)s”") % {"title": title}
            met = score is not None and score >= block["pass_percent"] / 100
            result.setdefault(lesson_id, []).append(Requirement(key=f"h5p:{block['activity']}", label=label, met=met))
    return result


@dataclass
class ResultSummary:
    attempts: int = 0
    best: H5PAttempt | None = None
    last: H5PAttempt | None = None
    history: list[H5PAttempt] = field(default_factory=list)


def results_for(*, users: Iterable[int], activity_ids: Iterable[int]) -> dict[tuple[int, int, int], ResultSummary]:
    """{(user_id, lesson_id, activity_id): summary} in one query."""
    summaries: dict[tuple[int, int, int], ResultSummary] = {}
    for attempt in H5PAttempt.objects.filter(user_id__in=list(users), activity_id__in=list(activity_ids)).order_by(
        "created_at", "pk"
    ).defer("statement"):
        summary = summaries.setdefault((attempt.user_id, attempt.lesson_id, attempt.activity_id), ResultSummary())
        summary.attempts += 1
        summary.history.append(attempt)
        summary.last = attempt
        if summary.best is None or attempt.scaled > summary.best.scaled:
            summary.best = attempt
    return summaries
