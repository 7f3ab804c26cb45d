"""The public programme and course overviews and the lesson page, as a
visitor and a trainee see them: tree rules, outline, previous/next, time
estimates, and query budgets that do not grow with the course."""

import re

import pytest
from wagtail.models import Page

from cms.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory, translate_page
from cms.models import (
    CoursePage,
    GuidePage,
    GuidePartPage,
    GuideSessionPage,
    HomePage,
    LessonPage,
    ModulePage,
    ProgrammePage,
)
from learning.factories import course_tree
from learning.services import enrollment_create

from .conftest import login


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    "model, children",
    [
        (HomePage, {ProgrammePage, GuidePage}),
        (ProgrammePage, {CoursePage}),
        (CoursePage, {ModulePage}),
        (ModulePage, {LessonPage}),
        (LessonPage, set()),
        (GuidePage, {GuidePartPage}),
        (GuidePartPage, {GuideSessionPage}),
        (GuideSessionPage, set()),
    ],
)
def test_the_page_tree_takes_only_the_shape_of_the_domain(model, children):
    assert set(model.allowed_subpage_models()) == children


@pytest.mark.django_db
def test_pages_can_be_created_only_under_their_parent_type(home_page):
    tree = course_tree(home_page, modules=1, lessons=1)
    assert LessonPage.can_create_at(tree.modules[0])
    assert not LessonPage.can_create_at(tree.course)
    assert not ModulePage.can_create_at(tree.programme)
    assert not CoursePage.can_create_at(home_page)
    assert ProgrammePage.can_create_at(home_page)
    assert not HomePage.can_create_at(home_page)


@pytest.fixture
def course(home_page):
    tree = course_tree(
        home_page,
        modules=2,
        lessons=2,
        summary="أساسيات الوساطة الأسرية",
        objectives="<ul><li>تحديد مراحل الوساطة</li></ul>",
        audience="المرشحون لمهمة الوسيط الأسري في الجمعيات الشريكة",
        duration_hours=12,
    )
    minutes = iter([10, 15, 20, 5])
    for lesson in tree.all_lessons:
        lesson.estimated_minutes = next(minutes)
        lesson.save()
    tree.lessons[1][1].required_for_completion = False
    tree.lessons[1][1].save()
    return tree


@pytest.mark.django_db
def test_anyone_reads_the_course_overview(client, course):
    # when an anonymous visitor opens the course
    response = client.get(course.course.url)
    html = response.content.decode()
    text = _text(html)
    # then they see what it teaches, for whom, how long, and its outline
    assert response.status_code == 200
    assert "أساسيات الوساطة الأسرية" in text and "تحديد مراحل الوساطة" in text
    assert "المرشحون لمهمة الوسيط الأسري" in text
    assert "12 ساعة" in text
    assert "50 دقيقة" in text  # 10 + 15 + 20 + 5
    for module in course.modules:
        assert module.title in text
    for lesson in course.all_lessons:
        assert f'href="{lesson.url}"' in html
    assert "اختياري" in text  # the lesson not required for completion


@pytest.mark.django_db
def test_anyone_reads_the_programme_overview(client, course):
    response = client.get(course.programme.url)
    text = _text(response.content.decode())
    assert response.status_code == 200
    assert course.course.title in text and "12 ساعة" in text and "المرشحون لمهمة الوسيط الأسري" in text


@pytest.mark.django_db
def test_the_lesson_page_links_previous_and_next_across_modules(client, course, trainee):
    enrollment_create(user=trainee, course=course.course)
    login(client, trainee)
    first, second = course.lessons[0]
    third = course.lessons[1][0]
    # when the trainee reads the last lesson of module 1
    html = client.get(second.url).content.decode()
    # then previous is the first lesson and next is the first lesson of module 2
    assert re.search(rf'rel="prev" href="{re.escape(first.url)}"', html)
    assert re.search(rf'rel="next" href="{re.escape(third.url)}"', html)
    text = _text(html)
    assert "الدرس 2 من 4" in text and f"الوحدة 1: {course.modules[0].title}" in text
    assert "15 دقيقة" in text
    assert f'<span aria-current="page">{second.title}</span>' in html
    # the first lesson has no previous link, the last no next link
    assert 'rel="prev"' not in client.get(first.url).content.decode()


@pytest.mark.django_db
def test_the_french_lesson_links_to_french_lessons(client, course, trainee):
    for module in course.modules:
        translate_page(module, "fr", title=f"Module FR {module.pk}")
    french = {lesson.pk: translate_page(lesson, "fr", title=f"Leçon {i}") for i, lesson in enumerate(course.all_lessons, 1)}
    enrollment_create(user=trainee, course=course.course)
    login(client, trainee)
    second = french[course.lessons[0][1].pk]
    html = client.get(second.url).content.decode()
    assert f'rel="next" href="{french[course.lessons[1][0].pk].url}"' in html
    assert "Leçon 2 sur 4" in _text(html) and "15 minutes" in _text(html)


def _course_of(home, modules, lessons_per_module):
    programme = ProgrammePageFactory(parent=home)
    course = CoursePageFactory(parent=programme)
    lessons = []
    for m in range(modules):
        module = ModulePageFactory(parent=course, requires_previous=False)
        lessons += [LessonPageFactory(parent=module) for _ in range(lessons_per_module)]
    return course, lessons


@pytest.mark.django_db
@pytest.mark.parametrize("modules, per_module", [(1, 5), (10, 5)])
def test_a_lesson_page_costs_the_same_queries_for_5_or_50_lessons(
    client, home_page, trainee, every_block, modules, per_module, django_assert_max_num_queries
):
    course, lessons = _course_of(home_page, modules, per_module)
    lesson = lessons[2]
    lesson.body = every_block
    lesson.save()
    enrollment_create(user=trainee, course=course)
    login(client, trainee)
    client.get(lesson.url)  # renditions are made on the first view
    with django_assert_max_num_queries(36):
        response = client.get(lesson.url)
    assert response.status_code == 200 and 'rel="next"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("modules, per_module", [(1, 5), (10, 5)])
def test_the_course_overview_costs_the_same_queries_for_5_or_50_lessons(
    client, home_page, modules, per_module, django_assert_max_num_queries
):
    course, lessons = _course_of(home_page, modules, per_module)
    with django_assert_max_num_queries(26):
        response = client.get(course.url)
    assert response.content.decode().count("course-outline__module") >= modules
