"""What the trainee sees: My learning, the course panel, the lesson panel
and its actions, with query counts that do not grow with the content."""

import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse

from accounts.factories import TEST_PASSWORD
from learning.factories import CohortFactory, course_tree
from learning.models import LessonProgress
from learning.services import cohort_join, enrollment_create, lesson_complete


def login(client, user):
    assert client.login(email=user.email, password=TEST_PASSWORD)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context), response


@pytest.mark.django_db
def test_my_learning_shows_progress_continue_locks_and_deadline(client, tree, trainee, trainer):
    # given a trainee in a cohort who completed module 1 and opened lesson 2.1
    cohort = CohortFactory(course=tree.course, trainers=[trainer])
    cohort_join(user=trainee, code=cohort.invitation_code)
    for lesson in tree.lessons[0]:
        lesson_complete(user=trainee, lesson=lesson)
    login(client, trainee)

    # when
    html = client.get(reverse("learning:my_learning")).content.decode()

    # then
    assert tree.course.title in html
    assert 'aria-valuenow="33"' in html
    assert tree.lessons[1][0].url in html  # continue where you left off
    assert re.search(r"module-state--locked.*?" + re.escape(tree.modules[2].title), html, re.S)
    assert tree.modules[1].title in html.split("module-state--locked")[1]  # "complete module 2 … first"
    assert cohort.ends_on.strftime("%d/%m/%Y") in html
    assert cohort.display_name() in html


@pytest.mark.django_db
def test_my_learning_lists_open_courses_to_enrol_in(client, tree, trainee):
    login(client, trainee)
    html = client.get(reverse("learning:my_learning")).content.decode()
    assert reverse("learning:enroll", args=[tree.course.pk]) in html


@pytest.mark.django_db
def test_my_learning_queries_do_not_grow_with_courses_modules_or_lessons(client, home_page, trainee):
    # given one small course
    small = course_tree(home_page, modules=1, lessons=1)
    enrollment_create(user=trainee, course=small.course)
    login(client, trainee)
    client.get(reverse("learning:my_learning"))  # warm the site-root cache
    few, _ = queries_for(client, reverse("learning:my_learning"))

    # when the trainee follows five more, bigger courses
    for _ in range(5):
        enrollment_create(user=trainee, course=course_tree(home_page, modules=4, lessons=5).course)
    many, response = queries_for(client, reverse("learning:my_learning"))

    # then
    assert many == few, f"{few} queries with 1 course, {many} with 6"
    assert response.content.decode().count('class="card course-card"') == 6


@pytest.mark.django_db
def test_lesson_page_queries_do_not_grow_with_the_course(client, home_page, trainee):
    small = course_tree(home_page, modules=2, lessons=2)
    big = course_tree(home_page, modules=6, lessons=8)
    for t in (small, big):
        enrollment_create(user=trainee, course=t.course)
        lesson_complete(user=trainee, lesson=t.lessons[0][0])
    login(client, trainee)
    client.get(small.lessons[0][1].url)
    few, _ = queries_for(client, small.lessons[0][1].url)
    many, _ = queries_for(client, big.lessons[0][1].url)
    assert many == few


@pytest.mark.django_db
def test_the_course_page_offers_enrolment_then_shows_progress(client, tree, trainee):
    login(client, trainee)
    html = client.get(tree.course.url).content.decode()
    assert reverse("learning:enroll", args=[tree.course.pk]) in html
    client.post(reverse("learning:enroll", args=[tree.course.pk]))
    html = client.get(tree.course.url).content.decode()
    assert 'aria-valuenow="0"' in html and tree.lessons[0][0].url in html


@pytest.mark.django_db
def test_the_course_page_asks_visitors_to_log_in(client, tree):
    html = client.get(tree.course.url).content.decode()
    assert reverse("account_login") + "?next=" in html


@pytest.mark.django_db
def test_marking_complete_without_javascript(client, tree, trainee):
    enrollment_create(user=trainee, course=tree.course)
    login(client, trainee)
    lesson = tree.lessons[0][0]

    response = client.post(reverse("learning:lesson_complete", args=[lesson.pk]), {"next": lesson.url, "via": "button"}, follow=True)

    assert response.redirect_chain[-1][0] == lesson.url
    html = response.content.decode()
    assert 'aria-valuenow="11"' in html and 'data-state="completed"' in html
    assert LessonProgress.objects.get(lesson=lesson).status == "completed"


@pytest.mark.django_db
def test_the_script_gets_the_refreshed_panel(client, tree, trainee):
    enrollment_create(user=trainee, course=tree.course)
    login(client, trainee)
    lesson = tree.lessons[0][0]

    started = client.post(reverse("learning:lesson_start", args=[lesson.pk]))
    completed = client.post(reverse("learning:lesson_complete", args=[lesson.pk]), {"via": "scroll"}, HTTP_X_LEARNING_FRAGMENT="1")

    assert started.status_code == 204
    assert completed.status_code == 200 and 'data-state="completed"' in completed.content.decode()
    assert LessonProgress.objects.get(lesson=lesson).finished_via == "scroll"


@pytest.mark.django_db
def test_posting_to_a_lesson_of_another_course_is_refused(client, tree, trainee):
    login(client, trainee)
    lesson = tree.lessons[0][0]
    response = client.post(reverse("learning:lesson_complete", args=[lesson.pk]), HTTP_X_LEARNING_FRAGMENT="1")
    assert response.status_code == 403 and not LessonProgress.objects.exists()
    response = client.post(reverse("learning:lesson_complete", args=[lesson.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] and not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_a_locked_lesson_cannot_be_completed_by_url(client, tree, trainee):
    enrollment_create(user=trainee, course=tree.course)
    login(client, trainee)
    response = client.post(reverse("learning:lesson_complete", args=[tree.lessons[2][0].pk]), HTTP_X_LEARNING_FRAGMENT="1")
    assert response.status_code == 403 and not LessonProgress.objects.exists()


@pytest.mark.django_db
def test_joining_a_cohort_from_the_invitation_link(client, tree, trainee, trainer):
    cohort = CohortFactory(course=tree.course, trainers=[trainer])
    login(client, trainee)
    link = reverse("learning:cohort_join_link", args=[cohort.invitation_code])

    page = client.get(link)  # opening the link joins nothing
    assert cohort.display_name() in page.content.decode() and not cohort.memberships.exists()

    response = client.post(reverse("learning:cohort_join"), {"code": cohort.invitation_code_display})
    assert response.status_code == 302 and cohort.memberships.count() == 1


@pytest.mark.django_db
def test_a_wrong_code_is_shown_next_to_the_field(client, trainee):
    login(client, trainee)
    response = client.post(reverse("learning:cohort_join"), {"code": "NOPE-NOPE"})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong", "رمز الدعوة هذا غير صالح"),
        ("expired", "انتهت صلاحية رمز الدعوة هذا"),
        ("full", "هذا الفوج مكتمل العدد"),
    ],
)
def test_bad_invitation_codes_say_why_on_the_page_and_change_nothing(client, tree, trainee, trainer, case, message):
    # given
    import datetime as dt

    from django.utils import timezone

    from accounts.factories import UserFactory
    from learning.models import Enrollment

    cohort = CohortFactory(course=tree.course, trainers=[trainer], capacity=1)
    code = cohort.invitation_code_display
    if case == "wrong":
        code = "ABCD-EFGH"
    elif case == "expired":
        cohort.invitation_expires_on = timezone.localdate() - dt.timedelta(days=1)
        cohort.save(update_fields=["invitation_expires_on"])
    else:
        cohort_join(user=UserFactory(), code=cohort.invitation_code)
    login(client, trainee)

    # when
    response = client.post(reverse("learning:cohort_join"), {"code": code})

    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html.split('class="errorlist"')[1][:300]
    assert not Enrollment.objects.filter(user=trainee).exists()
