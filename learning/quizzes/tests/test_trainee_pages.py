"""The trainee's quiz pages: start, answer page by page (without JavaScript),
autosave (the script's form post), submit, review, and the rules the pages
enforce, asserted on what the trainee sees."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from learning.models import LessonProgress, LessonStatus
from learning.quizzes.factories import QuizFactory, add_slots, choice_question
from learning.quizzes.models import Attempt, AttemptStatus, FeedbackTiming
from learning.services import enrollment_create, lesson_complete

from .helpers import right_answer, wrong_answer

pytestmark = pytest.mark.django_db

NOT_AN_OPTION = gettext_lazy("Question %(number)s: this is not one of the question's options.")


@pytest.fixture
def enrolled(trainee, course):
    enrollment_create(user=trainee, course=course)
    return trainee


@pytest.fixture
def client_in(client, enrolled):
    client.force_login(enrolled)
    return client


@pytest.fixture
def quiz(course, category):
    quiz = QuizFactory(course=course, questions_per_page=2, shuffle_options=False, time_limit_minutes=20)
    questions = [choice_question(category, text_ar=f"سؤال الصفحة {n}", shuffle_options=False) for n in range(3)]
    return add_slots(quiz, *questions)


def _start(client, quiz, lesson=None):
    data = {"lesson": lesson.pk} if lesson else {}
    response = client.post(reverse("quizzes:start", args=[quiz.pk]), data)
    attempt = Attempt.objects.get(quiz=quiz)
    assert response.status_code == 302 and response.url == reverse("quizzes:attempt", args=[attempt.pk])
    return attempt


def _form(attempt, page, answer=right_answer, **extra):
    data = {"page": str(page), **extra}
    data["shown"] = []
    for aq in attempt.questions.filter(page=page):
        data["shown"].append(str(aq.position))
        data[f"q{aq.position}"] = answer(aq.snapshot)
    return data


def test_starting_shows_the_first_page_with_the_time_left(client_in, quiz):
    # when the trainee starts the quiz
    attempt = _start(client_in, quiz)
    page = client_in.get(reverse("quizzes:attempt", args=[attempt.pk]))
    # then the first page shows its two questions, the timer and the navigation
    html = page.content.decode()
    assert page.status_code == 200
    assert "سؤال الصفحة 0" in html and "سؤال الصفحة 1" in html and "سؤال الصفحة 2" not in html
    assert 'data-seconds-left="11' in html or 'data-seconds-left="12' in html  # ~1200 s
    assert 'name="go" value="next"' in html


def test_pages_save_without_javascript_and_reopening_resumes(client_in, quiz):
    attempt = _start(client_in, quiz)
    # when page 1 is submitted with "next"
    response = client_in.post(reverse("quizzes:attempt", args=[attempt.pk]), _form(attempt, 1, go="next"))
    # then the answers are stored and page 2 is shown
    assert response.status_code == 302 and response.url.endswith("?page=2")
    saved = list(attempt.questions.filter(page=1).values_list("response", flat=True))
    assert all(value is not None for value in saved)
    # and reopening the attempt (no page given) resumes on page 2 with the answer checked on page 1
    resumed = client_in.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert "سؤال الصفحة 2" in resumed.content.decode()
    first = client_in.get(reverse("quizzes:attempt", args=[attempt.pk]) + "?page=1").content.decode()
    assert first.count(" checked") == 2
    # and starting again returns the same attempt
    client_in.post(reverse("quizzes:start", args=[quiz.pk]))
    assert Attempt.objects.filter(quiz=quiz).count() == 1


def test_autosave_answers_in_json(client_in, quiz):
    attempt = _start(client_in, quiz)
    response = client_in.post(reverse("quizzes:autosave", args=[attempt.pk]), _form(attempt, 1))
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["saved"] == 2 and 1100 < body["seconds_left"] <= 1200


def test_submit_grades_and_review_shows_the_score_and_feedback(client_in, quiz):
    attempt = _start(client_in, quiz)
    client_in.post(reverse("quizzes:attempt", args=[attempt.pk]), _form(attempt, 1, go="next"))
    client_in.post(reverse("quizzes:attempt", args=[attempt.pk]), _form(attempt, 2, answer=wrong_answer, go="summary"))
    summary = client_in.get(reverse("quizzes:summary", args=[attempt.pk]))
    assert "Submit my answers" in summary.content.decode() or "إرسال" in summary.content.decode()
    response = client_in.post(reverse("quizzes:summary", args=[attempt.pk]), follow=True)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and str(attempt.score_percent) == "66.67"
    html = response.content.decode()
    assert "66,67%" in html  # Arabic (Morocco) decimal comma
    assert "أحسنت" in html and "راجع الدرس" in html  # per-option feedback of the chosen options
    # a second submit is a no-op
    again = client_in.post(reverse("quizzes:summary", args=[attempt.pk]))
    assert again.status_code == 302
    attempt.refresh_from_db()
    assert str(attempt.score_percent) == "66.67"


def test_review_respects_never(client_in, course, category):
    quiz = add_slots(QuizFactory(course=course, feedback_timing=FeedbackTiming.NEVER), choice_question(category))
    attempt = _start(client_in, quiz)
    client_in.post(reverse("quizzes:attempt", args=[attempt.pk]), _form(attempt, 1, go="summary"))
    html = client_in.post(reverse("quizzes:summary", args=[attempt.pk]), follow=True).content.decode()
    assert "100%" in html
    assert "أحسنت" not in html and 'type="radio"' not in html


@pytest.mark.parametrize(
    "tamper, message",
    [
        (lambda data, attempt: data.update({"shown": [*data["shown"], "99"], "q99": "1"}), "99"),
        (lambda data, attempt: data.update({"q1": "123456789"}), NOT_AN_OPTION),
        (lambda data, attempt: data.update({"q1": "abc"}), NOT_AN_OPTION),
    ],
    ids=["question not in attempt", "option of another question", "not an id"],
)
def test_tampered_answers_are_rejected_with_a_clear_message_and_nothing_saved(client, enrolled, quiz, tamper, message):
    client.force_login(enrolled)
    attempt = _start(client, quiz)
    data = _form(attempt, 1, go="next")
    tamper(data, attempt)
    response = client.post(reverse("quizzes:attempt", args=[attempt.pk]), data)
    # then the page comes back in Arabic naming the problem, and nothing was saved
    assert response.status_code == 400
    with translation.override("ar"):
        expected = str(message) % {"number": 1} if "%" in str(message) else message
    assert 'role="alert"' in response.content.decode()
    assert expected in response.content.decode()
    assert not attempt.questions.exclude(response=None).exists()


def test_answers_after_the_deadline_and_grace_close_the_attempt(client_in, quiz):
    attempt = _start(client_in, quiz)
    client_in.post(reverse("quizzes:autosave", args=[attempt.pk]), _form(attempt, 1))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    # when a late page arrives
    response = client_in.post(reverse("quizzes:attempt", args=[attempt.pk]), _form(attempt, 2, go="next"))
    # then it is refused, and the attempt is graded with what was saved in time
    assert response.status_code == 302 and response.url == reverse("quizzes:review", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.close_reason == "time_up"
    assert attempt.questions.filter(page=2).first().response is None
    # and the script's save is told the attempt is closed
    late = client_in.post(reverse("quizzes:autosave", args=[attempt.pk]), _form(attempt, 2))
    assert late.status_code == 409 and late.json()["closed"]


def test_another_users_attempt_is_forbidden(client, quiz, enrolled, django_user_model):
    client.force_login(enrolled)
    attempt = _start(client, quiz)
    other = django_user_model.objects.create_user(email="other@example.org", password="x")
    client.force_login(other)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 403
    assert client.post(reverse("quizzes:autosave", args=[attempt.pk]), _form(attempt, 1)).status_code == 403
    assert client.get(reverse("quizzes:review", args=[attempt.pk])).status_code == 403


def test_not_enrolled_cannot_start(client, trainee, quiz):
    client.force_login(trainee)
    assert client.post(reverse("quizzes:start", args=[quiz.pk])).status_code == 403
    assert not Attempt.objects.exists()


def test_a_required_quiz_in_a_lesson_completes_it_only_when_passed(client_in, enrolled, quiz, lesson):
    # given a lesson whose body has the quiz, required
    lesson.body = [("quiz", {"quiz": quiz, "required": True})]
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    # the lesson page shows the quiz block
    html = client_in.get(lesson.url).content.decode()
    assert quiz.title_ar in html and f"?lesson={lesson.pk}" in html
    # when the trainee marks it complete, it waits for the quiz
    result = lesson_complete(user=enrolled, lesson=lesson)
    assert not result.newly_completed and [r.key for r in result.unmet] == [f"quiz:{quiz.pk}"]
    # and after passing the quiz started from the lesson, the lesson is complete
    attempt = _start(client_in, quiz, lesson=lesson)
    for page in (1, 2):
        client_in.post(reverse("quizzes:attempt", args=[attempt.pk]), _form(attempt, page, go="next"))
    client_in.post(reverse("quizzes:summary", args=[attempt.pk]))
    progress = LessonProgress.objects.get(enrollment__user=enrolled, lesson=lesson)
    assert progress.status == LessonStatus.COMPLETED


def test_attempt_page_queries_do_not_grow_with_questions(client_in, course, category, django_assert_max_num_queries):
    counts = []
    for size in (5, 30):
        quiz = add_slots(QuizFactory(course=course, questions_per_page=size), *[choice_question(category) for _ in range(size)])
        attempt = _start(client_in, quiz)
        url = reverse("quizzes:attempt", args=[attempt.pk])
        with django_assert_max_num_queries(14) as captured:
            assert client_in.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
        attempt.delete()
    assert counts[0] == counts[1]
