"""Enrolment: open and closed courses, prerequisites, double clicks, e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.factories import TEST_PASSWORD
from learning.errors import EnrollmentError
from learning.factories import course_tree
from learning.models import Enrollment
from learning.services import enrollment_create, lesson_complete


@pytest.mark.django_db
def test_enrolling_in_an_open_course_sends_one_confirmation_in_the_trainees_language(
    tree, trainee, django_capture_on_commit_callbacks
):
    # given a trainee who reads French
    trainee.preferred_language = "fr"
    trainee.save()

    # when they enrol twice
    with django_capture_on_commit_callbacks(execute=True):
        first, created = enrollment_create(user=trainee, course=tree.course)
    with django_capture_on_commit_callbacks(execute=True):
        second, created_again = enrollment_create(user=trainee, course=tree.course)

    # then one enrolment, one e-mail, in French
    assert created and not created_again and first.pk == second.pk
    assert Enrollment.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [trainee.email]
    assert "inscrit" in mail.outbox[0].subject.lower()
    assert "/fr/learning/" in mail.outbox[0].body
    first.refresh_from_db()
    assert first.confirmation_sent_at is not None


@pytest.mark.django_db
def test_a_closed_course_is_joined_through_a_cohort(home_page, trainee):
    closed = course_tree(home_page, modules=1, lessons=1, enrollment_open=False)
    with pytest.raises(EnrollmentError) as error:
        enrollment_create(user=trainee, course=closed.course)
    assert error.value.code == "closed" and not Enrollment.objects.exists()


@pytest.mark.django_db
def test_a_course_with_a_prerequisite_waits_for_its_completion(home_page, trainee):
    # given a foundation course and a trainer-of-trainers course requiring it
    foundation = course_tree(home_page, modules=1, lessons=2)
    advanced = course_tree(home_page, modules=1, lessons=1, programme=foundation.programme, prerequisite=foundation.course)

    # then enrolling in the advanced course is refused, naming the foundation
    with pytest.raises(EnrollmentError) as error:
        enrollment_create(user=trainee, course=advanced.course)
    assert error.value.code == "prerequisite" and foundation.course.title in str(error.value)

    # when the foundation is completed, it is allowed
    enrollment_create(user=trainee, course=foundation.course)
    for lesson in foundation.all_lessons:
        lesson_complete(user=trainee, lesson=lesson)
    enrollment, created = enrollment_create(user=trainee, course=advanced.course)
    assert created


@pytest.mark.django_db
def test_an_unpublished_course_cannot_be_enrolled_in(tree, trainee):
    tree.course.unpublish()
    with pytest.raises(EnrollmentError):
        enrollment_create(user=trainee, course=tree.course)


@pytest.mark.django_db
def test_double_clicking_enrol_creates_one_enrolment(client, tree, trainee):
    client.login(email=trainee.email, password=TEST_PASSWORD)
    url = reverse("learning:enroll", args=[tree.course.pk])
    first = client.post(url, {"next": tree.course.url})
    second = client.post(url, {"next": tree.course.url}, follow=True)
    assert first.status_code == 302 and first["Location"] == tree.course.url
    assert Enrollment.objects.filter(user=trainee).count() == 1
    assert len(list(second.context["messages"])) == 2  # "enrolled", then "already enrolled"


@pytest.mark.django_db
def test_enrolling_by_get_changes_nothing(client, tree, trainee):
    client.login(email=trainee.email, password=TEST_PASSWORD)
    response = client.get(reverse("learning:enroll", args=[tree.course.pk]))
    assert response.status_code == 405 and not Enrollment.objects.exists()


@pytest.mark.django_db
def test_the_next_parameter_cannot_redirect_elsewhere(client, tree, trainee):
    client.login(email=trainee.email, password=TEST_PASSWORD)
    response = client.post(reverse("learning:enroll", args=[tree.course.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == tree.course.url
