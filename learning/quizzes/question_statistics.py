"""Per-question statistics of a quiz, from the graded attempts a trainer may
see (Moodle's definitions):

- facility index: the mean fraction of the points earned (0–100 %);
- discrimination index: the correlation (× 100) between the score on the
  question and the score on the rest of the attempt — high when those who
  do well overall do well on it, negative when the question misleads the
  best trainees.

Three queries whatever the number of attempts and questions."""

import math
from dataclasses import dataclass
from decimal import Decimal

from .localized import pick
from .models import AttemptQuestion, AttemptStatus, Question


@dataclass
class QuestionStatistics:
    question_id: int
    label: str
    type: str
    attempts: int
    facility: float | None
    discrimination: float | None


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    cov = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    var_x = sum((x - mean_x) ** 2 for x in xs)
    var_y = sum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def quiz_statistics(attempts) -> list[QuestionStatistics]:
    """``attempts``: a queryset of the attempts to count (already scoped)."""
    graded = dict(
        attempts.filter(status=AttemptStatus.GRADED).values_list("pk", "max_score")
    )
    if not graded:
        return []
    rows = list(
        AttemptQuestion.objects.filter(attempt_id__in=list(graded))
        .exclude(question_id=None)
        .values_list("attempt_id", "question_id", "fraction", "points", "max_points", "question_type")
    )
    totals: dict[int, Decimal] = {}
    for attempt_id, _question_id, _fraction, points, _max_points, _type in rows:
        totals[attempt_id] = totals.get(attempt_id, Decimal("0")) + (points or Decimal("0"))
    per_question: dict[int, list] = {}
    kinds: dict[int, str] = {}
    for attempt_id, question_id, fraction, points, max_points, kind in rows:
        rest_max = Decimal(graded[attempt_id]) - max_points
        rest = (totals[attempt_id] - (points or 0)) / rest_max if rest_max > 0 else Decimal("0")
        per_question.setdefault(question_id, []).append((float(fraction or 0), float(rest)))
        kinds[question_id] = kind
    texts = {
        q["pk"]: q["name"] or pick({"ar": q["text_ar"], "fr": q["text_fr"]})[:80]
        for q in Question.objects.filter(pk__in=list(per_question)).values("pk", "name", "text_ar", "text_fr")
    }
    result = []
    for question_id, pairs in per_question.items():
        xs, ys = [x for x, _y in pairs], [y for _x, y in pairs]
        correlation = _correlation(xs, ys)
        result.append(
            QuestionStatistics(
                question_id=question_id, label=texts.get(question_id, ""), type=kinds[question_id], attempts=len(pairs),
                facility=round(100 * sum(xs) / len(xs), 1),
                discrimination=None if correlation is None else round(100 * correlation, 1),
            )
        )
    return sorted(result, key=lambda row: row.question_id)
