"""Signal receivers: thin, they only enqueue work after the commit."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from learning.quizzes.signals import quiz_attempt_graded
from learning.signals import course_completed

from .models import CertificatePrintSettings


@receiver(post_save, sender=CertificatePrintSettings, dispatch_uid="certificates_print_settings_saved")
def _print_settings_saved(sender, instance, **kwargs):
    """What every PDF shows may have changed: rebuild those that differ."""
    from .tasks import certificates_pdf_refresh_task

    transaction.on_commit(certificates_pdf_refresh_task.delay)


@receiver(course_completed, dispatch_uid="certificates_course_completed")
def _course_completed(sender, user, course_id, **kwargs):
    """The course was completed: issue if that met the rules."""
    from .services.rules import schedule_auto_issue

    schedule_auto_issue(user_id=user.pk, course_id=course_id)


@receiver(quiz_attempt_graded, dispatch_uid="certificates_quiz_attempt_graded")
def _quiz_attempt_graded(sender, attempt, user, quiz_id, **kwargs):
    """A quiz was graded: issue if that met the rules."""
    from .services.rules import schedule_auto_issue

    schedule_auto_issue(user_id=user.pk, course_id=attempt.quiz.course_id)
