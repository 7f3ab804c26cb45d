from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .emails import render_email, send_rendered
from .models import User


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_send_task(*, to: list[str], subject: str, body: str, html: str | None = None) -> None:
    """Deliver an e-mail that was already rendered in its reader's language."""
    send_rendered(to=to, subject=subject, body=body, html=html)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def welcome_email_send_task(user_id: int) -> bool:
    """Welcome a new member once their e-mail is confirmed. Idempotent: the
    timestamp on the user stops a second run from sending twice."""
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or user.welcome_email_sent_at is not None:
            return False
        message = render_email("accounts/emails/welcome", {"user": user}, user.preferred_language)
        send_rendered(to=[user.email], **message)
        user.welcome_email_sent_at = timezone.now()
        user.save(update_fields=["welcome_email_sent_at"])
    return True
