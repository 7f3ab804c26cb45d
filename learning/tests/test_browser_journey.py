"""A trainee's journey in a real Chromium on a phone-sized screen: log in,
enrol from the course page, open a lesson (the visit is recorded), complete
the lessons of module 1 and see the progress bar move on My learning."""

import pytest

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role
from learning.factories import course_tree
from learning.models import Enrollment, LessonProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enrol_read_complete_a_module_and_see_the_progress(page, home_page):
    # given a course of 3 modules × 3 lessons and a trainee
    tree = course_tree(home_page)
    trainee = UserFactory(roles=[Role.TRAINEE])

    # log in
    page.goto(f"/accounts/login/?next={tree.course.url}")
    page.fill("input[name=login]", trainee.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{tree.course.url}")

    # enrol from the course page
    page.get_by_role("button", name="التسجيل في هذا المسار").click()
    page.wait_for_load_state()
    assert page.locator("[role=progressbar]").first.get_attribute("aria-valuenow") == "0"
    assert Enrollment.objects.filter(user=trainee, course=tree.course).count() == 1

    # read and complete each lesson of module 1
    for number, lesson in enumerate(tree.lessons[0], start=1):
        # the script records the visit (a POST); wait for it: SQLite in tests takes one writer at a time
        with page.expect_response(lambda response: response.url.endswith(f"/lessons/{lesson.pk}/start/")):
            page.goto(lesson.url)
        assert LessonProgress.objects.filter(enrollment__user=trainee, lesson=lesson).exists()  # read: started
        panel = page.locator("#learning-panel")
        page.get_by_role("button", name="تعليم هذا الدرس كمكتمل").click()
        panel.get_by_text("أتممت هذا الدرس").wait_for()
        assert LessonProgress.objects.get(enrollment__user=trainee, lesson=lesson).status == "completed"
        expected = round(100 * number / 9)
        assert page.locator("#learning-panel [role=progressbar]").get_attribute("aria-valuenow") == str(expected)

    # My learning shows the course at a third, module 1 complete, module 2 open
    page.goto("/learning/")
    card = page.locator(".course-card").first
    assert card.locator("[role=progressbar]").first.get_attribute("aria-valuenow") == "33"
    assert tree.course.title in card.inner_text()
    progress_width = card.locator(".progress__bar").first.evaluate("bar => bar.getBoundingClientRect().width")
    track_width = card.locator(".progress").first.evaluate("bar => bar.getBoundingClientRect().width")
    assert 0.28 < progress_width / track_width < 0.38  # the bar is drawn a third full
    assert card.locator("a[href='%s']" % tree.lessons[1][0].url).count() >= 1  # continue with module 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # the database agrees with what the trainee saw
    enrollment = Enrollment.objects.get(user=trainee)
    assert enrollment.lessons_completed == 3 and round(enrollment.progress * 100) == 33
