"""Lesson progress, its roll-up, requirements from activity apps and the
course_completed signal."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from learning import requirements as requirements_module
from learning.errors import LessonUnavailable
from learning.models import Enrollment, LessonProgress, LessonStatus, ModuleProgress
from learning.requirements import Requirement, register_requirement_provider
from learning.services import enrollment_create, lesson_complete, lesson_start, lesson_time_record
from learning.signals import course_completed, lesson_activity_completed


def complete_module(user, lessons):
    for lesson in lessons:
        lesson_complete(user=user, lesson=lesson)


@pytest.fixture
def enrolled(tree, trainee):
    enrollment, _ = enrollment_create(user=trainee, course=tree.course)
    return enrollment


@pytest.fixture
def completions():
    received = []

    def receiver(sender, user, course_id, completed_at, **kwargs):
        received.append((user.pk, course_id, completed_at))

    course_completed.connect(receiver, dispatch_uid="test-completions")
    yield received
    course_completed.disconnect(dispatch_uid="test-completions")


@pytest.fixture
def quiz_requirement(tree):
    """An activity app's provider: lesson 1.1 requires a quiz, passed when
    the test says so."""
    passed = set()
    lesson = tree.lessons[0][0]

    def provider(user, lessons):
        return {
            l.pk: [Requirement(key="quiz:1", label="Pass the quiz", met=(user.pk, l.pk) in passed)]
            for l in lessons
            if l.pk == lesson.pk
        }

    register_requirement_provider(provider)
    yield lesson, passed
    requirements_module._providers.remove(provider)


@pytest.mark.django_db
def test_enrolment_creates_module_rows_at_zero(enrolled, tree):
    rows = ModuleProgress.objects.filter(enrollment=enrolled).order_by("module__path")
    assert [(row.module_id, row.progress) for row in rows] == [(m.pk, 0.0) for m in tree.modules]
    enrolled.refresh_from_db()
    assert (enrolled.lessons_required, enrolled.lessons_completed, enrolled.progress) == (9, 0, 0.0)


@pytest.mark.django_db
def test_starting_then_completing_a_lesson(enrolled, trainee, tree):
    lesson = tree.lessons[0][0]

    # when
    progress = lesson_start(user=trainee, lesson=lesson)
    result = lesson_complete(user=trainee, lesson=lesson)

    # then
    progress.refresh_from_db()
    assert progress.status == LessonStatus.COMPLETED and progress.completed_at and progress.finished_via == "button"
    assert result.newly_completed and not result.course_newly_completed
    enrolled.refresh_from_db()
    assert enrolled.lessons_completed == 1 and enrolled.last_lesson_id == lesson.pk and enrolled.last_activity_at
    assert ModuleProgress.objects.get(enrollment=enrolled, module=tree.modules[0]).lessons_completed == 1


@pytest.mark.django_db
def test_completing_twice_keeps_one_row_and_the_first_time(enrolled, trainee, tree):
    lesson = tree.lessons[0][0]
    first = lesson_complete(user=trainee, lesson=lesson)
    second = lesson_complete(user=trainee, lesson=lesson, via="scroll")
    assert LessonProgress.objects.filter(enrollment=enrolled, lesson=lesson).count() == 1
    assert not second.newly_completed
    row = LessonProgress.objects.get(enrollment=enrolled, lesson=lesson)
    assert row.completed_at == first.progress.completed_at and row.finished_via == "button"


@pytest.mark.django_db
def test_a_trainee_cannot_complete_a_lesson_of_a_course_they_are_not_enrolled_in(trainee, tree):
    with pytest.raises(LessonUnavailable) as error:
        lesson_complete(user=trainee, lesson=tree.lessons[0][0])
    assert error.value.code == "not_enrolled"
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_a_lesson_in_a_locked_module_cannot_be_completed(enrolled, trainee, tree):
    with pytest.raises(LessonUnavailable) as error:
        lesson_complete(user=trainee, lesson=tree.lessons[1][0])
    assert error.value.code == "locked"
    assert "1" in str(error.value) and not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_completing_a_module_unlocks_the_next_and_the_course_completes_once(enrolled, trainee, tree, completions):
    # when modules 1 and 2 are done
    complete_module(trainee, tree.lessons[0])
    lesson_complete(user=trainee, lesson=tree.lessons[1][0])  # unlocked now
    complete_module(trainee, tree.lessons[1][1:])
    # then
    rows = {row.module_id: row for row in ModuleProgress.objects.filter(enrollment=enrolled)}
    assert rows[tree.modules[0].pk].completed_at and rows[tree.modules[1].pk].completed_at
    assert rows[tree.modules[2].pk].progress == 0.0
    assert completions == []

    # when the last module is done, and a lesson completed again
    complete_module(trainee, tree.lessons[2][:2])
    last = lesson_complete(user=trainee, lesson=tree.lessons[2][2])
    again = lesson_complete(user=trainee, lesson=tree.lessons[2][2])
    assert last.course_newly_completed and not again.course_newly_completed

    # then the course is complete, and the signal came exactly once
    enrolled.refresh_from_db()
    assert enrolled.completed_at is not None and enrolled.progress == 1.0
    assert completions == [(trainee.pk, tree.course.pk, enrolled.completed_at)]


@pytest.mark.django_db
def test_an_unmet_requirement_holds_the_lesson_until_the_activity_app_reports(enrolled, trainee, quiz_requirement):
    lesson, passed = quiz_requirement

    # when the trainee finishes reading but has not passed the quiz
    result = lesson_complete(user=trainee, lesson=lesson)

    # then the lesson is finished, not completed, and says what is missing
    assert not result.newly_completed and [r.key for r in result.unmet] == ["quiz:1"]
    row = LessonProgress.objects.get(enrollment=enrolled, lesson=lesson)
    assert row.status == LessonStatus.STARTED and row.finished_at

    # when the quiz app reports a pass
    passed.add((trainee.pk, lesson.pk))
    lesson_activity_completed.send(sender=LessonProgress, user=trainee, lesson_id=lesson.pk)

    # then learning re-decides: completed
    row.refresh_from_db()
    assert row.status == LessonStatus.COMPLETED
    enrolled.refresh_from_db()
    assert enrolled.lessons_completed == 1


@pytest.mark.django_db
def test_passing_the_activity_before_reading_to_the_end_does_not_complete(enrolled, trainee, quiz_requirement):
    lesson, passed = quiz_requirement
    passed.add((trainee.pk, lesson.pk))
    lesson_activity_completed.send(sender=LessonProgress, user=trainee, lesson_id=lesson.pk)
    row = LessonProgress.objects.get(enrollment=enrolled, lesson=lesson)
    assert row.status == LessonStatus.STARTED and row.finished_at is None
    # finishing the reading completes it
    assert lesson_complete(user=trainee, lesson=lesson).newly_completed


@pytest.mark.django_db
def test_time_spent_is_measured_by_the_server_and_bounded(enrolled, trainee, tree):
    lesson = tree.lessons[0][0]
    progress = lesson_start(user=trainee, lesson=lesson)
    # given the page was opened 5 minutes ago
    LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=timezone.now() - dt.timedelta(minutes=5))
    assert 299 <= lesson_time_record(user=trainee, lesson=lesson) <= 301
    # given a tab left open for two days
    LessonProgress.objects.filter(pk=progress.pk).update(last_seen_at=timezone.now() - dt.timedelta(days=2))
    assert lesson_time_record(user=trainee, lesson=lesson) == 3600
    progress.refresh_from_db()
    assert 3899 <= progress.seconds_spent <= 3901


@pytest.mark.django_db
def test_the_database_refuses_progress_outside_0_to_1_and_duplicate_rows(enrolled, tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.filter(pk=enrolled.pk).update(progress=1.5)
    lesson = tree.lessons[0][0]
    LessonProgress.objects.create(enrollment=enrolled, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.create(enrollment=enrolled, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LessonProgress.objects.filter(enrollment=enrolled).update(status=LessonStatus.COMPLETED)
