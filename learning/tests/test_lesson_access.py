"""Lesson access enforced where Wagtail serves the page (before_serve_page)."""

import pytest
from django.urls import reverse

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role
from cms.factories import translate_page
from learning.models import LessonProgress
from learning.permissions import AccessReason, lesson_access, may_view_lesson
from learning.services import enrollment_create, lesson_complete


def login(client, user):
    assert client.login(email=user.email, password=TEST_PASSWORD)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client, tree):
    lesson = tree.lessons[0][0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login")) and "next=" in response["Location"]


@pytest.mark.django_db
def test_people_not_enrolled_are_sent_to_the_course_page_with_a_message(client, tree, trainee):
    login(client, trainee)
    response = client.get(tree.lessons[0][0].url, follow=True)
    assert response.redirect_chain[-1][0] == tree.course.url
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1 and tree.course.title in shown[0]


@pytest.mark.django_db
def test_an_enrolled_trainee_reads_the_lesson_with_the_panel(client, tree, trainee):
    enrollment_create(user=trainee, course=tree.course)
    login(client, trainee)
    response = client.get(tree.lessons[0][0].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="learning-panel"' in html and reverse("learning:lesson_complete", args=[tree.lessons[0][0].pk]) in html
    assert 'aria-valuenow="0"' in html
    # reading (GET) records nothing: the script's POST does
    assert not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_a_locked_lesson_answers_403_with_the_module_to_finish_first(client, tree, trainee):
    enrollment_create(user=trainee, course=tree.course)
    login(client, trainee)
    response = client.get(tree.lessons[1][0].url)
    html = response.content.decode()
    assert response.status_code == 403
    assert tree.modules[0].title in html and tree.modules[0].url in html
    assert tree.lessons[1][0].title in html and "learning-panel" not in html


@pytest.mark.django_db
def test_completing_the_previous_module_unlocks_the_lesson(client, tree, trainee):
    enrollment_create(user=trainee, course=tree.course)
    for lesson in tree.lessons[0]:
        lesson_complete(user=trainee, lesson=lesson)
    login(client, trainee)
    assert client.get(tree.lessons[1][0].url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.TRAINER, Role.MINISTRY_OFFICER])
def test_staff_may_preview_any_lesson_and_nothing_is_recorded(client, tree, role):
    staff = UserFactory(roles=[role])
    login(client, staff)
    response = client.get(tree.lessons[2][2].url)
    assert response.status_code == 200
    assert 'data-state="preview"' in response.content.decode()
    access = lesson_access(staff, tree.lessons[2][2])
    assert access.reason == AccessReason.STAFF_PREVIEW


@pytest.mark.django_db
def test_the_french_lesson_shares_the_arabic_lesson_record(client, tree, trainee, french_home_page):
    enrollment_create(user=trainee, course=tree.course)
    french_lesson = translate_page(tree.lessons[1][0], "fr", title="Leçon 2.1")
    # locked in French too
    assert not may_view_lesson(trainee, french_lesson)
    for lesson in tree.lessons[0]:
        lesson_complete(user=trainee, lesson=lesson)
    assert lesson_access(trainee, french_lesson).lesson.pk == tree.lessons[1][0].pk
    login(client, trainee)
    response = client.get(french_lesson.url)
    assert response.status_code == 200
    lesson_complete(user=trainee, lesson=french_lesson)
    assert LessonProgress.objects.filter(lesson=tree.lessons[1][0], status="completed").exists()
