"""A course is translated into French with wagtail-localize, and authors see
which lessons are not translated yet."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.factories import LessonPageFactory
from cms.models import CoursePage, LessonPage
from cms.selectors import TranslationState, lesson_translation_status, untranslated_lessons
from learning.factories import course_tree

from .conftest import login


@pytest.fixture
def officer(db):
    from accounts.factories import UserFactory
    from accounts.roles import Role

    return UserFactory(roles=[Role.MINISTRY_OFFICER])


@pytest.mark.django_db
def test_a_course_is_translated_into_french_and_new_lessons_show_as_untranslated(client, home_page, officer):
    tree = course_tree(home_page, modules=2, lessons=2)
    french = Locale.objects.get(language_code="fr")
    login(client, officer)
    # when the course and its subtree are submitted for translation into French
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[tree.course.pk]),
        {"locales": [french.pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    # then a French course exists with a French copy of every lesson
    french_course = CoursePage.objects.get(locale=french, translation_key=tree.course.translation_key)
    assert LessonPage.objects.filter(locale=french).count() == 4
    assert untranslated_lessons(tree.course, "fr") == [] or all(
        row.states["fr"] == TranslationState.DRAFT for row in untranslated_lessons(tree.course, "fr")
    )
    # when the Arabic module gets a new lesson
    new_lesson = LessonPageFactory(parent=tree.modules[1], title="درس جديد")
    # then it is listed as not translated into French
    missing = untranslated_lessons(tree.course, "fr")
    assert [row.lesson.pk for row in missing if row.states["fr"] == TranslationState.MISSING] == [new_lesson.pk]
    assert french_course.get_url() .startswith("/fr/")
    # and the admin report says so
    response = client.get(reverse("cms_translation_status"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "درس جديد" in html
    row = html.split("درس جديد", 1)[1].split("</tr>", 1)[0]
    assert 'data-language="fr" data-state="missing"' in row


@pytest.mark.django_db
def test_the_translation_status_reads_in_two_queries(home_page, django_assert_num_queries):
    tree = course_tree(home_page, modules=3, lessons=3)
    with django_assert_num_queries(2):
        rows = lesson_translation_status(tree.course, ["fr"])
    assert len(rows) == 9 and all(row.states["fr"] == TranslationState.MISSING for row in rows)
    assert rows[0].module_title == tree.modules[0].title
