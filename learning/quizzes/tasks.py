"""Background work of the quiz app."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from config.celery import app

from .conf import grace_period
from .models import Attempt, AttemptStatus
from .services import attempt_close_if_overdue

OVERDUE_SWEEP_SECONDS = 60.0


@app.task
def attempt_close_task(attempt_id: int) -> bool:
    """Close one attempt whose time ran out (idempotent)."""
    return attempt_close_if_overdue(attempt_id=attempt_id)


@app.task
def overdue_attempts_close_task(now: str | None = None) -> int:
    """Close the attempts whose deadline (and grace period) passed while
    nobody came back: they are graded with what was saved. Returns how many
    this run closed."""
    moment = parse_datetime(now) if now else timezone.now()
    ids = list(
        Attempt.objects.filter(status=AttemptStatus.IN_PROGRESS, deadline__lt=moment - grace_period())
        .order_by("deadline")
        .values_list("pk", flat=True)[:500]
    )
    return sum(1 for attempt_id in ids if attempt_close_if_overdue(attempt_id=attempt_id, now=moment))


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    sender.add_periodic_task(OVERDUE_SWEEP_SECONDS, overdue_attempts_close_task.s(), name="quizzes: close overdue attempts")

