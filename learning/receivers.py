"""Signal receivers: thin, they call a service."""

from django.dispatch import receiver

from .services import lesson_completion_decide
from .signals import lesson_activity_completed


@receiver(lesson_activity_completed, dispatch_uid="learning.lesson_activity_completed")
def lesson_activity_completed_receive(sender, user, lesson_id, **kwargs):
    lesson_completion_decide(user=user, lesson_id=lesson_id)
