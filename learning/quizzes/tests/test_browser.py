"""In a real browser (Chromium, phone-sized): a trainee takes a timed quiz,
answers are saved by the script as they are given, the page is reloaded
mid-way and the attempt resumes with the answers kept and the time left
still counting; the trainee finishes and reads the score."""

from decimal import Decimal

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.quizzes.factories import QuestionCategoryFactory, QuestionFactory, QuizFactory, add_slots, choice_question, course_tree
from learning.quizzes.models import Attempt, AttemptStatus, QuestionType
from learning.services import enrollment_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start_attempt(page, live_server, client, quiz) -> Attempt:
    """An enrolled trainee, signed in in the browser, starts ``quiz``."""
    trainee = UserFactory(roles=[Role.TRAINEE])
    enrollment_create(user=trainee, course=quiz.course)
    client.force_login(trainee)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page.goto(f"/quizzes/{quiz.pk}/")
    page.get_by_role("button", name="بدء الاختبار").click()
    page.wait_for_url("**/quizzes/attempts/*/")
    return Attempt.objects.get(quiz=quiz, user=trainee)


def test_take_a_timed_quiz_reload_mid_way_and_finish_with_the_answers_kept(page, live_server, client):
    # given an enrolled trainee and a timed quiz of two pages
    course, _module, _lesson = course_tree()
    category = QuestionCategoryFactory(course=course)
    first = choice_question(category, text_ar="ما دور الوسيط؟", correct="مساعدة الطرفين", wrong=("الحكم",), shuffle_options=False)
    short = QuestionFactory(category=category, type=QuestionType.SHORT_ANSWER, text_ar="ما أهم مهارة؟", options=[{"text_ar": "الإنصات", "grade_percent": 100}])
    numeric = QuestionFactory(
        category=category, type=QuestionType.NUMERIC, text_ar="كم عدد المراحل؟",
        options=[{"numeric_value": Decimal("4"), "grade_percent": 100}],
    )
    quiz = add_slots(QuizFactory(course=course, time_limit_minutes=15, questions_per_page=2, shuffle_options=False), first, short, numeric)

    # when an enrolled trainee starts the quiz
    attempt = start_attempt(page, live_server, client, quiz)
    timer = page.locator(".quiz-timer__value")
    assert timer.inner_text().startswith("14:") or timer.inner_text().startswith("15:")

    # and answers the first page; the script saves each answer without a page change
    page.get_by_label("مساعدة الطرفين").check()
    page.locator("input[name=q2]").fill("الإنْصات")  # with a sukun: still right
    page.wait_for_function("document.getElementById('quiz-form').getAttribute('data-saved') === '1'")
    page.wait_for_function("document.getElementById('quiz-save-status').textContent.length > 0")
    page.wait_for_timeout(2000)  # the typing debounce
    assert attempt.questions.get(position=2).response == "الإنْصات"

    # and reloads the page (as after a dropped connection)
    page.reload()

    # then the answers are still there and the timer still counts down from the deadline
    assert page.get_by_label("مساعدة الطرفين").is_checked()
    assert page.locator("input[name=q2]").input_value() == "الإنْصات"
    assert page.locator(".quiz-timer__value").inner_text()[:2] in ("14", "13")

    # when the trainee goes on to page 2 (a plain form post), answers with Arabic-Indic digits and submits
    page.get_by_role("button", name="حفظ والانتقال إلى الصفحة التالية").click()
    page.locator("input[name=q3]").fill("٤")
    page.get_by_role("button", name="حفظ وإنهاء المحاولة…").click()
    page.get_by_role("button", name="إرسال إجاباتي").click()

    # then the review shows the full score, and the attempt is graded on the server
    page.wait_for_url("**/review/")
    assert "100%" in page.locator(".quiz-result__score").inner_text()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.score_percent == 100
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_timer_submits_the_attempt_when_the_time_is_up(page, live_server, client):
    # given an attempt with a few seconds left
    course, _module, _lesson = course_tree()
    category = QuestionCategoryFactory(course=course)
    quiz = add_slots(QuizFactory(course=course, time_limit_minutes=1, shuffle_options=False), choice_question(category, shuffle_options=False, correct="نعم"))
    attempt = start_attempt(page, live_server, client, quiz)
    from datetime import timedelta

    from django.utils import timezone

    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=4))
    page.reload()
    page.get_by_label("نعم").check()
    # when the time runs out, the page submits itself, with the answer on screen
    page.wait_for_url("**/review/", timeout=20_000)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.score_percent == 100
