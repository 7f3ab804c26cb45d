"""Certification rules: versions written by officers, judging trainees
against them, trainers' sign-offs, and automatic issuance from the
learning and quiz signals."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.errors import CertificateError
from certificates.models import Certificate, CertificateEvent, CertificationRule, CohortIssuance, EventAction, SignOff
from certificates.permissions import CertificatePermissionDenied
from certificates.services.batch import cohort_issuance_start
from certificates.services.rules import Unmet, certification_check, certification_rule_create, rule_current, sign_off_record
from learning.factories import CohortFactory, course_tree
from learning.quizzes.factories import QuizFactory, add_slots, choice_question, QuestionCategoryFactory
from learning.quizzes.services.attempts import attempt_answers_save, attempt_start, attempt_submit
from learning.quizzes.tests.helpers import answers_for, right_answer, wrong_answer
from learning.services import cohort_member_add, enrollment_create, lesson_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    return course_tree(home_page, modules=1, lessons=2, title="الوساطة الأسرية: الأسس", duration_hours=30)


@pytest.fixture
def quiz(tree):
    category = QuestionCategoryFactory(course=tree.course)
    questions = [choice_question(category, correct=f"صواب {n}") for n in range(4)]
    return add_slots(QuizFactory(course=tree.course, pass_mark_percent=Decimal("50")), *questions)


def take_quiz(user, quiz, right: int):
    """Answer ``right`` of the quiz's four questions correctly and submit."""
    attempt = attempt_start(user=user, quiz=quiz)
    answers = {}
    for aq in attempt.questions.order_by("position"):
        answers[aq.position] = right_answer(aq.snapshot) if aq.position <= right else wrong_answer(aq.snapshot)
    attempt_answers_save(attempt=attempt, user=user, responses=answers)
    return attempt_submit(attempt=attempt, user=user)


def complete_course(user, tree):
    for lesson in tree.all_lessons:
        lesson_complete(user=user, lesson=lesson)


def rules(tree, officer, quizzes=(), **fields):
    return certification_rule_create(course=tree.course, actor=officer, quizzes=quizzes, **fields)


# --- Versions --------------------------------------------------------------


def test_officers_write_numbered_versions_and_a_certificate_keeps_the_one_it_was_judged_by(tree, officer, trainee, quiz, django_capture_on_commit_callbacks):
    # given: version 1 asks only for completion
    first = rules(tree, officer, validity_months=36)
    enrollment_create(user=trainee, course=tree.course)

    # when: the trainee completes the course, then the rules change
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(trainee, tree)
    second = rules(tree, officer, quizzes=[(quiz, Decimal("80"))], validity_months=24)

    # then
    certificate = Certificate.objects.get(holder=trainee)
    assert (first.version, second.version) == (1, 2)
    assert certificate.rule == first and certificate.rule.validity_months == 36
    assert rule_current(tree.course) == second
    assert [(r.quiz_id, r.min_score_percent) for r in second.required_quizzes.all()] == [(quiz.pk, Decimal("80.00"))]
    assert not first.required_quizzes.exists()
    event = CertificateEvent.objects.get(certificate=certificate, action=EventAction.ISSUED)
    assert event.details["rule_version"] == 1 and event.actor is None


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"requires_completion": False}, "اختر شرطًا واحدًا على الأقل"),
        ({"validity_months": 500}, "240"),
    ],
)
def test_impossible_rules_are_refused_and_nothing_is_written(tree, officer, kwargs, message):
    with pytest.raises(CertificateError) as error:
        rules(tree, officer, **kwargs)

    assert message in " ".join(error.value.messages)
    assert not CertificationRule.objects.exists()


def test_a_quiz_of_another_course_is_refused(tree, officer, home_page):
    other = course_tree(home_page, modules=1, lessons=1)
    foreign = QuizFactory(course=other.course)

    with pytest.raises(CertificateError, match="تابع لدورة أخرى"):
        rules(tree, officer, quizzes=[(foreign, Decimal("50"))])
    assert not CertificationRule.objects.exists()


def test_only_officers_write_rules(tree, trainer):
    with pytest.raises(CertificatePermissionDenied):
        rules(tree, trainer)


def test_a_french_course_page_gets_rules_on_its_arabic_original(tree, officer):
    from cms.factories import translate_page

    french = translate_page(tree.course, "fr", title="Médiation familiale : les bases")

    rule = certification_rule_create(course=french, actor=officer)

    assert rule.course_id == tree.course.pk


# --- Judging ---------------------------------------------------------------


def test_every_unmet_requirement_is_named(tree, officer, trainee, quiz, django_assert_max_num_queries):
    rule = rules(tree, officer, quizzes=[(quiz, Decimal("75"))], requires_sign_off=True)
    enrollment_create(user=trainee, course=tree.course)
    take_quiz(trainee, quiz, right=2)  # 50 %: passed the quiz's own mark, not the rule's

    with django_assert_max_num_queries(4):
        eligibility = certification_check(holder=trainee, rule=rule)

    assert eligibility.codes == [Unmet.COMPLETION, Unmet.QUIZ, Unmet.SIGN_OFF]
    assert "75%" in eligibility.shortfalls[1].message and "Quiz" in eligibility.shortfalls[1].text["fr"]
    assert not eligibility.met


def test_a_trainee_not_enrolled_is_not_eligible(tree, officer, trainee):
    rule = rules(tree, officer)
    assert certification_check(holder=trainee, rule=rule).codes == [Unmet.NOT_ENROLLED]


# --- Automatic issuance ------------------------------------------------------


def test_the_certificate_follows_the_last_requirement_met_whichever_it_is(tree, officer, trainee, trainer, quiz, django_capture_on_commit_callbacks):
    # given: completion, the quiz at 75 % and a sign-off
    rules(tree, officer, quizzes=[(quiz, Decimal("75"))], requires_sign_off=True)
    cohort = CohortFactory(course=tree.course, trainers=[trainer])
    cohort_member_add(cohort=cohort, user=trainee)

    with django_capture_on_commit_callbacks(execute=True):
        complete_course(trainee, tree)
        take_quiz(trainee, quiz, right=2)  # 50 %: not enough
        take_quiz(trainee, quiz, right=4)  # 100 %
    assert not Certificate.objects.exists()

    # when: the trainer signs off, the last requirement
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_record(trainee=trainee, course=tree.course, trainer=trainer, note="Jeu de rôle réussi")

    # then: issued in the background, the PDF built and the holder told
    certificate = Certificate.objects.get(holder=trainee)
    assert certificate.issued_by is None and certificate.pdf
    told = [message for message in mail.outbox if certificate.get_verification_url() in message.body]
    assert len(told) == 1 and told[0].to == [trainee.email]


def test_a_graded_quiz_issues_when_it_was_the_last_requirement(tree, officer, trainee, quiz, django_capture_on_commit_callbacks):
    rules(tree, officer, quizzes=[(quiz, Decimal("75"))])
    enrollment_create(user=trainee, course=tree.course)
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(trainee, tree)
    assert not Certificate.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(trainee, quiz, right=3)

    assert Certificate.objects.filter(holder=trainee, status="active").count() == 1


def test_no_certificate_while_the_rules_are_switched_off_and_never_a_second_one(tree, officer, trainee, django_capture_on_commit_callbacks):
    rules(tree, officer, is_active=False)
    enrollment_create(user=trainee, course=tree.course)
    with django_capture_on_commit_callbacks(execute=True):
        complete_course(trainee, tree)
    assert not Certificate.objects.exists()

    # when: a new version issues again; those already eligible are caught up
    with django_capture_on_commit_callbacks(execute=True):
        rules(tree, officer)
    with django_capture_on_commit_callbacks(execute=True):
        rules(tree, officer)

    assert Certificate.objects.filter(holder=trainee).count() == 1


# --- Sign-off ----------------------------------------------------------------


def test_only_a_trainer_of_the_trainees_cohort_signs_off(tree, trainee, trainer):
    cohort = CohortFactory(course=tree.course, trainers=[trainer])
    cohort_member_add(cohort=cohort, user=trainee)
    stranger = UserFactory(roles=[Role.TRAINER])

    with pytest.raises(CertificatePermissionDenied):
        sign_off_record(trainee=trainee, course=tree.course, trainer=stranger)
    with pytest.raises(CertificatePermissionDenied):
        sign_off_record(trainee=trainee, course=tree.course, trainer=trainee)
    assert not SignOff.objects.exists()

    sign_off = sign_off_record(trainee=trainee, course=tree.course, trainer=trainer, note="  ")
    assert sign_off.signed_by == trainer and sign_off.note == ""


# --- A whole cohort ----------------------------------------------------------


def test_a_trainer_issues_for_the_cohort_and_sees_who_was_not_ready(tree, officer, trainer, cohort, django_capture_on_commit_callbacks):
    rules(tree, officer, is_active=False)
    members = [m.enrollment.user for m in cohort.memberships.select_related("enrollment__user").order_by("joined_at")]
    for user in members[:2]:
        complete_course(user, tree)
    rules(tree, officer)  # now issuing, without the catch-up (callbacks not run)

    with django_capture_on_commit_callbacks(execute=True):
        batch = cohort_issuance_start(cohort=cohort, actor=trainer)

    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.issued, batch.not_eligible, batch.percent) == ("done", 3, 2, 1, 100)
    assert set(Certificate.objects.values_list("holder_id", flat=True)) == {members[0].pk, members[1].pk}
    assert Certificate.objects.filter(issued_by=trainer).count() == 2
    missing = [entry for entry in batch.results if entry["outcome"] == "not_eligible"]
    assert missing[0]["user_id"] == members[2].pk and missing[0]["missing"] == [{"ar": "لم يُتمّ الدورة بعد.", "fr": "La formation n'est pas encore terminée."}]

    # and: asking again issues nothing more
    with django_capture_on_commit_callbacks(execute=True):
        again = cohort_issuance_start(cohort=cohort, actor=trainer)
    again.refresh_from_db()
    assert (again.issued, again.already, again.not_eligible) == (0, 2, 1)


def test_a_trainer_of_another_cohort_cannot_issue(tree, officer, cohort):
    rules(tree, officer)
    with pytest.raises(CertificatePermissionDenied):
        cohort_issuance_start(cohort=cohort, actor=UserFactory(roles=[Role.TRAINER]))
    assert not CohortIssuance.objects.exists()


def test_the_command_issues_for_a_cohort_and_reports_each_trainee(tree, officer, cohort, capsys):
    rules(tree, officer, is_active=False)
    first = cohort.memberships.order_by("joined_at").first().enrollment.user
    complete_course(first, tree)
    rules(tree, officer)

    call_command("certificates_issue", "--cohort", str(cohort.pk))

    out = capsys.readouterr().out
    assert "أمينة العلوي: صدرت الشهادة" in out
    assert "سناء العلوي: لم تُستوفَ الشروط بعد — لم يُتمّ الدورة بعد." in out
    assert "1 issued, 0 already certified, 2 not yet eligible, 0 failed" in out
    assert Certificate.objects.get().holder == first


def test_the_command_refuses_an_unknown_cohort(db):
    with pytest.raises(CommandError, match="No cohort with id 999"):
        call_command("certificates_issue", "--cohort", "999")
