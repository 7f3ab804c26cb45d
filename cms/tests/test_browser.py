"""A trainee reads a lesson and a facilitator a guide session on a 360 px
phone, in Arabic and in French: screenshots, and no horizontal scroll."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from accounts.factories import UserFactory
from accounts.roles import Role
from cms.factories import GuidePageFactory, GuidePartPageFactory, GuideSessionPageFactory, guide_session_fields, translate_page
from learning.factories import course_tree
from learning.services import enrollment_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}])


def _check(page, url, name, expected_dir, heading):
    page.goto(url)
    assert page.locator("html").get_attribute("dir") == expected_dir
    assert page.locator("h1").first.inner_text() == heading
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: {overflow}px of horizontal scroll"


def test_a_lesson_and_a_guide_session_read_well_on_a_phone(page, live_server, home_page, every_block, media):
    # given a lesson with every block and a guide session, in Arabic and French
    tree = course_tree(home_page, modules=1, lessons=2)
    lesson = tree.lessons[0][0]
    lesson.title = "الإصغاء الفعال في جلسة الوساطة"
    lesson.objectives = "<ul><li>التمييز بين السماع والإصغاء</li></ul>"
    lesson.body = every_block
    lesson.save()
    french_lesson = translate_page(lesson, "fr", title="L'écoute active en séance de médiation")
    guide = GuidePageFactory(parent=home_page)
    part = GuidePartPageFactory(parent=guide, title="الجزء الأول")
    fields = guide_session_fields(1)
    fields["handouts"] = [("handout", {"document": media["document"], "title": "بطاقة الوضعيات", "description": ""})]
    session = GuideSessionPageFactory(parent=part, **fields)
    french_session = translate_page(session, "fr", title="Séance 1 : écouter l'enfant")
    trainee = UserFactory(roles=[Role.TRAINEE])
    enrollment_create(user=trainee, course=tree.course)
    _log_in(page, live_server, trainee)

    # then each page fits a 360 px screen, right to left in Arabic, left to right in French
    _check(page, lesson.url, "lesson-ar", "rtl", lesson.title)
    assert page.locator("picture img").get_attribute("loading") == "lazy"
    _check(page, french_lesson.url, "lesson-fr", "ltr", french_lesson.title)
    _check(page, session.url, "guide-session-ar", "rtl", session.title)
    _check(page, french_session.url, "guide-session-fr", "ltr", french_session.title)
