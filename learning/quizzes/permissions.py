"""Who may do what with quizzes — decided here and nowhere else (the
role × URL matrix in tests/test_permissions_matrix.py walks every view).

Trainees
    ``may_take_quiz(user, quiz, lesson=None)`` — enrolled in the quiz's
    course (and allowed to read the lesson it is placed in), or staff
    previewing it; ``may_view_attempt(user, attempt)`` — the trainee who
    made it, or whoever may follow that trainee's attempts;
    ``may_answer_attempt(user, attempt)`` — only the trainee who made it.

Trainers and officers
    ``may_follow_attempts(user, quiz)`` — officers, and trainers of a cohort
    of the quiz's course (they then see only their cohorts' attempts:
    ``attempts_visible_to``); ``may_grade_attempt(user, attempt)`` — the
    trainers of the trainee's cohort (and administrators);
    ``may_manage_bank(user)`` — trainers, officers and administrators
    (importing and exporting question banks); ``bank_import_courses(user)``
    — of those, the courses whose pages they may edit (a trainer only in the
    programmes they author, cms/permissions.py), where they may import.

The question bank in the Wagtail admin (wagtail_hooks.py)
    ``bank_scope(user, queryset)`` — of some categories, questions or
    quizzes, those of the courses in ``bank_import_courses(user)`` (all of
    them for administrators): what the bank's lists, choosers and form
    choices offer; ``may_author_bank_item(user, item)`` — the same for one
    object. ``BankPermissionPolicy`` joins the Django model permissions
    (granted to trainers and officers by migration 0002) to that scope, so a
    trainer edits and deletes only the banks of the programmes they author.

``ensure(allowed)`` raises ``QuizPermissionDenied`` (a 403 page).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.roles import user_is_staff_member
from cms.models import CoursePage
from learning.models import Cohort, CohortMembership
from learning.permissions import is_officer, is_trainer, lesson_access
from learning.selectors import is_enrolled

from .models import Attempt, Quiz


class QuizPermissionDenied(PermissionDenied):
    pass


def ensure(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise QuizPermissionDenied(message or _("You do not have access to this page."))


def _is_admin(user) -> bool:
    return user.is_authenticated and user.is_superuser


def may_take_quiz(user, quiz: Quiz, lesson=None, request=None) -> bool:
    if not user.is_authenticated:
        return False
    if lesson is not None and not lesson_access(user, lesson, request=request).allowed:
        return False
    return is_enrolled(user=user, course=quiz.course_id) or user_is_staff_member(user)


def _trained_cohorts(user, course_id: int) -> QuerySet[Cohort]:
    return Cohort.objects.filter(course_id=course_id, trainers=user)


def may_follow_attempts(user, quiz: Quiz) -> bool:
    if not user.is_authenticated:
        return False
    if is_officer(user) or _is_admin(user):
        return True
    return is_trainer(user) and _trained_cohorts(user, quiz.course_id).exists()


def _trains_trainee(user, attempt: Attempt) -> bool:
    return is_trainer(user) and CohortMembership.objects.filter(
        cohort__trainers=user, cohort__course_id=attempt.quiz.course_id, enrollment__user_id=attempt.user_id
    ).exists()


def may_view_attempt(user, attempt: Attempt) -> bool:
    if not user.is_authenticated:
        return False
    if attempt.user_id == user.pk or is_officer(user) or _is_admin(user):
        return True
    return _trains_trainee(user, attempt)


def may_answer_attempt(user, attempt: Attempt) -> bool:
    return user.is_authenticated and attempt.user_id == user.pk


def may_grade_attempt(user, attempt: Attempt) -> bool:
    return _is_admin(user) or _trains_trainee(user, attempt)


def may_manage_bank(user) -> bool:
    return user_is_staff_member(user)


def bank_import_courses(user) -> QuerySet[CoursePage]:
    """The courses (their Arabic pages, which own the banks) ``user`` may
    import questions into: bank managers, in the courses they may edit."""
    if not may_manage_bank(user):
        return CoursePage.objects.none()
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return CoursePage.objects.filter(locale=Locale.get_default(), pk__in=editable.values("pk")).order_by("title")


def _bank_course_ids(user) -> frozenset[int]:
    """``bank_import_courses``, cached on the user instance for the request
    (a listing asks once per row)."""
    cached = getattr(user, "_jisr_bank_course_ids", None)
    if cached is None:
        cached = frozenset(bank_import_courses(user).values_list("pk", flat=True))
        user._jisr_bank_course_ids = cached
    return cached


def bank_scope(user, queryset: QuerySet) -> QuerySet:
    """Of ``queryset`` (categories, questions or quizzes), those ``user``
    may author: the ones of the courses they may import into."""
    if _is_admin(user):
        return queryset
    return queryset.filter(course_id__in=_bank_course_ids(user))


def may_author_bank_item(user, item) -> bool:
    """Whether ``user`` may author this category, question or quiz (one not
    yet in a course is judged when its form is validated)."""
    if _is_admin(user):
        return True
    return item.course_id is None or item.course_id in _bank_course_ids(user)


class BankPermissionPolicy(ModelPermissionPolicy):
    """The Django permissions on the model (add, change, delete, view), and
    for one object, only within ``bank_scope``."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_author_bank_item(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return bank_scope(user, super().instances_user_has_any_permission_for(user, actions))


def attempts_visible_to(user, quiz: Quiz) -> QuerySet[Attempt]:
    """The attempts at ``quiz`` a trainer or officer may see: all of them for
    officers, those of their cohorts' trainees for trainers."""
    attempts = Attempt.objects.filter(quiz=quiz)
    if is_officer(user) or _is_admin(user):
        return attempts
    if is_trainer(user):
        trainee_ids = CohortMembership.objects.filter(
            cohort__in=_trained_cohorts(user, quiz.course_id)
        ).values("enrollment__user_id")
        return attempts.filter(user_id__in=trainee_ids)
    return attempts.none()
