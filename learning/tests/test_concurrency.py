"""Races on PostgreSQL (the production database): two requests at the same
moment — a double click on "enrol" or "mark complete", two people taking a
cohort's last seat — leave exactly one row. SQLite serialises every write,
so these tests run only where DATABASE_URL points at PostgreSQL."""

import threading

import pytest
from django.db import connection

from accounts.factories import UserFactory
from accounts.roles import Role
from learning.errors import CohortError
from learning.factories import CohortFactory, course_tree
from learning.models import CohortMembership, Enrollment, LessonProgress, ModuleProgress
from learning.services import cohort_join, enrollment_create, lesson_complete

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, concurrent sessions)"),
]


def at_once(*calls):
    """Run the calls in threads (each its own database session) released
    together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 — reported to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_double_click_on_enrol_and_complete_makes_one_row_each(home_page):
    tree = course_tree(home_page, modules=1, lessons=1)
    trainee = UserFactory(roles=[Role.TRAINEE])

    results = at_once(*[lambda: enrollment_create(user=trainee, course=tree.course)] * 4)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for _enrollment, created in results if created) == 1
    assert Enrollment.objects.filter(user=trainee).count() == 1

    lesson = tree.lessons[0][0]
    results = at_once(*[lambda: lesson_complete(user=trainee, lesson=lesson)] * 4)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(1 for result in results if result.newly_completed) == 1
    assert sum(1 for result in results if result.course_newly_completed) == 1
    assert LessonProgress.objects.filter(enrollment__user=trainee).count() == 1
    assert ModuleProgress.objects.filter(enrollment__user=trainee).count() == 1
    assert Enrollment.objects.get(user=trainee).completed_at is not None


def test_two_people_taking_the_last_seat_one_gets_it(home_page):
    tree = course_tree(home_page, modules=1, lessons=1)
    cohort = CohortFactory(course=tree.course, capacity=1)
    first, second = UserFactory(), UserFactory()

    results = at_once(
        lambda: cohort_join(user=first, code=cohort.invitation_code),
        lambda: cohort_join(user=second, code=cohort.invitation_code),
    )

    refused = [r for r in results if isinstance(r, CohortError)]
    assert len(refused) == 1 and refused[0].code == "full"
    assert CohortMembership.objects.filter(cohort=cohort).count() == 1
