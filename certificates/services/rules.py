"""Certification rules: officers write new versions; the platform judges a
trainee against a version; trainers sign off practical assessments; and a
trainee who meets the current rules is issued a certificate automatically."""

import datetime
from functools import partial
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.models import CoursePage
from learning.quizzes.models import Quiz
from learning.quizzes.selectors import quiz_results_for_users
from learning.selectors import course_completions

from ..errors import CertificateError
from ..i18n import in_both_languages
from ..models import LIVE_STATUSES, Certificate, CertificationRule, RequiredQuiz, SignOff
from ..permissions import CertificatePermissionDenied, can_sign_off, ensure_certificate_officer


def canonical_course(course) -> CoursePage:
    if isinstance(course, int):
        return CoursePage.objects.get(pk=course)
    course = course.specific if hasattr(course, "specific") else course
    canonical = course.canonical_page
    return canonical if isinstance(canonical, CoursePage) else canonical.specific


def rule_current(course) -> CertificationRule | None:
    """The newest version of the course's rules (whether or not it issues)."""
    course_id = course if isinstance(course, int) else canonical_course(course).pk
    return CertificationRule.objects.filter(course_id=course_id).order_by("-version").first()


# --- Officers write versions -----------------------------------------------

RULE_FIELDS = (
    "is_active",
    "requires_completion",
    "requires_sign_off",
    "validity_months",
    "renewal_window_days",
    "renewal_requires_sign_off",
    "criteria_ar",
    "criteria_fr",
)


def certification_rule_create(*, course, actor, quizzes: list[tuple[Quiz, Decimal]] = (), **fields) -> CertificationRule:
    """Write the next version of ``course``'s rules. ``quizzes``: (quiz,
    minimum score in percent) pairs, each a quiz of this course. Earlier
    versions stay as they were: the certificates judged by them keep them."""
    ensure_certificate_officer(actor)
    unknown = set(fields) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown rule fields: {sorted(unknown)}")
    course = canonical_course(course)
    quizzes = list(quizzes)
    seen = set()
    for quiz, minimum in quizzes:
        if quiz.course_id != course.pk:
            raise CertificateError(_("The quiz “%(quiz)s” belongs to another course.") % {"quiz": quiz.title})
        if quiz.pk in seen:
            raise CertificateError(_("The quiz “%(quiz)s” is named twice.") % {"quiz": quiz.title})
        seen.add(quiz.pk)
        if minimum is None or not Decimal(0) <= Decimal(minimum) <= Decimal(100):
            raise CertificateError(_("A minimum score is a percentage between 0 and 100."))
    if not (fields.get("requires_completion", True) or quizzes or fields.get("requires_sign_off")):
        raise CertificateError(
            _("Choose at least one requirement: course completed, a quiz passed, or a trainer's sign-off.")
        )
    rule = CertificationRule(course=course, created_by=actor, **fields)
    try:
        rule.full_clean(exclude=["course", "version", "created_by"])
    except ValidationError as error:
        raise CertificateError(error.messages) from error
    try:
        with transaction.atomic():
            latest = CertificationRule.objects.select_for_update().filter(course=course).order_by("-version").first()
            rule.version = (latest.version + 1) if latest else 1
            rule.save()
            RequiredQuiz.objects.bulk_create(
                RequiredQuiz(rule=rule, quiz=quiz, min_score_percent=Decimal(minimum)) for quiz, minimum in quizzes
            )
    except IntegrityError as error:
        raise CertificateError(_("Someone saved these rules at the same moment; open them again and retry.")) from error
    if rule.is_active:
        from ..tasks import certificates_course_auto_issue_task

        # Trainees who already meet the new rules need not wait for a signal.
        transaction.on_commit(lambda: certificates_course_auto_issue_task.delay(course.pk))
    return rule


# --- Judging a trainee -----------------------------------------------------


class Unmet:
    COMPLETION = "completion"
    QUIZ = "quiz"
    SIGN_OFF = "sign_off"
    NOT_ENROLLED = "not_enrolled"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class Shortfall:
    """An unmet requirement; ``text`` says it in Arabic and French (it is
    stored, e.g. in a cohort issuance's results, and read in either)."""

    code: str
    text: dict
    quiz_id: int | None = None

    @property
    def message(self) -> str:
        return self.text["fr" if not (get_language() or "ar").startswith("ar") else "ar"]


def _shortfall(code: str, render, quiz_id: int | None = None) -> Shortfall:
    return Shortfall(code, in_both_languages(render), quiz_id)


@dataclass(frozen=True)
class Eligibility:
    rule: CertificationRule
    shortfalls: tuple[Shortfall, ...] = field(default_factory=tuple)

    @property
    def met(self) -> bool:
        return not self.shortfalls

    @property
    def codes(self) -> list[str]:
        return [shortfall.code for shortfall in self.shortfalls]


def _quiz_shortfall(item: RequiredQuiz) -> str:
    return _("Quiz “%(quiz)s” not passed with at least %(score)s%%.") % {
        "quiz": item.quiz.title,
        "score": f"{item.min_score_percent.normalize():f}",
    }


def latest_sign_offs(*, trainee_ids, course_id: int) -> dict[int, SignOff]:
    """{trainee id: their latest sign-off for the course}, in one query."""
    latest = {}
    rows = SignOff.objects.filter(course_id=course_id, trainee_id__in=list(trainee_ids)).order_by("trainee_id", "-signed_at", "-pk")
    for sign_off in rows:
        latest.setdefault(sign_off.trainee_id, sign_off)
    return latest


def certification_checks(*, holders, rule: CertificationRule, signed_since: datetime.datetime | None = None) -> dict[int, Eligibility]:
    """{holder id: Eligibility} for many trainees at once: does each meet
    ``rule``? Every unmet requirement is named. Three queries, plus one per
    quiz the rule requires, however many trainees."""
    ids = [holder if isinstance(holder, int) else holder.pk for holder in holders]
    completions = course_completions(users=ids, course=rule.course_id)
    required = list(rule.required_quizzes.select_related("quiz"))
    results = {item.quiz_id: quiz_results_for_users(quiz=item.quiz_id, users=ids) for item in required}
    sign_offs = latest_sign_offs(trainee_ids=ids, course_id=rule.course_id) if rule.requires_sign_off else {}
    checks = {}
    for holder_id in ids:
        shortfalls = []
        completion = completions[holder_id]
        if not completion.enrolled:
            shortfalls.append(_shortfall(Unmet.NOT_ENROLLED, lambda: _("Not enrolled in the course.")))
        elif rule.requires_completion and not completion.completed:
            shortfalls.append(_shortfall(Unmet.COMPLETION, lambda: _("The course is not completed yet.")))
        for item in required:
            result = results[item.quiz_id].get(holder_id)
            if result is None or not result.passed or result.score_percent < item.min_score_percent:
                shortfalls.append(_shortfall(Unmet.QUIZ, partial(_quiz_shortfall, item), quiz_id=item.quiz_id))
        if rule.requires_sign_off:
            sign_off = sign_offs.get(holder_id)
            if sign_off is None or (signed_since is not None and sign_off.signed_at < signed_since):
                shortfalls.append(_shortfall(Unmet.SIGN_OFF, lambda: _("No trainer's sign-off yet.")))
        checks[holder_id] = Eligibility(rule=rule, shortfalls=tuple(shortfalls))
    return checks


def certification_check(*, holder, rule: CertificationRule, signed_since: datetime.datetime | None = None) -> Eligibility:
    """Does ``holder`` meet ``rule``? At most four queries for a rule with one quiz."""
    return certification_checks(holders=[holder], rule=rule, signed_since=signed_since)[holder.pk]


# --- Trainers sign off -----------------------------------------------------


def sign_off_record(*, trainee, course, trainer, note: str = "") -> SignOff:
    """A trainer of one of the trainee's cohorts for this course (or an
    officer) confirms the practical assessment. The platform then issues the
    certificate if that was the last requirement."""
    course = canonical_course(course)
    if not can_sign_off(trainer, trainee=trainee, course=course):
        raise CertificatePermissionDenied(_("Only a trainer of the trainee's cohort can sign off."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise CertificateError(_("The note is too long (2,000 characters at most)."))
    with transaction.atomic():
        label = f"{trainer.full_name_latin or trainer.full_name_ar} <{trainer.email}>"
        sign_off = SignOff.objects.create(trainee=trainee, course=course, signed_by=trainer, signed_by_label=label, note=note)
        schedule_auto_issue(user_id=trainee.pk, course_id=course.pk)
    return sign_off


# --- Automatic issuance ----------------------------------------------------


def schedule_auto_issue(*, user_id: int, course_id: int) -> None:
    """After the current transaction commits, see whether the trainee now
    meets the course's rules (background task)."""
    from ..tasks import certificate_auto_issue_task

    transaction.on_commit(lambda: certificate_auto_issue_task.delay(user_id, course_id))


def certificate_auto_issue(*, holder, course_id: int) -> Certificate | None:
    """Issue the certificate if ``holder`` meets the course's current rules
    and has no live certificate for it. Idempotent; returns the new
    certificate, or None when nothing was issued."""
    from .issuance import certificate_issue

    rule = rule_current(course_id)
    if rule is None or not rule.is_active:
        return None
    if Certificate.objects.filter(holder_id=holder.pk, course_id=course_id, status__in=LIVE_STATUSES).exists():
        return None
    if not certification_check(holder=holder, rule=rule).met:
        return None
    certificate, created = certificate_issue(holder=holder, course=rule.course, rule=rule, issued_at=timezone.now())
    return certificate if created else None
