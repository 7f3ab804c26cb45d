"""Tracking that can be trusted: xAPI statements from the lesson page."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.factories import EnrollmentFactory, course_tree
from learning.h5p.models import H5PAttempt
from learning.h5p.selectors import h5p_requirements, results_for
from learning.h5p.services.xapi import activity_iri
from learning.models import LessonProgress, LessonStatus
from learning.services import lesson_complete

from .conftest import place

pytestmark = pytest.mark.django_db


def statement(activity, *, raw=1, maximum=1, sub=None, parent=False, verb="answered", **extra):
    object_id = activity_iri(activity.pk) + (f"?subContentId={sub}" if sub else "")
    data = {
        "actor": {"name": "ignored", "mbox": "mailto:someone@example.ma"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": object_id, "objectType": "Activity"},
        "result": {"score": {"min": 0, "raw": raw, "max": maximum, "scaled": raw / maximum if maximum else 0},
                   "completion": True, "success": raw == maximum},
        **extra,
    }
    if parent:
        data["context"] = {"contextActivities": {"parent": [{"id": activity_iri(activity.pk)}]}}
    return data


def send(client, activity, lesson, data):
    return client.post(
        reverse("h5p:xapi", args=[activity.pk]), {"lesson": lesson.pk, "statement": data}, content_type="application/json"
    )


@pytest.fixture
def trainee_client(enrolled):
    client = Client()
    client.force_login(enrolled)
    return client


def test_a_top_level_scored_statement_is_an_attempt(trainee_client, enrolled, activity, lesson):
    response = send(trainee_client, activity, lesson, statement(activity, raw=1, maximum=1))
    assert response.status_code == 201
    assert response.json() == {
        "recorded": True,
        "lesson_changed": True,
        "message": "Your browser reported a score of 1 out of 1.",
    } or response.json()["recorded"]
    attempt = H5PAttempt.objects.get()
    assert (attempt.user, attempt.lesson_id, attempt.raw_score, attempt.max_score, attempt.scaled) == (enrolled, lesson.pk, 1, 1, 1)
    assert attempt.verb == "answered" and attempt.success is True


def test_every_attempt_is_kept_and_best_and_last_are_derived(trainee_client, enrolled, activity, lesson):
    for raw in (2, 5, 3):
        assert send(trainee_client, activity, lesson, statement(activity, raw=raw, maximum=5)).status_code == 201
    summary = results_for(users=[enrolled.pk], activity_ids=[activity.pk])[(enrolled.pk, lesson.pk, activity.pk)]
    assert summary.attempts == 3
    assert [a.raw_score for a in summary.history] == [2, 5, 3]
    assert summary.best.raw_score == 5 and summary.last.raw_score == 3


@pytest.mark.parametrize("sub, parent", [("abc-123", False), (None, True)])
def test_sub_questions_never_set_the_score(trainee_client, activity, lesson, sub, parent):
    response = send(trainee_client, activity, lesson, statement(activity, raw=1, maximum=1, sub=sub, parent=parent))
    assert response.status_code == 200
    assert response.json()["recorded"] is False
    assert not H5PAttempt.objects.exists()


@pytest.mark.parametrize(
    "raw, maximum",
    [(-1, 5), (6, 5), (1, 0), (1, -2), ("1", 5), (True, 5), (None, 5), (float("nan"), 5)],
)
def test_scores_out_of_range_are_refused(trainee_client, activity, lesson, raw, maximum):
    data = statement(activity, raw=1, maximum=5)
    data["result"]["score"].update({"raw": raw, "max": maximum})
    response = send(trainee_client, activity, lesson, data) if raw == raw else trainee_client.post(
        reverse("h5p:xapi", args=[activity.pk]),
        '{"lesson": %d, "statement": {"object": {"id": "%s"}, "result": {"score": {"raw": NaN, "max": 5}}}}'
        % (lesson.pk, activity_iri(activity.pk)),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"] in ("النتيجة غير صالحة: يجب أن تكون بين 0 والحد الأقصى.", "هذا البيان غير صالح.")
    assert not H5PAttempt.objects.exists()


def test_statements_about_another_activity_are_refused(trainee_client, activity, lesson):
    data = statement(activity)
    data["object"]["id"] = activity_iri(activity.pk + 1)
    assert send(trainee_client, activity, lesson, data).status_code == 400
    data["object"]["id"] = activity_iri(activity.pk) + "0"
    assert send(trainee_client, activity, lesson, data).status_code == 400
    assert not H5PAttempt.objects.exists()


def test_only_for_a_lesson_holding_the_activity(trainee_client, activity, lesson, tree):
    other = tree.lessons[0][1]
    assert send(trainee_client, activity, other, statement(activity)).status_code == 403
    assert not H5PAttempt.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "not_enrolled", "officer", "trainer"])
def test_only_enrolled_trainees_are_recorded(activity, lesson, who):
    client = Client()
    if who != "anonymous":
        role = {"not_enrolled": Role.TRAINEE, "officer": Role.MINISTRY_OFFICER, "trainer": Role.TRAINER}[who]
        client.force_login(UserFactory(roles=[role]))
    response = send(client, activity, lesson, statement(activity))
    assert response.status_code == (401 if who == "anonymous" else 403)
    assert not H5PAttempt.objects.exists()


def test_csrf_is_required(enrolled, activity, lesson):
    client = Client(enforce_csrf_checks=True)
    client.force_login(enrolled)
    assert send(client, activity, lesson, statement(activity)).status_code == 403


def test_the_result_completes_the_lesson(trainee_client, enrolled, activity, lesson):
    # given: the trainee read the lesson, but its activity is still to do
    result = lesson_complete(user=enrolled, lesson=lesson)
    assert not result.newly_completed
    assert [r.key for r in result.unmet] == [f"h5p:{activity.pk}"]
    # when
    response = send(trainee_client, activity, lesson, statement(activity, raw=0, maximum=1))
    # then: any finished attempt counts (pass mark 0 by default)
    assert response.json()["lesson_changed"] is True
    assert LessonProgress.objects.get(lesson_id=lesson.pk).status == LessonStatus.COMPLETED


def test_a_pass_mark_is_applied(trainee_client, enrolled, activity, lesson):
    place(lesson, activity, pass_percent=80)
    lesson_complete(user=enrolled, lesson=lesson)
    assert send(trainee_client, activity, lesson, statement(activity, raw=3, maximum=5)).json()["lesson_changed"] is False
    assert LessonProgress.objects.get(lesson_id=lesson.pk).status != LessonStatus.COMPLETED
    requirement = h5p_requirements(enrolled, [lesson])[lesson.pk][0]
    assert requirement.label in ("Score at least 80% in the activity “الحياد”", "الحصول على 80% على الأقل في النشاط ”الحياد“")
    assert not requirement.met
    assert send(trainee_client, activity, lesson, statement(activity, raw=4, maximum=5)).json()["lesson_changed"] is True
    assert LessonProgress.objects.get(lesson_id=lesson.pk).status == LessonStatus.COMPLETED


def test_an_optional_activity_is_not_a_requirement(enrolled, activity, lesson):
    place(lesson, activity, required=False)
    assert h5p_requirements(enrolled, [lesson]) == {}


def _ingest_queries(django_assert_max_num_queries, home_page, lessons_per_module, activity):
    tree = course_tree(home_page, modules=5, lessons=lessons_per_module)
    lesson = place(tree.lessons[0][0], activity)
    trainee = UserFactory(roles=[Role.TRAINEE])
    EnrollmentFactory(user=trainee, course=tree.course)
    client = Client()
    client.force_login(trainee)
    send(client, activity, lesson, statement(activity, raw=0, maximum=1))  # first attempt: meets the requirement
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert send(client, activity, lesson, statement(activity, raw=1, maximum=1)).status_code == 201
    return len(queries)


def test_ingest_runs_in_a_flat_number_of_queries(django_assert_max_num_queries, home_page, activity):
    # 5 lessons (5 modules × 1) and 50 lessons (5 modules × 10)
    small = _ingest_queries(django_assert_max_num_queries, home_page, 1, activity)
    large = _ingest_queries(django_assert_max_num_queries, home_page, 10, activity)
    assert small == large
    assert large <= 16


def test_ingest_query_budget(django_assert_max_num_queries, trainee_client, activity, lesson):
    send(trainee_client, activity, lesson, statement(activity))
    with django_assert_max_num_queries(16):
        assert send(trainee_client, activity, lesson, statement(activity)).status_code == 201


def test_requirements_for_many_lessons_in_two_queries(django_assert_num_queries, enrolled, activity, tree, home_page):
    many = course_tree(home_page, modules=5, lessons=10)
    lessons = [place(lesson, activity) for lesson in many.all_lessons]
    with django_assert_num_queries(2):
        result = h5p_requirements(enrolled, lessons)
    assert len(result) == 50


# --- Trainer report -------------------------------------------------------------


def test_trainer_sees_the_cohorts_results_labelled_as_browser_reported(enrolled, trainee_client, activity, lesson, tree):
    from learning.factories import CohortFactory
    from learning.models import CohortMembership, Enrollment

    trainer = UserFactory(roles=[Role.TRAINER])
    cohort = CohortFactory(course=tree.course, trainers=[trainer])
    CohortMembership.objects.create(cohort=cohort, enrollment=Enrollment.objects.get(user=enrolled), source="invitation")
    for raw in (1, 3, 2):
        send(trainee_client, activity, lesson, statement(activity, raw=raw, maximum=4))
    client = Client()
    client.force_login(trainer)
    url = reverse("h5p:cohort_report", args=[cohort.pk])
    html = client.get(url).content.decode()
    assert "أبلغت متصفحات المتدربين عن هذه النتائج (H5P)" in html
    assert "الأفضل 75% · الأخيرة 50% · 3 محاولات" in html
    assert "الحياد" in html
    # other trainers and trainees may not see it
    for role in (Role.TRAINER, Role.TRAINEE):
        other = Client()
        other.force_login(UserFactory(roles=[role]))
        assert other.get(url).status_code == 403
