"""Cohorts: invitation codes (wrong, expired, full), one cohort per course,
nominations scoped to the coordinator's association."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.factories import AssociationFactory, UserFactory
from learning.errors import CohortError, NominationError
from learning.factories import CohortFactory
from learning.models import CohortMembership, Enrollment, Nomination, NominationStatus, invitation_code_display
from learning.services import (
    cohort_create,
    cohort_invitation_renew,
    cohort_join,
    cohort_member_remove,
    cohort_update,
    nomination_accept,
    nomination_create,
    nomination_decline,
)


@pytest.fixture
def cohort(tree, trainer):
    return CohortFactory(course=tree.course, trainers=[trainer], capacity=2)


@pytest.mark.django_db
def test_joining_with_the_code_as_people_type_it(cohort, trainee):
    # given the code typed in lower case with the printed dash and spaces
    typed = f"  {invitation_code_display(cohort.invitation_code).lower()} "

    # when
    membership, created = cohort_join(user=trainee, code=typed)

    # then the trainee is in the cohort and enrolled in its course
    assert created and membership.cohort == cohort
    enrollment = Enrollment.objects.get(user=trainee)
    assert enrollment.course_id == cohort.course_id and enrollment.source == "invitation"
    # joining again changes nothing
    again, created_again = cohort_join(user=trainee, code=cohort.invitation_code)
    assert again.pk == membership.pk and not created_again


@pytest.mark.django_db
def test_a_closed_course_is_open_to_its_cohort(home_page, trainer, trainee):
    from learning.factories import course_tree

    closed = course_tree(home_page, modules=1, lessons=1, enrollment_open=False)
    cohort = CohortFactory(course=closed.course, trainers=[trainer])
    membership, _ = cohort_join(user=trainee, code=cohort.invitation_code)
    assert membership.enrollment.course_id == closed.course.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case, code",
    [("wrong", "ZZZZ-ZZZZ"), ("empty", "   "), ("expired", None), ("ended", None), ("full", None)],
)
def test_bad_invitations_are_refused_with_a_clear_reason_and_change_nothing(cohort, trainee, case, code):
    # given
    today = timezone.localdate()
    if case == "expired":
        cohort.invitation_expires_on = today - dt.timedelta(days=1)
        cohort.save()
    if case == "ended":
        cohort.starts_on, cohort.ends_on = today - dt.timedelta(days=30), today - dt.timedelta(days=1)
        cohort.save()
    if case == "full":
        for _ in range(cohort.capacity):
            cohort_join(user=UserFactory(), code=cohort.invitation_code)
    before = (Enrollment.objects.count(), CohortMembership.objects.count())

    # when
    with pytest.raises(CohortError) as error:
        cohort_join(user=trainee, code=code or cohort.invitation_code)

    # then
    expected = {"wrong": "invalid", "empty": "invalid", "expired": "expired", "ended": "expired", "full": "full"}[case]
    assert error.value.code == expected and str(error.value)
    assert (Enrollment.objects.count(), CohortMembership.objects.count()) == before


@pytest.mark.django_db
def test_a_trainee_follows_a_course_in_one_cohort_only(cohort, trainee, trainer):
    other = CohortFactory(course=cohort.course, trainers=[trainer])
    cohort_join(user=trainee, code=cohort.invitation_code)
    with pytest.raises(CohortError) as error:
        cohort_join(user=trainee, code=other.invitation_code)
    assert error.value.code == "other_cohort" and cohort.display_name() in str(error.value)
    # the database says the same
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortMembership.objects.create(cohort=other, enrollment=Enrollment.objects.get(user=trainee), source="trainer")


@pytest.mark.django_db
def test_leaving_a_cohort_keeps_the_enrolment_and_frees_the_seat(cohort, trainee):
    membership, _ = cohort_join(user=trainee, code=cohort.invitation_code)
    cohort_member_remove(membership=membership)
    assert Enrollment.objects.filter(user=trainee).exists() and not CohortMembership.objects.exists()


@pytest.mark.django_db
def test_creating_a_cohort_makes_its_trainer_creator_a_trainer_of_it(tree, trainer):
    today = timezone.localdate()
    cohort = cohort_create(
        created_by=trainer, course=tree.course, name_ar="فوج الاختبار", region="MSA",
        starts_on=today, ends_on=today + dt.timedelta(days=30), capacity=25,
    )
    assert list(cohort.trainers.all()) == [trainer] and cohort.name_fr == "" and len(cohort.invitation_code) == 8


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, code",
    [({"ends_on": dt.date(2020, 1, 1)}, "dates"), ({"capacity": 0}, "capacity"), ({"name_ar": " "}, "name")],
)
def test_cohort_rules_are_checked(cohort, changes, code):
    with pytest.raises(CohortError) as error:
        cohort_update(cohort=cohort, **changes)
    assert error.value.code == code


@pytest.mark.django_db
def test_capacity_cannot_drop_below_the_members(cohort, trainee):
    cohort_join(user=trainee, code=cohort.invitation_code)
    cohort_join(user=UserFactory(), code=cohort.invitation_code)
    with pytest.raises(CohortError):
        cohort_update(cohort=cohort, capacity=1)


@pytest.mark.django_db
def test_a_renewed_code_replaces_the_old_one(cohort, trainee):
    old = cohort.invitation_code
    cohort = cohort_invitation_renew(cohort=cohort)
    assert cohort.invitation_code != old
    with pytest.raises(CohortError):
        cohort_join(user=trainee, code=old)


# --- Nominations ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_coordinator_nominates_a_member_and_the_trainer_accepts(cohort, coordinator, association, trainer):
    member = UserFactory(association=association)

    nomination, created = nomination_create(cohort=cohort, trainee=member, nominated_by=coordinator, note=" motivée ")
    duplicate, created_again = nomination_create(cohort=cohort, trainee=member, nominated_by=coordinator)
    assert created and not created_again and duplicate.pk == nomination.pk and nomination.note == "motivée"

    membership = nomination_accept(nomination=nomination, decided_by=trainer)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED and nomination.decided_by == trainer
    assert membership.source == "nomination" and membership.enrollment.user == member
    with pytest.raises(NominationError):
        nomination_decline(nomination=nomination, decided_by=trainer)


@pytest.mark.django_db
def test_a_coordinator_cannot_nominate_another_associations_member(cohort, coordinator):
    stranger = UserFactory(association=AssociationFactory())
    with pytest.raises(NominationError) as error:
        nomination_create(cohort=cohort, trainee=stranger, nominated_by=coordinator)
    assert error.value.code == "association" and not Nomination.objects.exists()


@pytest.mark.django_db
def test_accepting_into_a_full_cohort_leaves_the_nomination_pending(cohort, coordinator, association, trainer):
    member = UserFactory(association=association)
    nomination, _ = nomination_create(cohort=cohort, trainee=member, nominated_by=coordinator)
    for _ in range(cohort.capacity):
        cohort_join(user=UserFactory(), code=cohort.invitation_code)
    with pytest.raises(CohortError):
        nomination_accept(nomination=nomination, decided_by=trainer)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING and not Enrollment.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_a_declined_nomination_can_be_made_again(cohort, coordinator, association, trainer):
    member = UserFactory(association=association)
    nomination, _ = nomination_create(cohort=cohort, trainee=member, nominated_by=coordinator)
    nomination_decline(nomination=nomination, decided_by=trainer)
    again, created = nomination_create(cohort=cohort, trainee=member, nominated_by=coordinator)
    assert created and again.pk != nomination.pk
