"""Trainers grading essays with their rubric."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import GradingRejected
from ..grading import grade_rubric, points_for
from ..localized import pick
from ..models import Attempt, AttemptEvent, AttemptEventKind, AttemptQuestion, AttemptStatus, QuestionType
from .attempts import attempt_regrade_totals


def _clean_scores(snapshot: dict, scores: dict) -> dict[str, Decimal]:
    criteria = snapshot.get("rubric") or []
    limits = {str(c["id"]): (Decimal(c["max_points"]), pick(c["title"])) for c in criteria} or {
        "overall": (Decimal(snapshot["points"]), _("Overall"))
    }
    unknown = set(map(str, scores)) - set(limits)
    if unknown:
        raise GradingRejected(_("These scores are not for this question's rubric."))
    cleaned = {}
    for key, (maximum, title) in limits.items():
        raw = scores.get(key)
        if raw is None and key.isdigit():
            raw = scores.get(int(key))
        if raw is None or str(raw).strip() == "":
            raise GradingRejected(_("“%(criterion)s”: enter a number of points.") % {"criterion": title})
        try:
            value = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            raise GradingRejected(_("“%(criterion)s”: enter a number of points.") % {"criterion": title}) from None
        if not value.is_finite() or value < 0 or value > maximum:
            raise GradingRejected(
                _("“%(criterion)s”: give between 0 and %(maximum)s points.") % {"criterion": title, "maximum": maximum.normalize()}
            )
        cleaned[key] = value
    return cleaned


def attempt_essay_grade(*, attempt_question: AttemptQuestion, grader, scores: dict, comment: str = "", now=None) -> AttemptQuestion:
    """Grade an essay with its rubric (criterion id → points). Grading it
    again replaces the previous grade; both are kept in the audit trail. When
    no essay of the attempt waits any more, the attempt is graded."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update(of=("self",)).select_related("user").get(pk=attempt_question.attempt_id)
        aq = AttemptQuestion.objects.select_for_update().get(pk=attempt_question.pk)
        if aq.question_type != QuestionType.ESSAY:
            raise GradingRejected(_("Only essays are graded by hand."))
        if attempt.status == AttemptStatus.IN_PROGRESS:
            raise GradingRejected(_("The trainee has not submitted this attempt yet."))
        cleaned = _clean_scores(aq.snapshot, scores)
        grade = grade_rubric(aq.snapshot, cleaned)
        previous = str(aq.points) if aq.points is not None else None
        aq.fraction, aq.detail, aq.points = grade.fraction, grade.detail, points_for(aq.max_points, grade.fraction)
        aq.rubric_scores = {key: str(value) for key, value in cleaned.items()}
        aq.grader_comment = (comment or "").strip()
        aq.graded_by, aq.graded_at = grader, now
        aq.save(update_fields=["fraction", "detail", "points", "rubric_scores", "grader_comment", "graded_by", "graded_at"])
        AttemptEvent.objects.create(
            attempt=attempt, kind=AttemptEventKind.ESSAY_GRADED, actor=grader, at=now,
            data={"position": aq.position, "scores": aq.rubric_scores, "points": str(aq.points), "previous_points": previous},
        )
        attempt_regrade_totals(attempt, now)
    return aq
