"""Cohorts: creating them, joining them (invitation code, nomination, added
by a trainer) and leaving them.

Capacity is checked with the cohort row locked (``select_for_update``), so
two people taking the last seat at once cannot both get it; the one-to-one
membership ↔ enrolment keeps a trainee in one cohort per course.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import CohortError, NominationError
from ..models import (
    Cohort,
    CohortMembership,
    EnrollmentSource,
    MembershipSource,
    Nomination,
    NominationStatus,
    invitation_code_generate,
    invitation_code_normalize,
)
from .enrollment import canonical_course, enrollment_get_or_create

COHORT_FIELDS = ("name_ar", "name_fr", "region", "starts_on", "ends_on", "capacity", "invitation_expires_on")


def _cohort_validate(cohort: Cohort) -> None:
    if not (cohort.name_ar or "").strip():
        raise CohortError(_("Give the cohort a name in Arabic."), code="name")
    if cohort.ends_on < cohort.starts_on:
        raise CohortError(_("The cohort cannot end before it starts."), code="dates")
    if cohort.capacity is None or cohort.capacity < 1:
        raise CohortError(_("The capacity must be at least 1."), code="capacity")
    if cohort.pk:
        members = cohort.memberships.count()
        if cohort.capacity < members:
            raise CohortError(
                _("The cohort already has %(count)s trainees: the capacity cannot be lower.") % {"count": members},
                code="capacity",
            )


@transaction.atomic
def cohort_create(*, created_by, course, trainers=(), **fields) -> Cohort:
    """A new cohort; its creator is one of its trainers when they are a trainer."""
    from ..permissions import is_trainer

    course = canonical_course(course)
    if not course.live:
        raise CohortError(_("This course is not available."), code="not_live")
    cohort = Cohort(course=course, created_by=created_by, **{name: fields.get(name) for name in COHORT_FIELDS})
    cohort.name_fr = cohort.name_fr or ""
    _cohort_validate(cohort)
    cohort.save()
    trainer_ids = {trainer.pk for trainer in trainers}
    if is_trainer(created_by):
        trainer_ids.add(created_by.pk)
    cohort.trainers.set(trainer_ids)
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, trainers=None, **fields) -> Cohort:
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    for name in COHORT_FIELDS:
        if name in fields:
            setattr(cohort, name, fields[name])
    cohort.name_fr = cohort.name_fr or ""
    _cohort_validate(cohort)
    cohort.save(update_fields=[*COHORT_FIELDS, "updated_at"])
    if trainers is not None:
        cohort.trainers.set(trainers)
    return cohort


@transaction.atomic
def cohort_invitation_renew(*, cohort: Cohort) -> Cohort:
    """A new invitation code (the old one stops working at once)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    code = invitation_code_generate()
    while Cohort.objects.filter(invitation_code=code).exists():
        code = invitation_code_generate()
    cohort.invitation_code = code
    cohort.save(update_fields=["invitation_code", "updated_at"])
    return cohort


def _membership_add(*, cohort: Cohort, user, source: str) -> tuple[CohortMembership, bool]:
    """Put ``user`` in ``cohort`` (locked by the caller), enrolling them in
    its course. Idempotent for a member of this cohort."""
    existing = (
        CohortMembership.objects.filter(enrollment__user=user, enrollment__course_id=cohort.course_id)
        .select_related("cohort")
        .first()
    )
    if existing is not None:
        if existing.cohort_id == cohort.pk:
            return existing, False
        raise CohortError(
            _("Already following this course in the cohort “%(cohort)s”.") % {"cohort": existing.cohort.display_name()},
            code="other_cohort",
        )
    if cohort.has_ended():
        raise CohortError(_("This cohort has ended."), code="ended")
    if cohort.memberships.count() >= cohort.capacity:
        raise CohortError(_("This cohort is full. Ask your trainer about another cohort."), code="full")
    enrollment_source = EnrollmentSource.NOMINATION if source == MembershipSource.NOMINATION else (
        EnrollmentSource.TRAINER if source == MembershipSource.TRAINER else EnrollmentSource.INVITATION
    )
    enrollment, _created = enrollment_get_or_create(user=user, course=cohort.course.specific, source=enrollment_source)
    membership, created = CohortMembership.objects.get_or_create(enrollment=enrollment, defaults={"cohort": cohort, "source": source})
    return membership, created


def cohort_join(*, user, code: str) -> tuple[CohortMembership, bool]:
    """Join a cohort with its invitation code (typed, or from the link).
    Wrong, expired and full codes raise ``CohortError`` with a message."""
    normalized = invitation_code_normalize(code)
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().select_related("course").filter(invitation_code=normalized).first() if normalized else None
        if cohort is None:
            raise CohortError(_("This invitation code is not valid. Check it with your trainer."), code="invalid")
        already = CohortMembership.objects.filter(cohort=cohort, enrollment__user=user).first()
        if already is not None:
            return already, False
        if not cohort.invitation_is_open():
            raise CohortError(
                _("This invitation code expired on %(date)s. Ask your trainer for a new one.")
                % {"date": cohort.invitation_last_day.strftime("%d/%m/%Y")},
                code="expired",
            )
        return _membership_add(cohort=cohort, user=user, source=MembershipSource.INVITATION)


def cohort_member_add(*, cohort: Cohort, user, source: str = MembershipSource.TRAINER) -> tuple[CohortMembership, bool]:
    """A trainer adds a trainee directly (no invitation needed)."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().select_related("course").get(pk=cohort.pk)
        return _membership_add(cohort=cohort, user=user, source=source)


@transaction.atomic
def cohort_member_remove(*, membership: CohortMembership) -> None:
    """Take a trainee out of a cohort. Their enrolment and progress stay:
    they keep learning on their own, or join another cohort."""
    CohortMembership.objects.filter(pk=membership.pk).delete()


# --- Nominations -----------------------------------------------------------------


@transaction.atomic
def nomination_create(*, cohort: Cohort, trainee, nominated_by, note: str = "") -> tuple[Nomination, bool]:
    """An association coordinator nominates one of the association's members."""
    association_id = nominated_by.association_id
    if association_id is None or trainee.association_id != association_id:
        raise NominationError(_("You can only nominate members of your own association."), code="association")
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if cohort.has_ended():
        raise NominationError(_("This cohort has ended."), code="ended")
    if CohortMembership.objects.filter(cohort=cohort, enrollment__user=trainee).exists():
        raise NominationError(_("This person is already in the cohort."), code="member")
    return Nomination.objects.get_or_create(
        cohort=cohort,
        trainee=trainee,
        status=NominationStatus.PENDING,
        defaults={"association_id": association_id, "nominated_by": nominated_by, "note": note.strip()},
    )


def _pending(nomination: Nomination) -> Nomination:
    locked = Nomination.objects.select_for_update().select_related("cohort", "trainee").get(pk=nomination.pk)
    if locked.status != NominationStatus.PENDING:
        raise NominationError(_("This nomination has already been decided."), code="decided")
    return locked


def nomination_accept(*, nomination: Nomination, decided_by) -> CohortMembership:
    """The trainer accepts: the trainee joins the cohort (capacity and
    prerequisites apply; on refusal the nomination stays pending)."""
    with transaction.atomic():
        nomination = _pending(nomination)
        cohort = Cohort.objects.select_for_update().select_related("course").get(pk=nomination.cohort_id)
        membership, _created = _membership_add(cohort=cohort, user=nomination.trainee, source=MembershipSource.NOMINATION)
        nomination.status = NominationStatus.ACCEPTED
        nomination.decided_at, nomination.decided_by = timezone.now(), decided_by
        nomination.save(update_fields=["status", "decided_at", "decided_by"])
    return membership


@transaction.atomic
def nomination_decline(*, nomination: Nomination, decided_by) -> Nomination:
    nomination = _pending(nomination)
    nomination.status = NominationStatus.DECLINED
    nomination.decided_at, nomination.decided_by = timezone.now(), decided_by
    nomination.save(update_fields=["status", "decided_at", "decided_by"])
    return nomination
