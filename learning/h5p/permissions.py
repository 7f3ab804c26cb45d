"""Who may play, and report on, an H5P activity — decided here only.

Playing: the lesson page checks ``may_play`` (the learning app's
``lesson_access``: enrolled and not locked, or staff previewing) and that the
activity is placed in that lesson; it then hands the player frame a signed,
short-lived *ticket* (activity, lesson, user). The frame and its files are
fetched with the ticket alone: the frame is sandboxed (an opaque origin, so
the browser sends no session cookie) or on a separate content origin. Each
file request re-checks, at most once a minute per ticket, that the user may
still see the lesson.

Recording: ``may_record`` — only an enrolled trainee who may see the lesson
(a staff preview is played but never recorded).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache

from learning.permissions import is_officer, lesson_access, may_view_trainee  # noqa: F401

from .models import ActivityStatus, H5PActivity

TICKET_SALT = "learning.h5p.ticket"


def ticket_max_age() -> int:
    return getattr(settings, "H5P_TICKET_SECONDS", 6 * 60 * 60)


@dataclass(frozen=True)
class Ticket:
    activity_id: int
    lesson_id: int
    user_id: int


def ticket_make(*, activity_id: int, lesson_id: int, user_id: int) -> str:
    return signing.dumps([activity_id, lesson_id, user_id], salt=TICKET_SALT, compress=False)


def ticket_read(value: str) -> Ticket | None:
    try:
        activity_id, lesson_id, user_id = signing.loads(value, salt=TICKET_SALT, max_age=ticket_max_age())
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Ticket(int(activity_id), int(lesson_id), int(user_id))


def lesson_activity_blocks(lesson) -> list[dict]:
    """The H5P blocks placed in a lesson, as ``{"activity": id, "required":
    bool, "pass_percent": int}`` (no query: read from the StreamField's raw
    data)."""
    found = []
    for block in lesson.body.raw_data:
        if block.get("type") != "h5p_activity":
            continue
        value = block.get("value") or {}
        if not isinstance(value.get("activity"), int):
            continue
        try:
            pass_percent = min(100, max(0, int(value.get("pass_percent") or 0)))
        except (TypeError, ValueError):
            pass_percent = 0
        found.append(
            {"activity": value["activity"], "required": value.get("required", True) is not False, "pass_percent": pass_percent}
        )
    return found


def lesson_activity_ids(lesson) -> list[int]:
    return [block["activity"] for block in lesson_activity_blocks(lesson)]


def may_play(user, lesson, activity_id: int, request=None) -> bool:
    """May ``user`` play this activity in this lesson (any locale)?"""
    if not user.is_authenticated:
        return False
    if activity_id not in lesson_activity_ids(lesson):
        return False
    return lesson_access(user, lesson, request=request).allowed


def may_record(user, lesson, activity_id: int) -> bool:
    """May results from ``user`` for this activity in this lesson be kept?"""
    if not user.is_authenticated or activity_id not in lesson_activity_ids(lesson):
        return False
    access = lesson_access(user, lesson)
    return access.allowed and access.enrollment is not None and access.locked_by is None


def ticket_still_valid(ticket: Ticket) -> bool:
    """The ticket's user may still see the lesson (cached one minute)."""
    key = f"h5p:ticket:{ticket.activity_id}:{ticket.lesson_id}:{ticket.user_id}"
    allowed = cache.get(key)
    if allowed is None:
        from cms.models import LessonPage

        user = get_user_model().objects.filter(pk=ticket.user_id, is_active=True).first()
        lesson = LessonPage.objects.filter(pk=ticket.lesson_id).first()
        allowed = bool(user and lesson and may_play(user, lesson, ticket.activity_id))
        cache.set(key, allowed, 60)
    return allowed


def ready_activity(activity_id: int) -> H5PActivity | None:
    return H5PActivity.objects.filter(pk=activity_id, status=ActivityStatus.READY).first()
