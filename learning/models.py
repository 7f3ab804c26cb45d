"""Learner state: who learns what, in which cohort, and how far they are.

Content (courses, modules, lessons) lives in Wagtail pages (``cms``); every
row here points at the *default-locale* (Arabic) page, ``page.canonical_page``,
so that progress is shared between the Arabic and French versions.

Layers, finest first (Kolibri's habit):

- ``LessonProgress``: one row per enrolment × lesson (started, finished
  reading, completed, time spent);
- ``ModuleProgress``: one row per enrolment × module, rolled up from the
  lesson rows by ``learning.services.progress`` (what dashboards read);
- ``Enrollment``: one row per user × course, with the course roll-up
  (progress 0–1, completion time, last activity).

A ``Cohort`` is a group of trainees following one course with its trainers
(the 2024 regional stations are cohorts); ``CohortMembership`` ties an
enrolment to its cohort (at most one cohort per enrolment), and a
``Nomination`` is an association coordinator's proposal that a trainer
accepts or declines. Rows change only through ``learning.services``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.regions import Region

# Invitation codes are typed from paper or dictated by phone: no 0/O, 1/I/L.
INVITATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITATION_LENGTH = 8


def invitation_code_generate() -> str:
    return "".join(secrets.choice(INVITATION_ALPHABET) for _ in range(INVITATION_LENGTH))


def invitation_code_normalize(raw: str) -> str:
    """What people type (any case, with spaces or a dash) → stored form."""
    return "".join(ch for ch in (raw or "").upper() if ch.isascii() and ch.isalnum())


def invitation_code_display(code: str) -> str:
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}" if code else ""


def _progress_between_0_and_1(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(progress__gte=0) & Q(progress__lte=1),
        name=f"{name}_progress_between_0_and_1",
    )


class EnrollmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolment")
    INVITATION = "invitation", _("Cohort invitation")
    NOMINATION = "nomination", _("Association nomination")
    TRAINER = "trainer", _("Added by a trainer")


class Enrollment(models.Model):
    """A user following a course (one row per user × course)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="enrollments"
    )
    # PROTECT: a course with learners is unpublished, never deleted, so
    # that nobody's record (and certificate evidence) silently disappears.
    course = models.ForeignKey("cms.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("how they joined"), max_length=20, choices=EnrollmentSource.choices)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    progress = models.FloatField(_("progress"), default=0.0)
    lessons_completed = models.PositiveIntegerField(_("required lessons completed"), default=0)
    lessons_required = models.PositiveIntegerField(_("required lessons"), default=0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        "cms.LessonPage", verbose_name=_("last lesson opened"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Idempotency marks for the e-mails (a task that finds them set does nothing).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    completion_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    inactivity_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrollment_one_per_user_course"),
            _progress_between_0_and_1("enrollment"),
            models.CheckConstraint(
                condition=Q(lessons_completed__lte=F("lessons_required")), name="enrollment_completed_within_required"
            ),
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"], name="enrollment_course_completed"),
            models.Index(fields=["completed_at", "last_activity_at"], name="enrollment_inactivity"),
        ]

    def __str__(self):
        return f"{self.user} · {self.course_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def percent(self) -> int:
        return int(round(self.progress * 100))


class Cohort(models.Model):
    """A group of trainees following one course with their trainers, in a
    region, between two dates, up to a capacity. Trainees join with the
    invitation code (or link), through a nomination, or are added."""

    course = models.ForeignKey("cms.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+")
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=3, choices=Region.choices)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("trainers"), related_name="cohorts_trained", blank=True
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("The largest number of trainees."))
    invitation_code = models.CharField(_("invitation code"), max_length=16, unique=True, default=invitation_code_generate)
    invitation_expires_on = models.DateField(
        _("invitation valid until"),
        null=True,
        blank=True,
        help_text=_("Last day the invitation code works. Empty: until the cohort ends."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name_ar"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cohort_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
            models.CheckConstraint(condition=~Q(name_ar=""), name="cohort_has_arabic_name"),
        ]
        indexes = [
            models.Index(fields=["course", "starts_on"], name="cohort_course_start"),
            models.Index(fields=["region"], name="cohort_region"),
        ]

    def __str__(self):
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        language = language or get_language() or settings.LANGUAGE_CODE
        if language.startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name_ar

    @property
    def invitation_code_display(self) -> str:
        return invitation_code_display(self.invitation_code)

    @property
    def invitation_last_day(self):
        return min(filter(None, [self.invitation_expires_on, self.ends_on]))

    def invitation_is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return today <= self.invitation_last_day

    def has_ended(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.ends_on

    @property
    def trainees(self) -> list:
        """The cohort's trainees (users), in joining order. Free after
        ``learning.selectors.cohorts_with_people``; one query otherwise."""
        memberships = getattr(self, "_memberships", None)
        if memberships is None:
            memberships = self.memberships.select_related("enrollment__user").order_by("joined_at")
        return [membership.enrollment.user for membership in memberships]


class MembershipSource(models.TextChoices):
    INVITATION = "invitation", _("Invitation code")
    NOMINATION = "nomination", _("Nomination")
    TRAINER = "trainer", _("Added by a trainer")


class CohortMembership(models.Model):
    """An enrolment's cohort. One-to-one with the enrolment, so a trainee is
    in at most one cohort per course (enforced by the database)."""

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="memberships")
    enrollment = models.OneToOneField(
        Enrollment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="membership"
    )
    source = models.CharField(_("how they joined"), max_length=20, choices=MembershipSource.choices)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort membership")
        verbose_name_plural = _("cohort memberships")
        ordering = ["joined_at"]
        indexes = [models.Index(fields=["cohort", "joined_at"], name="membership_cohort_joined")]

    def __str__(self):
        return f"{self.cohort_id} · {self.enrollment_id}"


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the trainer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Nomination(models.Model):
    """An association coordinator proposes one of the association's members
    for a cohort; a trainer of the cohort accepts (the trainee joins) or
    declines."""

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="nominations")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="nominations"
    )
    association = models.ForeignKey(
        "accounts.Association", verbose_name=_("association"), on_delete=models.PROTECT, related_name="nominations"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("nominated by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note for the trainer"), blank=True, max_length=1000)
    status = models.CharField(_("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.PENDING)
    created_at = models.DateTimeField(_("nominated at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "trainee"],
                condition=Q(status="pending"),
                name="nomination_one_pending_per_trainee_cohort",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True) | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="nomination_decided_iff_not_pending",
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "status"], name="nomination_cohort_status"),
            models.Index(fields=["association", "status"], name="nomination_association_status"),
        ]

    def __str__(self):
        return f"{self.trainee} → {self.cohort}"


class LessonStatus(models.TextChoices):
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")


class FinishedVia(models.TextChoices):
    BUTTON = "button", _("Marked complete")
    SCROLL = "scroll", _("Read to the end")


class LessonProgress(models.Model):
    """One trainee's state in one lesson. ``finished_at`` records that they
    read it to the end or pressed "mark complete"; the lesson is *completed*
    once that is true and every activity the lesson requires is done."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey("cms.LessonPage", verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=LessonStatus.choices, default=LessonStatus.STARTED)
    first_seen_at = models.DateTimeField(_("first opened"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last opened"), default=timezone.now)
    seconds_spent = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    finished_at = models.DateTimeField(_("finished reading"), null=True, blank=True)
    finished_via = models.CharField(max_length=10, choices=FinishedVia.choices, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="lesson_progress_one_per_enrollment_lesson"),
            models.CheckConstraint(
                condition=(Q(status="completed") & Q(completed_at__isnull=False))
                | (Q(status="started") & Q(completed_at__isnull=True)),
                name="lesson_progress_completed_iff_completed_at",
            ),
        ]
        indexes = [models.Index(fields=["enrollment", "status"], name="lesson_progress_enroll_status")]

    def __str__(self):
        return f"{self.enrollment_id} · {self.lesson_id} · {self.status}"

    @property
    def is_completed(self) -> bool:
        return self.status == LessonStatus.COMPLETED


class ModuleProgress(models.Model):
    """Roll-up of one trainee's lessons in one module, kept current by
    ``enrollment_progress_refresh``: dashboards read these rows instead of
    recounting lessons."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="module_progress")
    module = models.ForeignKey("cms.ModulePage", verbose_name=_("module"), on_delete=models.CASCADE, related_name="+")
    lessons_completed = models.PositiveIntegerField(default=0)
    lessons_required = models.PositiveIntegerField(default=0)
    progress = models.FloatField(_("progress"), default=0.0)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "module"], name="module_progress_one_per_enrollment_module"),
            _progress_between_0_and_1("module_progress"),
            models.CheckConstraint(
                condition=Q(lessons_completed__lte=F("lessons_required")), name="module_progress_completed_within_required"
            ),
        ]

    def __str__(self):
        return f"{self.enrollment_id} · {self.module_id} · {self.progress:.2f}"

    @property
    def percent(self) -> int:
        return int(round(self.progress * 100))
