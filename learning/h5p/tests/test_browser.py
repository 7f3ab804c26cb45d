"""A trainee plays the demo True/False activity in Arabic in a real
Chromium: the player loads inside the sandboxed frame (right to left),
the answer is sent, and the lesson's progress panel changes."""

import pytest

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role
from learning.factories import EnrollmentFactory, course_tree
from learning.h5p.models import H5PAttempt, H5PUserState
from learning.h5p.player import player_installed
from learning.models import LessonProgress, LessonStatus
from learning.services import lesson_complete

from .conftest import place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_trainee_plays_the_activity_in_arabic_and_completes_the_lesson(page, home_page, live_server):
    if not player_installed():
        pytest.skip("h5p-standalone is not installed (npm ci)")
    from learning.h5p.demo import _activity
    from core.demo import DemoResult

    # given: the demo activity in a lesson the trainee has read to the end
    activity = _activity(DemoResult())
    activity.refresh_from_db()
    assert activity.is_ready
    tree = course_tree(home_page, modules=1, lessons=2)
    lesson = place(tree.lessons[0][0], activity)
    trainee = UserFactory(roles=[Role.TRAINEE])
    EnrollmentFactory(user=trainee, course=tree.course)
    lesson_complete(user=trainee, lesson=lesson)
    assert LessonProgress.objects.get(lesson_id=lesson.pk).status != LessonStatus.COMPLETED

    page.goto("/accounts/login/")
    page.fill("input[name=login]", trainee.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    # when: the trainee opens the lesson and answers
    page.goto(lesson.url)
    panel = page.locator("#learning-panel")
    assert "أنجز أنشطة هذا الدرس لإتمامه." in panel.inner_text()
    player = page.frame_locator("iframe.block-h5p__frame")
    assert player.locator("html").get_attribute("dir") == "rtl"
    content = player  # the player renders straight into the sandboxed frame
    question = content.locator(".jisr-tf__question")
    question.wait_for()
    assert "الوسيط الأسري" in question.inner_text()
    assert content.locator(".jisr-tf").evaluate("e => getComputedStyle(e).direction") == "rtl"
    content.get_by_role("button", name="صحيح").click()
    assert "أحسنت" in content.locator(".jisr-tf__feedback").inner_text()

    # then: the server kept the attempt and the lesson is complete
    page.locator("[data-h5p-status]").filter(has_text="1").wait_for()
    page.locator("#learning-panel .learning-panel__status--done").wait_for()
    attempt = H5PAttempt.objects.get()
    assert (attempt.user_id, attempt.raw_score, attempt.max_score) == (trainee.pk, 1, 1)
    assert LessonProgress.objects.get(lesson_id=lesson.pk).status == LessonStatus.COMPLETED

    # and the answer is there again after a reload (state resumed)
    for _ in range(40):
        if H5PUserState.objects.filter(user=trainee).exists():
            break
        page.wait_for_timeout(250)
    assert H5PUserState.objects.get(user=trainee).state == '{"answer":true}'
    page.reload()
    pressed = page.frame_locator("iframe.block-h5p__frame").get_by_role("button", name="صحيح")
    pressed.wait_for()
    assert pressed.get_attribute("aria-pressed") == "true"
