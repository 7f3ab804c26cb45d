"""The learning e-mails (Celery tasks): enrolment confirmed, course
completed, and the daily inactivity reminder scheduled with Celery beat —
each once, each in the trainee's language."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from learning.models import Enrollment
from learning.services import enrollment_create, lesson_complete, lesson_start
from learning.tasks import enrollment_inactivity_sweep_task


def _quiet_for(enrollment, days):
    Enrollment.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.now() - dt.timedelta(days=days + 1),
        last_activity_at=timezone.now() - dt.timedelta(days=days),
    )


@pytest.mark.django_db
def test_the_inactivity_reminder_is_sent_once_per_quiet_spell_in_the_trainees_language(
    tree, trainee, settings, django_capture_on_commit_callbacks
):
    # given a French-reading trainee quiet for 20 days, and an Arabic one active yesterday
    settings.LEARNING_INACTIVITY_DAYS = 14
    trainee.preferred_language = "fr"
    trainee.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        quiet, _ = enrollment_create(user=trainee, course=tree.course)
        from accounts.factories import UserFactory

        active, _ = enrollment_create(user=UserFactory(), course=tree.course)
    lesson_start(user=trainee, lesson=tree.lessons[0][0])
    _quiet_for(quiet, 20)
    _quiet_for(active, 1)
    mail.outbox.clear()

    # when the daily sweep runs twice
    assert enrollment_inactivity_sweep_task.delay().get() == 1
    assert enrollment_inactivity_sweep_task.delay().get() == 0

    # then one reminder, in French, to the quiet trainee only
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [trainee.email]
    assert tree.course.title in message.subject  # the course has no French version: its own title
    assert "14 jours" in message.body and "/fr/learning/" in message.body

    # when (weeks later) the trainee comes back, then goes quiet again
    Enrollment.objects.filter(pk=quiet.pk).update(inactivity_reminded_at=timezone.now() - dt.timedelta(days=16))
    lesson_start(user=trainee, lesson=tree.lessons[0][0])
    assert enrollment_inactivity_sweep_task.delay().get() == 0
    _quiet_for(quiet, 15)
    assert enrollment_inactivity_sweep_task.delay().get() == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_completed_course_is_never_reminded(tree, trainee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrollment, _ = enrollment_create(user=trainee, course=tree.course)
        for lesson in tree.all_lessons:
            lesson_complete(user=trainee, lesson=lesson)
    _quiet_for(enrollment, 60)
    assert enrollment_inactivity_sweep_task.delay().get() == 0


@pytest.mark.django_db
def test_the_course_completed_email_is_sent_once_in_the_trainees_language(
    tree, trainee, django_capture_on_commit_callbacks
):
    # given an Arabic-reading trainee one lesson from the end
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_create(user=trainee, course=tree.course)
    for lesson in tree.all_lessons[:-1]:
        lesson_complete(user=trainee, lesson=lesson)
    mail.outbox.clear()

    # when they complete the last lesson, then complete it again
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=trainee, lesson=tree.all_lessons[-1])
    with django_capture_on_commit_callbacks(execute=True):
        lesson_complete(user=trainee, lesson=tree.all_lessons[-1])

    # then one e-mail, in Arabic, naming the course
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [trainee.email]
    assert "تهانينا" in mail.outbox[0].subject and tree.course.title in mail.outbox[0].subject
    assert Enrollment.objects.get(user=trainee).completion_notified_at is not None


def test_the_inactivity_sweep_is_scheduled_daily_with_celery_beat():
    from config.celery import app

    app.loader.import_default_modules()
    app.finalize()
    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert "learning.tasks.enrollment_inactivity_sweep_task" in schedule
    crontab = schedule["learning.tasks.enrollment_inactivity_sweep_task"]
    assert crontab.hour == {9} and crontab.minute == {30}
