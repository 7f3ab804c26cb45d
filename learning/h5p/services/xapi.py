"""Receiving xAPI statements from the player (through the lesson page).

Trust nothing: the statement must be about *this* activity (its IRI; a
sub-question's statement carries ``?subContentId=`` and never sets the
score), from an enrolled trainee who may see the lesson that holds the
activity, with ``0 ≤ raw ≤ max``. Each top-level scored statement is one
attempt, kept forever; best and last are derived (``selectors``). When an
attempt first meets the block's pass mark, ``lesson_activity_completed`` asks
the learning app to re-decide the lesson.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cms.models import LessonPage
from learning.errors import LearningPermissionDenied
from learning.signals import lesson_activity_completed

from ..models import H5PAttempt
from ..permissions import lesson_activity_blocks, may_record


class StatementRejected(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class StatementResult:
    attempt: H5PAttempt | None = None
    requirement_met: bool = False  # this attempt met the pass mark for the first time


def activity_iri(activity_id: int) -> str:
    """The xAPI object id of an activity (the only id accepted for it)."""
    return f"{settings.SITE_URL}/h5p/activities/{activity_id}"


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _score(result: dict) -> tuple[float, float] | None:
    score = result.get("score")
    if score is None:
        return None
    if not isinstance(score, dict):
        raise StatementRejected(_("The score is not valid."))
    raw, maximum = _number(score.get("raw")), _number(score.get("max"))
    minimum = _number(score.get("min")) if "min" in score else 0.0
    if raw is None or maximum is None or minimum != 0.0 or maximum <= 0 or not 0 <= raw <= maximum:
        raise StatementRejected(_("The score is not valid: it must be between 0 and the maximum."))
    return raw, maximum


def _is_top_level(statement: dict, iri: str) -> bool:
    object_id = (statement.get("object") or {}).get("id") if isinstance(statement.get("object"), dict) else None
    if not isinstance(object_id, str):
        raise StatementRejected(_("This statement is not about this activity."))
    if object_id == iri:
        context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
        activities = context.get("contextActivities") if isinstance(context.get("contextActivities"), dict) else {}
        return not activities.get("parent")
    if object_id.startswith(iri + "?subContentId="):
        return False
    raise StatementRejected(_("This statement is not about this activity."))


def xapi_statement_record(*, user, activity_id: int, lesson_id: int, statement) -> StatementResult:
    """Record a statement the player reported; raises ``StatementRejected``
    (bad statement) or ``LearningPermissionDenied`` (not this user's to send)."""
    if not isinstance(statement, dict):
        raise StatementRejected(_("This statement is not valid."))
    top_level = _is_top_level(statement, activity_iri(activity_id))
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None or not may_record(user, lesson, activity_id):
        raise LearningPermissionDenied(_("Your results for this activity cannot be recorded."))
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    score = _score(result)
    if not top_level or score is None:
        return StatementResult()  # a sub-question or a statement without a score: nothing to keep
    raw, maximum = score
    verb = statement.get("verb") if isinstance(statement.get("verb"), dict) else {}
    verb_id = verb.get("id") if isinstance(verb.get("id"), str) else ""
    pass_percent = max((block["pass_percent"] for block in lesson_activity_blocks(lesson) if block["activity"] == activity_id), default=0)
    success = result.get("success") if isinstance(result.get("success"), bool) else None
    completion = result.get("completion") if isinstance(result.get("completion"), bool) else None
    canonical_id = lesson.canonical_page.pk
    with transaction.atomic():
        met_before = H5PAttempt.objects.filter(
            user=user, activity_id=activity_id, lesson_id=canonical_id, scaled__gte=pass_percent / 100
        ).exists()
        attempt = H5PAttempt.objects.create(
            user=user,
            activity_id=activity_id,
            lesson_id=canonical_id,
            verb=verb_id.rsplit("/", 1)[-1][:50],
            raw_score=raw,
            max_score=maximum,
            scaled=raw / maximum,
            success=success,
            completion=completion,
            statement=statement,
        )
        newly_met = not met_before and attempt.scaled >= pass_percent / 100
        if newly_met:
            lesson_activity_completed.send(sender=H5PAttempt, user=user, lesson_id=canonical_id)
    return StatementResult(attempt=attempt, requirement_met=newly_met)
