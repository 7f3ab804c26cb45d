"""Saving the player's state for resuming."""

import json

from cms.models import LessonPage

from ..models import H5PUserState
from ..permissions import may_record

STATE_MAX_CHARS = 64 * 1024


def state_save(*, user, activity_id: int, lesson_id: int, state: str) -> bool:
    """Keep the latest state of a trainee's activity in a lesson; only for
    those whose results are recorded (enrolled, lesson open). Returns
    whether it was saved."""
    if len(state) > STATE_MAX_CHARS:
        return False
    try:
        json.loads(state)
    except ValueError:
        return False
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None or not may_record(user, lesson, activity_id):
        return False
    canonical_id = lesson.canonical_page.pk
    H5PUserState.objects.update_or_create(
        user=user, activity_id=activity_id, lesson_id=canonical_id, defaults={"state": state}
    )
    return True
