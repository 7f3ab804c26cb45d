"""Role × URL: every quiz URL, for every kind of visitor, answers what
quizzes/permissions.py decides. Plus the trainer's pages: attempts (and
CSV), statistics, grading essays with a rubric."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.factories import CohortFactory
from learning.models import CohortMembership, Enrollment, MembershipSource
from learning.quizzes.factories import QuestionFactory, QuizFactory, add_slots, choice_question
from learning.quizzes.models import AttemptStatus, QuestionType
from learning.quizzes.services import attempt_answers_save, attempt_start, attempt_submit
from learning.services import enrollment_create

from .helpers import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(course, category, trainee, trainer):
    quiz = add_slots(
        QuizFactory(course=course),
        choice_question(category, text_ar="سؤال الاختيار"),
        QuestionFactory(category=category, type=QuestionType.ESSAY, points=Decimal("4"), text_ar="سؤال المقال",
                        rubric=[{"title_ar": "الفهم", "max_points": Decimal("2")}, {"title_ar": "التطبيق", "max_points": Decimal("2")}]),
    )
    enrollment, _created = enrollment_create(user=trainee, course=course)
    cohort = CohortFactory(course=course, trainers=[trainer])
    CohortMembership.objects.create(cohort=cohort, enrollment=enrollment, source=MembershipSource.TRAINER)
    attempt = attempt_start(user=trainee, quiz=quiz)
    attempt_answers_save(attempt=attempt, user=trainee, responses=answers_for(attempt))
    closed = attempt_submit(attempt=attempt, user=trainee)
    open_attempt_owner = UserFactory(roles=[Role.TRAINEE])
    Enrollment.objects.create(user=open_attempt_owner, course=course, source="self")
    return {"quiz": quiz, "attempt": closed, "trainee": trainee, "trainer": trainer, "course": course}


def _who(world, role):
    if role == "anonymous":
        return None
    if role == "trainee":
        return world["trainee"]
    if role == "trainer":
        return world["trainer"]
    if role == "other_trainer":
        return UserFactory(roles=[Role.TRAINER])
    if role == "officer":
        return UserFactory(roles=[Role.MINISTRY_OFFICER])
    return UserFactory(roles=[Role.TRAINEE])  # another trainee, not enrolled


URLS = {
    "quiz": lambda w: reverse("quizzes:quiz", args=[w["quiz"].pk]),
    "review": lambda w: reverse("quizzes:review", args=[w["attempt"].pk]),
    "attempt": lambda w: reverse("quizzes:attempt", args=[w["attempt"].pk]),
    "summary": lambda w: reverse("quizzes:summary", args=[w["attempt"].pk]),
    "attempts": lambda w: reverse("quizzes:attempts", args=[w["quiz"].pk]),
    "statistics": lambda w: reverse("quizzes:statistics", args=[w["quiz"].pk]),
    "grade": lambda w: reverse("quizzes:grade", args=[w["attempt"].pk]),
    "bank_export": lambda w: reverse("quizzes:bank_export", args=[w["course"].pk]),
}
# 302 for the trainee's own closed attempt pages: they lead to the review.
EXPECTED = {
    #               quiz review attempt summary attempts statistics grade bank_export
    "anonymous":     (302, 302, 302, 302, 302, 302, 302, 302),
    "trainee":       (200, 200, 302, 302, 403, 403, 403, 403),
    "other_trainee": (403, 403, 403, 403, 403, 403, 403, 403),
    "trainer":       (200, 200, 403, 403, 200, 200, 200, 200),
    "other_trainer": (200, 403, 403, 403, 403, 403, 403, 200),
    "officer":       (200, 200, 403, 403, 200, 200, 403, 200),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_by_url_matrix(client, world, role):
    user = _who(world, role)
    if user is not None:
        client.force_login(user)
    got = tuple(client.get(url(world)).status_code for url in URLS.values())
    assert dict(zip(URLS, got)) == dict(zip(URLS, EXPECTED[role]))


def test_trainer_grades_the_essay_with_the_rubric_and_the_attempt_is_graded(client, world):
    attempt, trainer = world["attempt"], world["trainer"]
    assert attempt.status == AttemptStatus.NEEDS_GRADING
    client.force_login(trainer)
    essay = attempt.questions.get(question_type=QuestionType.ESSAY)
    criteria = [c["id"] for c in essay.snapshot["rubric"]]
    url = reverse("quizzes:grade", args=[attempt.pk])
    page = client.get(url).content.decode()
    assert "سؤال المقال" in page and "الفهم" in page
    # out of range: refused, named, nothing stored
    bad = client.post(url, {"position": essay.position, f"score-{essay.position}-{criteria[0]}": "5", f"score-{essay.position}-{criteria[1]}": "1"})
    assert bad.status_code == 400 and "الفهم" in bad.content.decode()
    essay.refresh_from_db()
    assert essay.graded_at is None
    # a valid grade completes the attempt: 1 (choice) + 3.5 of 4 = 90%
    client.post(url, {"position": essay.position, f"score-{essay.position}-{criteria[0]}": "2", f"score-{essay.position}-{criteria[1]}": "1,5", "comment": "تحليل جيد"})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and str(attempt.score_percent) == "90.00"


def test_attempts_csv_lists_the_cohort_only(client, world, course):
    # another trainee outside the trainer's cohorts
    outsider = UserFactory(roles=[Role.TRAINEE], full_name_ar="خارج الفوج")
    enrollment_create(user=outsider, course=course)
    attempt_submit(attempt=attempt_start(user=outsider, quiz=world["quiz"]), user=outsider)
    client.force_login(world["trainer"])
    response = client.get(reverse("quizzes:attempts", args=[world["quiz"].pk]) + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][1] == world["trainee"].email


def test_statistics_queries_stay_flat(client, world, course, category, django_assert_max_num_queries):
    quiz = add_slots(QuizFactory(course=course), *[choice_question(category) for _ in range(5)])
    client.force_login(UserFactory(roles=[Role.MINISTRY_OFFICER]))
    url = reverse("quizzes:statistics", args=[quiz.pk])
    counts = []
    for extra in (3, 12):
        for index in range(extra):
            user = UserFactory(roles=[Role.TRAINEE])
            enrollment_create(user=user, course=course)
            attempt = attempt_start(user=user, quiz=quiz)
            answers = answers_for(attempt)
            if index % 2:
                answers = {position: None for position in answers}
            attempt_answers_save(attempt=attempt, user=user, responses=answers)
            attempt_submit(attempt=attempt, user=user)
        with django_assert_max_num_queries(12) as captured:
            page = client.get(url)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
    html = page.content.decode()
    assert "100,0" in html  # right answers go with high totals: discrimination 100 (Arabic decimal comma)
