"""Background work: PDFs, e-mails to holders, and the daily expiry pass.
Each task takes ids, is idempotent, and is enqueued with on_commit."""

import datetime
import logging

from celery import shared_task
from celery.schedules import crontab
from django.db import transaction
from django.utils import timezone

from config.celery import app

from .models import Certificate, CertificateStatus, EventAction

logger = logging.getLogger(__name__)

# Days before expiry at which holders are reminded, each stamped once.
REMINDERS = ((60, "reminder_60_sent_at"), (14, "reminder_14_sent_at"))


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def certificate_pdf_build_task(certificate_id: int) -> bool:
    """Build the PDF if what it shows changed (fingerprint), else nothing."""
    from .services.pdf import certificate_pdf_build

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return False
    return certificate_pdf_build(certificate=certificate)


@shared_task
def certificates_pdf_refresh_task() -> int:
    """After the print settings change: rebuild the PDFs of live
    certificates (each build is skipped when its fingerprint still holds)."""
    ids = list(
        Certificate.objects.filter(status__in=[CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED]).values_list("pk", flat=True)
    )
    for certificate_id in ids:
        certificate_pdf_build_task.delay(certificate_id)
    return len(ids)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def certificate_issued_email_send_task(certificate_id: int) -> bool:
    """Tell the holder, in their language, that their certificate is ready.
    The timestamp stops a second run from sending twice."""
    from .emails import certificate_email_send
    from .services import event_record

    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related("holder")
            .filter(pk=certificate_id, issued_email_sent_at__isnull=True)
            .first()
        )
        if certificate is None or not certificate.holder.is_active:
            return False
        certificate_email_send(certificate=certificate, template="certificates/emails/issued")
        certificate.issued_email_sent_at = timezone.now()
        certificate.save(update_fields=["issued_email_sent_at"])
        event_record(certificate=certificate, action=EventAction.EMAILED, details={"email": "issued"})
    return True


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def certificate_expiry_remind_task(certificate_id: int, days: int) -> bool:
    from .emails import certificate_email_send
    from .services import event_record

    field = dict(REMINDERS)[days]
    today = timezone.localdate()
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related("holder")
            .filter(pk=certificate_id, status=CertificateStatus.ACTIVE, **{f"{field}__isnull": True})
            .filter(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=days))
            .first()
        )
        if certificate is None or not certificate.holder.is_active:
            return False
        certificate_email_send(
            certificate=certificate,
            template="certificates/emails/expiry_reminder",
            extra={"days_left": (certificate.expires_on - today).days},
        )
        setattr(certificate, field, timezone.now())
        certificate.save(update_fields=[field])
        event_record(certificate=certificate, action=EventAction.REMINDED, details={"days_before": days})
    return True


@shared_task
def certificates_expiry_remind_due_task() -> int:
    """Daily: remind holders 60 and 14 days before expiry. A day missed is
    caught up the next day (the window is "at most N days left")."""
    today = timezone.localdate()
    sent = 0
    for days, field in REMINDERS:
        due = Certificate.objects.filter(
            status=CertificateStatus.ACTIVE,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=days),
            **{f"{field}__isnull": True},
        )
        if days == 60:
            # Someone within 14 days gets only the 14-day reminder.
            due = due.filter(expires_on__gt=today + datetime.timedelta(days=14))
        for certificate_id in due.values_list("pk", flat=True):
            certificate_expiry_remind_task.delay(certificate_id, days)
            sent += 1
    return sent


@shared_task
def certificates_expiry_announce_task() -> int:
    """Daily: record each certificate that has just passed its expiry date
    (audit log and certificate_status_changed "expired")."""
    from .services import certificate_expiry_announce

    announced = 0
    expired = Certificate.objects.filter(
        status=CertificateStatus.ACTIVE, expires_on__lt=timezone.localdate(), expiry_announced_at__isnull=True
    )
    for certificate in expired.iterator():
        announced += certificate_expiry_announce(certificate=certificate)
    return announced


@shared_task
def certificate_auto_issue_task(user_id: int, course_id: int) -> int | None:
    """Issue the trainee's certificate if they now meet the course's current
    rules (after a course completion, a graded quiz or a sign-off)."""
    from django.contrib.auth import get_user_model

    from .services.rules import certificate_auto_issue

    holder = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if holder is None:
        return None
    certificate = certificate_auto_issue(holder=holder, course_id=course_id)
    return certificate.pk if certificate else None


@shared_task
def certificates_course_auto_issue_task(course_id: int) -> int:
    """After new rules are written: check every enrolled trainee of the
    course who has no live certificate yet."""
    from learning.selectors import enrollments_for_course

    certified = Certificate.objects.filter(course_id=course_id, status__in=[CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED])
    user_ids = (
        enrollments_for_course(course=course_id)
        .exclude(user_id__in=certified.values("holder_id"))
        .values_list("user_id", flat=True)
    )
    count = 0
    for user_id in user_ids:
        certificate_auto_issue_task.delay(user_id, course_id)
        count += 1
    return count


@shared_task
def cohort_issuance_run_task(batch_id: int) -> int | None:
    from .services.batch import cohort_issuance_run

    batch = cohort_issuance_run(batch_id=batch_id)
    return batch.issued if batch else None


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    sender.add_periodic_task(crontab(hour=2, minute=15), certificates_expiry_announce_task.s(), name="certificates: announce expiries")
    sender.add_periodic_task(crontab(hour=9, minute=0), certificates_expiry_remind_due_task.s(), name="certificates: expiry reminders")
