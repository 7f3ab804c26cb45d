"""The grade a trainee keeps for a quiz, per grading method, and essays
graded by a trainer with a rubric."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from learning.quizzes.errors import GradingRejected
from learning.quizzes.factories import QuizFactory, add_slots
from learning.quizzes.models import AttemptEvent, AttemptStatus, GradingMethod
from learning.quizzes.selectors import course_final_exam_get, quiz_result_get, quiz_results_for_user, quiz_results_for_users
from learning.quizzes.services import attempt_answers_save, attempt_essay_grade, attempt_start, attempt_submit
from learning.quizzes.signals import quiz_attempt_graded

from .helpers import right_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def four_questions(course, bank):
    """A quiz of four one-point questions: each right answer is 25 %."""
    quiz = QuizFactory(course=course, pass_mark_percent=Decimal("50"), shuffle_options=False)
    return add_slots(quiz, bank["single"], bank["true_false"], bank["short"], bank["matching"])


def take(quiz, user, right: int, now=None):
    """An attempt with the first ``right`` questions answered right."""
    attempt = attempt_start(user=user, quiz=quiz, now=now)
    responses = {aq.position: right_answer(aq.snapshot) for aq in attempt.questions.filter(position__lte=right)}
    if responses:
        attempt_answers_save(attempt=attempt, user=user, responses=responses, now=now)
    return attempt_submit(attempt=attempt, user=user, now=now)


@pytest.mark.parametrize(
    ("method", "percent", "passed", "deciding"),
    [
        (GradingMethod.HIGHEST, Decimal("75.00"), True, 2),
        (GradingMethod.LAST, Decimal("25.00"), False, 3),
        (GradingMethod.FIRST, Decimal("50.00"), True, 1),
        (GradingMethod.AVERAGE, Decimal("50.00"), True, None),
    ],
)
def test_grading_methods(four_questions, trainee, method, percent, passed, deciding):
    # given three attempts scoring 50 %, 75 % and 25 %
    four_questions.grading_method = method
    four_questions.save()
    attempts = [take(four_questions, trainee, right) for right in (2, 3, 1)]
    # then the result follows the grading method
    result = quiz_result_get(user=trainee, quiz=four_questions)
    assert (result.score_percent, result.passed, result.attempts_graded) == (percent, passed, 3)
    assert result.attempt_id == (attempts[deciding - 1].pk if deciding else None)
    assert result.graded_at == (attempts[deciding - 1].graded_at if deciding else attempts[-1].graded_at)


def test_highest_keeps_the_earliest_of_equal_scores(four_questions, trainee):
    first = take(four_questions, trainee, 2)
    take(four_questions, trainee, 2)
    assert quiz_result_get(user=trainee, quiz=four_questions).attempt_id == first.pk


def test_batch_selectors_answer_in_one_query(four_questions, trainee, django_assert_num_queries):
    from accounts.factories import UserFactory

    others = [UserFactory() for _ in range(5)]
    for index, user in enumerate([trainee, *others]):
        take(four_questions, user, index % 5)
    with django_assert_num_queries(1):
        results = quiz_results_for_users(quiz=four_questions, users=[trainee, *others])
    assert len(results) == 6 and results[trainee.pk].score_percent == Decimal("0.00")
    with django_assert_num_queries(1):
        assert list(quiz_results_for_user(user=trainee, quizzes=[four_questions.pk])) == [four_questions.pk]


def test_no_result_before_any_graded_attempt(four_questions, trainee):
    attempt_start(user=trainee, quiz=four_questions)
    assert quiz_result_get(user=trainee, quiz=four_questions) is None


def test_course_final_exam_selector(course):
    from learning.quizzes.models import QuizKind

    assert course_final_exam_get(course=course) is None
    exam = QuizFactory(course=course, kind=QuizKind.COURSE_EXAM)
    assert course_final_exam_get(course=course.pk) == exam


# --- essays -------------------------------------------------------------------------


@pytest.fixture
def essay_quiz(course, bank):
    quiz = QuizFactory(course=course, pass_mark_percent=Decimal("60"))
    return add_slots(quiz, bank["single"], bank["essay"])  # 1 + 4 points


@pytest.fixture
def submitted_essay(essay_quiz, trainee):
    attempt = attempt_start(user=trainee, quiz=essay_quiz)
    attempt_answers_save(attempt=attempt, user=trainee, responses={aq.position: right_answer(aq.snapshot) for aq in attempt.questions.all()})
    return attempt_submit(attempt=attempt, user=trainee)


def test_an_essay_waits_for_its_trainer_before_any_result(submitted_essay, trainee, essay_quiz):
    assert submitted_essay.status == AttemptStatus.NEEDS_GRADING
    assert submitted_essay.score == Decimal("1.000")
    assert submitted_essay.passed is None
    assert quiz_result_get(user=trainee, quiz=essay_quiz) is None


def test_grading_the_essay_with_its_rubric_grades_the_attempt(submitted_essay, trainer, trainee, essay_quiz):
    graded = []
    quiz_attempt_graded.connect(receiver := (lambda sender, **kw: graded.append(kw["attempt"].pk)), weak=False)
    try:
        essay = submitted_essay.questions.get(question_type="essay")
        criteria = [c["id"] for c in essay.snapshot["rubric"]]
        # when the trainer gives 2/2 and 1/2
        attempt_essay_grade(attempt_question=essay, grader=trainer, scores={str(criteria[0]): "2", str(criteria[1]): "1"}, comment="تحليل جيد")
    finally:
        quiz_attempt_graded.disconnect(receiver)
    # then the essay earns 3 of 4 points and the attempt 4 of 5 (80 %)
    essay.refresh_from_db()
    submitted_essay.refresh_from_db()
    assert (essay.points, essay.graded_by, essay.grader_comment) == (Decimal("3.000"), trainer, "تحليل جيد")
    assert (submitted_essay.status, submitted_essay.score_percent, submitted_essay.passed) == (AttemptStatus.GRADED, Decimal("80.00"), True)
    assert quiz_result_get(user=trainee, quiz=essay_quiz).passed is True
    assert graded == [submitted_essay.pk]


def test_regrading_an_essay_replaces_the_grade_and_keeps_the_trail(submitted_essay, trainer):
    essay = submitted_essay.questions.get(question_type="essay")
    criteria = [str(c["id"]) for c in essay.snapshot["rubric"]]
    attempt_essay_grade(attempt_question=essay, grader=trainer, scores=dict.fromkeys(criteria, "2"))
    attempt_essay_grade(attempt_question=essay, grader=trainer, scores=dict.fromkeys(criteria, "0"))
    submitted_essay.refresh_from_db()
    assert (submitted_essay.score_percent, submitted_essay.passed) == (Decimal("20.00"), False)
    events = list(AttemptEvent.objects.filter(attempt=submitted_essay, kind="essay_graded").values_list("data", flat=True))
    assert [(e["points"], e["previous_points"]) for e in events] == [("4.000", None), ("0.000", "4.000")]


@pytest.mark.parametrize("scores", [{"first": "3"}, {"first": "-1"}, {"first": "abc"}, {"first": ""}, {"first": "1", "9999": "1"}])
def test_rubric_scores_outside_the_rubric_are_rejected(submitted_essay, trainer, scores):
    essay = submitted_essay.questions.get(question_type="essay")
    criteria = [str(c["id"]) for c in essay.snapshot["rubric"]]
    scores = {(criteria[0] if key == "first" else key): value for key, value in scores.items()}
    scores.setdefault(criteria[1], "1")
    with pytest.raises(GradingRejected):
        attempt_essay_grade(attempt_question=essay, grader=trainer, scores=scores)
    essay.refresh_from_db()
    assert essay.graded_at is None and essay.points is None


def test_an_essay_cannot_be_graded_before_submission(essay_quiz, trainee, trainer):
    attempt = attempt_start(user=trainee, quiz=essay_quiz)
    essay = attempt.questions.get(question_type="essay")
    with pytest.raises(GradingRejected):
        attempt_essay_grade(attempt_question=essay, grader=trainer, scores={"overall": "1"})


def test_a_timed_out_attempt_with_an_essay_waits_for_grading(essay_quiz, trainee):
    essay_quiz.time_limit_minutes = 5
    essay_quiz.save()
    start = timezone.now()
    attempt = attempt_start(user=trainee, quiz=essay_quiz, now=start)
    attempt = attempt_submit(attempt=attempt, user=trainee, now=start + timedelta(minutes=7))
    assert (attempt.status, attempt.close_reason) == (AttemptStatus.NEEDS_GRADING, "time_up")
