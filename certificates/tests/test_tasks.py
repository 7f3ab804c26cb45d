import datetime

import pytest
from django.core import mail
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, EventAction
from certificates.tasks import (
    certificate_issued_email_send_task,
    certificates_expiry_announce_task,
    certificates_expiry_remind_due_task,
)

pytestmark = pytest.mark.django_db


def expire_in(certificate, days):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=timezone.localdate() + datetime.timedelta(days=days))


def test_the_holder_is_told_in_their_language_once(certificate):
    holder = certificate.holder
    holder.preferred_language = "fr"
    holder.save(update_fields=["preferred_language"])

    assert certificate_issued_email_send_task(certificate.pk) is True
    assert certificate_issued_email_send_task(certificate.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["salma@example.ma"]
    assert message.subject == "Votre certificat : Médiation familiale : les bases"
    assert "Félicitations" in message.body
    assert "http://127.0.0.1:8000/fr/certificates/mine/" in message.body
    assert certificate.get_verification_url() in message.body
    assert certificate.short_code_display in message.body


def test_an_arabic_speaker_gets_it_in_arabic(certificate):
    certificate_issued_email_send_task(certificate.pk)

    message = mail.outbox[0]
    assert message.subject == "شهادتك: الوساطة الأسرية: الأسس"
    assert "http://127.0.0.1:8000/certificates/mine/" in message.body


def test_issuing_sends_the_email_after_commit(trainee, course, rule, django_capture_on_commit_callbacks):
    from certificates.services import certificate_issue

    with django_capture_on_commit_callbacks(execute=True):
        certificate, _ = certificate_issue(holder=trainee, course=course, rule=rule)

    assert len(mail.outbox) == 1
    certificate.refresh_from_db()
    assert certificate.issued_email_sent_at is not None
    assert certificate.pdf  # the PDF task ran too


@pytest.mark.parametrize(
    "days_left, expected",
    [(90, set()), (61, set()), (60, {60}), (30, {60}), (15, {60}), (14, {14}), (3, {14}), (0, {14}), (-1, set())],
)
def test_reminders_go_60_and_14_days_before_expiry_once_each(certificate, days_left, expected):
    expire_in(certificate, days_left)

    certificates_expiry_remind_due_task()
    certificates_expiry_remind_due_task()

    reminded = set(
        CertificateEvent.objects.filter(certificate=certificate, action=EventAction.REMINDED).values_list("details__days_before", flat=True)
    )
    assert reminded == expected
    assert len(mail.outbox) == len(expected)


def test_both_reminders_reach_a_holder_over_time(certificate):
    expire_in(certificate, 60)
    certificates_expiry_remind_due_task()
    expire_in(certificate, 14)
    certificates_expiry_remind_due_task()

    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 2
    assert all("تنتهي صلاحية شهادتك" in s for s in subjects)


def test_expired_certificates_are_announced_by_the_daily_task(certificate):
    expire_in(certificate, -1)

    assert certificates_expiry_announce_task() == 1
    assert certificates_expiry_announce_task() == 0
