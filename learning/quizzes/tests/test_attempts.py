"""Starting, answering, submitting and timing attempts, and the rules that
must hold against tampering."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from learning.quizzes.errors import AnswerRejected, AttemptClosed, AttemptTimeUp, NoAttemptsLeft, QuizMisconfigured, QuizNotAvailable
from learning.quizzes.factories import QuestionFactory, QuizFactory, add_slots, choice_question
from learning.quizzes.models import Attempt, AttemptEvent, AttemptQuestion, AttemptStatus, CloseReason, FeedbackTiming, QuestionOption
from learning.quizzes.selectors import quiz_result_get
from learning.quizzes.services import attempt_answers_save, attempt_close_if_overdue, attempt_draw, attempt_start, attempt_submit
from learning.signals import lesson_activity_completed
from learning.quizzes.signals import quiz_attempt_graded

from .helpers import answers_for, right_answer, wrong_answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    """Signals sent during the test: [(signal name, kwargs)]."""
    calls = []

    def on_graded(sender, **kwargs):
        calls.append(("graded", kwargs))

    def on_lesson(sender, **kwargs):
        calls.append(("lesson", kwargs))

    quiz_attempt_graded.connect(on_graded, weak=False)
    lesson_activity_completed.connect(on_lesson, weak=False)
    yield calls
    quiz_attempt_graded.disconnect(on_graded)
    lesson_activity_completed.disconnect(on_lesson)


def test_full_marks_on_every_automatically_graded_type(auto_quiz, trainee, lesson, received):
    # given an attempt started from a lesson
    attempt = attempt_start(user=trainee, quiz=auto_quiz, lesson=lesson)
    assert attempt.max_score == Decimal("10")  # six 1-point questions, a 2-point numeric, a scenario of two 1-point parts
    # when every question is answered right and the attempt submitted
    attempt_answers_save(attempt=attempt, user=trainee, responses=answers_for(attempt))
    attempt = attempt_submit(attempt=attempt, user=trainee)
    # then it is graded on the server: full marks, passed
    assert attempt.status == AttemptStatus.GRADED
    assert (attempt.score, attempt.score_percent, attempt.passed) == (Decimal("10.000"), Decimal("100.00"), True)
    assert set(AttemptQuestion.objects.filter(attempt=attempt).values_list("fraction", flat=True)) == {Decimal("1")}
    # and the result others read is there, with both signals sent
    result = quiz_result_get(user=trainee, quiz=auto_quiz)
    assert (result.score_percent, result.passed, result.attempt_id) == (Decimal("100.00"), True, attempt.pk)
    assert [name for name, _ in received] == ["graded", "lesson"]
    assert received[0][1]["attempt"].pk == attempt.pk and received[0][1]["quiz_id"] == auto_quiz.pk
    assert received[1][1] == {"signal": lesson_activity_completed, "user": trainee, "lesson_id": lesson.pk}


def test_wrong_answers_fail_and_send_no_lesson_completion(auto_quiz, trainee, lesson, received):
    attempt = attempt_start(user=trainee, quiz=auto_quiz, lesson=lesson)
    attempt_answers_save(attempt=attempt, user=trainee, responses={p: a for p, a in answers_for(attempt, wrong_answer).items() if a is not None})
    attempt = attempt_submit(attempt=attempt, user=trainee)
    assert (attempt.score_percent, attempt.passed) == (Decimal("0.00"), False)
    assert [name for name, _ in received] == ["graded"]


def test_unanswered_questions_earn_nothing(auto_quiz, trainee):
    attempt = attempt_start(user=trainee, quiz=auto_quiz)
    first = attempt.questions.get(position=1)
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(first.snapshot)})
    attempt = attempt_submit(attempt=attempt, user=trainee)
    assert attempt.score == Decimal("1.000")
    assert attempt.score_percent == Decimal("10.00")


# --- freezing ---------------------------------------------------------------


def test_editing_the_quiz_and_bank_later_changes_no_past_attempt(auto_quiz, bank, trainee):
    # given a graded attempt and one in progress, under a 50 % pass mark
    graded = attempt_start(user=trainee, quiz=auto_quiz)
    attempt_answers_save(attempt=graded, user=trainee, responses={1: right_answer(graded.questions.get(position=1).snapshot)})
    graded = attempt_submit(attempt=graded, user=trainee)
    open_attempt = attempt_start(user=trainee, quiz=auto_quiz)
    frozen = list(open_attempt.questions.values_list("position", "snapshot"))
    # when the trainer edits everything: rules, texts, credits, even removes a question
    auto_quiz.pass_mark_percent = Decimal("5")
    auto_quiz.time_limit_minutes = 1
    auto_quiz.grading_method = "last"
    auto_quiz.save()
    single = bank["single"]
    single.text_ar = "نص جديد"
    single.save()
    QuestionOption.objects.filter(question=single).update(grade_percent=0)
    auto_quiz.slots.filter(question=bank["numeric"]).delete()
    # then the running attempt keeps its questions, rules and grading
    open_attempt.refresh_from_db()
    assert list(open_attempt.questions.values_list("position", "snapshot")) == frozen
    assert (open_attempt.pass_mark_percent, open_attempt.time_limit_minutes, open_attempt.deadline) == (Decimal("50.00"), None, None)
    attempt_answers_save(attempt=open_attempt, user=trainee, responses=answers_for(open_attempt))
    open_attempt = attempt_submit(attempt=open_attempt, user=trainee)
    assert open_attempt.score_percent == Decimal("100.00")
    # and the earlier grade is untouched
    graded.refresh_from_db()
    assert (graded.score_percent, graded.passed) == (Decimal("10.00"), False)


def test_random_draw_is_reproducible_from_the_seed(course, category, trainee):
    # given a quiz drawing 5 of 30 questions, shuffled
    for _ in range(30):
        choice_question(category)
    quiz = add_slots(QuizFactory(course=course, shuffle_questions=True), category=category, draw=5)
    # when an attempt starts
    attempt = attempt_start(user=trainee, quiz=quiz)
    drawn = list(attempt.questions.order_by("position").values_list("question_id", flat=True))
    # then its stored seed draws the same questions in the same order
    assert len(drawn) == 5
    assert attempt_draw(quiz=quiz, seed=attempt.seed) == drawn
    assert attempt_draw(quiz=quiz, seed=attempt.seed + 1) != drawn


def test_draws_never_repeat_a_fixed_question(course, category, trainee):
    questions = [choice_question(category) for _ in range(3)]
    quiz = add_slots(QuizFactory(course=course), questions[0], category=category, draw=2)
    attempt = attempt_start(user=trainee, quiz=quiz)
    assert sorted(attempt.questions.values_list("question_id", flat=True)) == sorted(q.pk for q in questions)


def test_subcategories_are_drawn_from_when_asked(course, category, trainee):
    from learning.quizzes.factories import QuestionCategoryFactory

    child = QuestionCategoryFactory(course=course, parent=category)
    inner = choice_question(child)
    quiz = add_slots(QuizFactory(course=course), category=category, draw=1, include_subcategories=True)
    attempt = attempt_start(user=trainee, quiz=quiz)
    assert attempt.questions.get().question_id == inner.pk


def test_a_draw_larger_than_the_category_cannot_start(course, category, trainee):
    choice_question(category)
    quiz = add_slots(QuizFactory(course=course), category=category, draw=2)
    with pytest.raises(QuizMisconfigured):
        attempt_start(user=trainee, quiz=quiz)
    assert not Attempt.objects.exists()


def test_options_are_shuffled_per_attempt_and_kept(course, category, trainee):
    question = QuestionFactory(category=category, options=[{"text_ar": f"خيار {i}", "grade_percent": 100 if i == 0 else 0} for i in range(8)])
    quiz = add_slots(QuizFactory(course=course, attempts_allowed=0), question)
    orders = set()
    for _ in range(6):
        attempt = attempt_start(user=trainee, quiz=quiz)
        aq = attempt.questions.get()
        orders.add(tuple(o["id"] for o in aq.snapshot["options"]))
        attempt_submit(attempt=attempt, user=trainee)
    assert len(orders) > 1


# --- starting -----------------------------------------------------------------


def test_starting_twice_resumes_the_open_attempt(auto_quiz, trainee):
    first = attempt_start(user=trainee, quiz=auto_quiz)
    again = attempt_start(user=trainee, quiz=auto_quiz)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_no_more_attempts_than_allowed(auto_quiz, trainee):
    auto_quiz.attempts_allowed = 2
    auto_quiz.save()
    for _ in range(2):
        attempt_submit(attempt=attempt_start(user=trainee, quiz=auto_quiz), user=trainee)
    with pytest.raises(NoAttemptsLeft):
        attempt_start(user=trainee, quiz=auto_quiz)
    assert list(Attempt.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize(("opens", "closes"), [(timedelta(hours=1), None), (None, timedelta(seconds=-1))], ids=["not yet open", "closed"])
def test_a_quiz_outside_its_dates_cannot_start(auto_quiz, trainee, opens, closes):
    now = timezone.now()
    auto_quiz.opens_at = now + opens if opens else None
    auto_quiz.closes_at = now + closes if closes else None
    auto_quiz.save()
    with pytest.raises(QuizNotAvailable):
        attempt_start(user=trainee, quiz=auto_quiz)


def test_deadline_is_the_time_limit_or_the_closing_date_whichever_first(auto_quiz, trainee):
    now = timezone.now()
    auto_quiz.time_limit_minutes = 30
    auto_quiz.closes_at = now + timedelta(minutes=10)
    auto_quiz.save()
    attempt = attempt_start(user=trainee, quiz=auto_quiz, now=now)
    assert attempt.deadline == auto_quiz.closes_at


# --- tampering ------------------------------------------------------------------


@pytest.fixture
def attempt(auto_quiz, trainee):
    return attempt_start(user=trainee, quiz=auto_quiz)


def _saved(attempt):
    return dict(attempt.questions.exclude(response=None).values_list("position", "response"))


def test_an_answer_to_a_question_not_in_the_attempt_is_rejected(attempt, trainee):
    with pytest.raises(AnswerRejected, match="99"):
        attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(attempt.questions.get(position=1).snapshot), 99: "1"})
    assert _saved(attempt) == {}


def test_an_option_of_another_question_is_rejected_with_nothing_saved(attempt, trainee, bank):
    # given a valid answer to question 1 and, for question 3, an option id
    # that exists but belongs to question 1
    first = attempt.questions.get(position=1).snapshot
    foreign = first["options"][0]["id"]
    with pytest.raises(AnswerRejected) as error:
        attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(first), 3: str(foreign)})
    assert "3" in str(error.value.message)
    assert _saved(attempt) == {}


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("multiple", ["1", "abc"]),
        ("single", "not-a-number"),
        ("single", ["1", "2"]),
        ("numeric", "three"),
        ("short", "ب" * 501),
        ("matching", {"999": "1"}),
        ("ordering", {"1": "1"}),
        ("scenario", {"999": "x"}),
    ],
)
def test_answers_are_validated_by_type(attempt, trainee, key, raw):
    positions = {aq.snapshot["id"]: aq.position for aq in attempt.questions.all()}
    from learning.quizzes.models import Question

    kinds = {"multiple": "multiple_response", "single": "single_choice", "numeric": "numeric", "short": "short_answer",
             "matching": "matching", "ordering": "ordering", "scenario": "scenario"}
    question_id = Question.objects.filter(pk__in=positions, type=kinds[key], scenario=None).values_list("pk", flat=True).first()
    with pytest.raises(AnswerRejected):
        attempt_answers_save(attempt=attempt, user=trainee, responses={positions[question_id]: raw})
    assert _saved(attempt) == {}


def test_ordering_positions_must_all_differ(attempt, trainee):
    aq = attempt.questions.get(question_type="ordering")
    items = [item["id"] for item in aq.snapshot["items"]]
    with pytest.raises(AnswerRejected, match=str(aq.position)):
        attempt_answers_save(attempt=attempt, user=trainee, responses={aq.position: {str(i): "1" for i in items}})


def test_a_closed_attempt_takes_no_answers(attempt, trainee):
    attempt_submit(attempt=attempt, user=trainee)
    with pytest.raises(AttemptClosed):
        attempt_answers_save(attempt=attempt, user=trainee, responses=answers_for(attempt))
    assert _saved(attempt) == {}


def test_a_second_submit_is_a_no_op(attempt, trainee, received):
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(attempt.questions.get(position=1).snapshot)})
    first = attempt_submit(attempt=attempt, user=trainee)
    second = attempt_submit(attempt=attempt, user=trainee, now=timezone.now() + timedelta(minutes=5))
    assert (second.score, second.submitted_at, second.graded_at) == (first.score, first.submitted_at, first.graded_at)
    assert AttemptEvent.objects.filter(attempt=attempt, kind="submitted").count() == 1
    assert [name for name, _ in received] == ["graded"]


# --- time -----------------------------------------------------------------------


@pytest.fixture
def timed(auto_quiz, trainee, settings):
    settings.QUIZ_GRACE_SECONDS = 30
    auto_quiz.time_limit_minutes = 10
    auto_quiz.save()
    start = timezone.now()
    return attempt_start(user=trainee, quiz=auto_quiz, now=start), start


def test_answers_within_the_grace_period_are_kept(timed, trainee):
    attempt, start = timed
    first = attempt.questions.get(position=1)
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(first.snapshot)}, now=start + timedelta(minutes=10, seconds=20))
    assert _saved(attempt) == {1: int(right_answer(first.snapshot))}


def test_answers_after_the_deadline_are_rejected_and_the_attempt_graded_with_what_was_saved(timed, trainee, received):
    # given one right answer saved in time
    attempt, start = timed
    snapshots = {aq.position: aq.snapshot for aq in attempt.questions.all()}
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(snapshots[1])}, now=start + timedelta(minutes=5))
    # when the rest arrives after the deadline and its grace period
    with pytest.raises(AttemptTimeUp):
        attempt_answers_save(attempt=attempt, user=trainee, responses=answers_for(attempt), now=start + timedelta(minutes=10, seconds=31))
    # then only the answer saved in time counts, and the attempt is closed as timed out
    attempt.refresh_from_db()
    assert (attempt.status, attempt.close_reason, attempt.score) == (AttemptStatus.GRADED, CloseReason.TIME_UP, Decimal("1.000"))
    assert _saved(attempt) == {1: int(right_answer(snapshots[1]))}
    assert [name for name, _ in received] == ["graded"]


def test_a_late_submit_is_recorded_as_timed_out(timed, trainee):
    attempt, start = timed
    attempt = attempt_submit(attempt=attempt, user=trainee, now=start + timedelta(minutes=11))
    assert attempt.close_reason == CloseReason.TIME_UP


def test_overdue_attempts_are_closed_even_when_nobody_comes_back(timed, trainee):
    from learning.quizzes.tasks import overdue_attempts_close_task

    attempt, start = timed
    # before the deadline (and grace) nothing happens
    assert attempt_close_if_overdue(attempt_id=attempt.pk, now=start + timedelta(minutes=10, seconds=29)) is False
    # the periodic task closes it afterwards, once
    closed = overdue_attempts_close_task(now=(start + timedelta(minutes=11)).isoformat())
    attempt.refresh_from_db()
    assert closed == 1
    assert (attempt.status, attempt.close_reason) == (AttemptStatus.GRADED, CloseReason.TIME_UP)
    assert overdue_attempts_close_task(now=(start + timedelta(minutes=12)).isoformat()) == 0


def test_resuming_an_overdue_attempt_closes_it_and_starts_a_new_one(timed, trainee, auto_quiz):
    attempt, start = timed
    again = attempt_start(user=trainee, quiz=auto_quiz, now=start + timedelta(minutes=20))
    attempt.refresh_from_db()
    assert attempt.close_reason == CloseReason.TIME_UP
    assert again.number == 2


# --- immediate feedback -----------------------------------------------------------


def test_with_immediate_feedback_a_checked_answer_is_locked(auto_quiz, trainee):
    auto_quiz.feedback_timing = FeedbackTiming.IMMEDIATELY
    auto_quiz.save()
    attempt = attempt_start(user=trainee, quiz=auto_quiz)
    first = attempt.questions.get(position=1)
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: wrong_answer(first.snapshot)}, check=True)
    first.refresh_from_db()
    assert first.locked and first.fraction == Decimal("0")
    # sending the same answer again is fine; changing it is not
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: wrong_answer(first.snapshot)})
    with pytest.raises(AnswerRejected):
        attempt_answers_save(attempt=attempt, user=trainee, responses={1: right_answer(first.snapshot)})


def test_check_is_ignored_when_feedback_is_not_immediate(attempt, trainee):
    first = attempt.questions.get(position=1)
    attempt_answers_save(attempt=attempt, user=trainee, responses={1: wrong_answer(first.snapshot)}, check=True)
    first.refresh_from_db()
    assert not first.locked and first.fraction is None
