"""The read API other apps (certificates) rely on."""

import pytest

from accounts.factories import UserFactory
from learning import selectors
from learning.factories import CohortFactory
from learning.services import cohort_join, enrollment_create, lesson_complete


@pytest.mark.django_db
def test_course_completions_for_many_users_in_one_query(tree, django_assert_num_queries):
    # given one who completed, one in progress, one never enrolled
    done, doing, stranger = UserFactory(), UserFactory(), UserFactory()
    for user in (done, doing):
        enrollment_create(user=user, course=tree.course)
    for lesson in tree.all_lessons:
        lesson_complete(user=done, lesson=lesson)

    # when
    with django_assert_num_queries(1):
        result = selectors.course_completions(users=[done, doing, stranger.pk], course=tree.course.pk)

    # then
    assert result[done.pk].completed and result[done.pk].progress == 1.0
    assert result[doing.pk].enrolled and not result[doing.pk].completed
    assert not result[stranger.pk].enrolled
    single = selectors.course_completion(user=done, course=tree.course)
    assert single.completed_at == result[done.pk].completed_at


@pytest.mark.django_db
def test_cohorts_with_their_trainers_and_trainees_in_a_fixed_number_of_queries(tree, django_assert_num_queries):
    trainers = [UserFactory(), UserFactory()]
    cohorts = [CohortFactory(course=tree.course, trainers=trainers) for _ in range(3)]
    for cohort in cohorts:
        for _ in range(4):
            cohort_join(user=UserFactory(), code=cohort.invitation_code)

    with django_assert_num_queries(3):
        loaded = list(selectors.cohorts_for_course(course=tree.course.pk))
        people = [(len(c.trainers.all()), len(c.trainees)) for c in loaded]
    assert people == [(2, 4)] * 3
    first = next(c for c in loaded if c.pk == cohorts[0].pk)
    assert selectors.cohort_trainee_ids(cohort=cohorts[0]) == [user.pk for user in first.trainees]
    member = cohorts[0].trainees[0]
    assert selectors.cohort_of(user=member, course=tree.course) == cohorts[0]
    assert selectors.is_enrolled(user=member, course=tree.course)
