"""Background work of the learning app: e-mails in the trainee's language.

Each task takes an enrolment id and is idempotent: a timestamp on the
enrolment, checked with the row locked, stops a second run from sending
twice. The daily inactivity sweep is scheduled here (Celery beat).
"""

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts.emails import render_email, send_rendered
from config.celery import app

from .models import Enrollment
from .selectors import enrollments_to_remind, inactivity_days, page_in_language

EMAIL_RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5}


def _course_context(enrollment: Enrollment, language: str) -> dict:
    with translation.override(language):
        course = page_in_language(enrollment.course, language)
        cohort = getattr(getattr(enrollment, "membership", None), "cohort", None)
        url_parts = course.get_url_parts()
        return {
            "enrollment": enrollment,
            "user": enrollment.user,
            "course_title": course.title,
            "course_url": settings.SITE_URL + (url_parts[2] if url_parts else "/"),
            "cohort_name": cohort.display_name(language) if cohort else "",
            "deadline": cohort.ends_on if cohort else None,
            "my_learning_url": settings.SITE_URL + _my_learning_path(),
            "inactivity_days": inactivity_days(),
        }


def _my_learning_path() -> str:
    from django.urls import reverse

    return reverse("learning:my_learning")


def _send_once(enrollment_id: int, mark: str, template: str, *, still_due=None) -> bool:
    with transaction.atomic():
        enrollment = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("user", "course", "membership__cohort")
            .filter(pk=enrollment_id, user__is_active=True)
            .first()
        )
        if enrollment is None or (getattr(enrollment, mark) is not None and still_due is None):
            return False
        if still_due is not None and not still_due(enrollment):
            return False
        language = enrollment.user.preferred_language or settings.LANGUAGE_CODE
        message = render_email(template, _course_context(enrollment, language), language)
        send_rendered(to=[enrollment.user.email], **message)
        setattr(enrollment, mark, timezone.now())
        enrollment.save(update_fields=[mark])
    return True


@shared_task(**EMAIL_RETRY)
def enrollment_confirmation_send_task(enrollment_id: int) -> bool:
    """"You are enrolled in …", once per enrolment."""
    return _send_once(enrollment_id, "confirmation_sent_at", "learning/emails/enrollment_confirmed")


@shared_task(**EMAIL_RETRY)
def course_completed_email_send_task(enrollment_id: int) -> bool:
    """"You completed …", once per enrolment."""
    return _send_once(enrollment_id, "completion_notified_at", "learning/emails/course_completed")


def _still_inactive(enrollment: Enrollment) -> bool:
    return enrollments_to_remind().filter(pk=enrollment.pk).exists()


@shared_task(**EMAIL_RETRY)
def enrollment_inactivity_reminder_send_task(enrollment_id: int) -> bool:
    """A reminder after N days without activity; once per quiet spell (a new
    activity followed by a new quiet spell earns a new reminder)."""
    return _send_once(
        enrollment_id, "inactivity_reminded_at", "learning/emails/inactivity_reminder", still_due=_still_inactive
    )


@shared_task
def enrollment_inactivity_sweep_task() -> int:
    """Daily: queue a reminder for every enrolment that has gone quiet."""
    ids = list(enrollments_to_remind().values_list("pk", flat=True))
    for enrollment_id in ids:
        enrollment_inactivity_reminder_send_task.delay(enrollment_id)
    return len(ids)


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    sender.add_periodic_task(
        crontab(hour=9, minute=30), enrollment_inactivity_sweep_task.s(), name="learning: inactivity reminders"
    )
