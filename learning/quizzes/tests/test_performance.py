"""Query counts that do not grow with the size of the bank."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.quizzes.factories import QuestionCategoryFactory, QuizFactory, add_slots, bulk_choice_questions
from learning.quizzes.services import attempt_answers_save, attempt_start, attempt_submit

from .helpers import answers_for

pytestmark = pytest.mark.django_db

SUBMIT_MAX_QUERIES = 12
START_MAX_QUERIES = 15


def _fifty_question_attempt(course, trainee, bank_size):
    category = QuestionCategoryFactory(course=course)
    questions = bulk_choice_questions(category, bank_size)
    quiz = add_slots(QuizFactory(course=course, questions_per_page=10), *questions[:50])
    return attempt_start(user=trainee, quiz=quiz)


@pytest.mark.parametrize("bank_size", [50, 600])
def test_saving_and_grading_fifty_answers_takes_a_fixed_number_of_queries(course, trainee, bank_size, django_assert_max_num_queries):
    # given a 50-question attempt from a bank of 50 or 600 questions
    attempt = _fifty_question_attempt(course, trainee, bank_size)
    answers = answers_for(attempt)
    # when all answers arrive at once and the attempt is submitted and graded
    with django_assert_max_num_queries(6):
        attempt_answers_save(attempt=attempt, user=trainee, responses=answers)
    with django_assert_max_num_queries(SUBMIT_MAX_QUERIES):
        attempt = attempt_submit(attempt=attempt, user=trainee)
    # then every answer was graded
    assert attempt.score == 50


def test_submit_queries_do_not_depend_on_bank_size(course, trainee, django_user_model):
    counts = []
    for bank_size in (50, 500):
        user = django_user_model.objects.create(email=f"size{bank_size}@example.ma")
        attempt = _fifty_question_attempt(course, user, bank_size)
        attempt_answers_save(attempt=attempt, user=user, responses=answers_for(attempt))
        with CaptureQueriesContext(connection) as queries:
            attempt_submit(attempt=attempt, user=user)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _start_drawing(course, trainee, bank_size):
    category = QuestionCategoryFactory(course=course)
    bulk_choice_questions(category, bank_size)
    quiz = add_slots(QuizFactory(course=course, shuffle_questions=True), category=category, draw=20)
    with CaptureQueriesContext(connection) as queries:
        attempt = attempt_start(user=trainee, quiz=quiz)
    assert attempt.questions.count() == 20
    return len(queries)


def test_drawing_twenty_of_two_thousand_takes_a_fixed_number_of_queries(course, trainee, django_user_model):
    small = _start_drawing(course, trainee, 100)
    large = _start_drawing(course, django_user_model.objects.create(email="large@example.ma"), 2000)
    assert large == small
    assert large <= START_MAX_QUERIES
