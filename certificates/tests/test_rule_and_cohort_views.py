"""The screens around the rules: officers write versions, trainers sign off
and issue for a cohort, trainees find their certificates in My learning."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.models import Certificate, CertificationRule, SignOff
from certificates.services.rules import certification_rule_create
from learning.factories import CohortFactory, course_tree
from learning.quizzes.factories import QuizFactory
from learning.services import cohort_member_add, enrollment_create, lesson_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    return course_tree(home_page, modules=1, lessons=1, title="الوساطة الأسرية: الأسس", duration_hours=30)


def test_an_officer_saves_a_new_version_with_a_required_quiz(client, tree, officer):
    # given
    quiz = QuizFactory(course=tree.course, title_ar="الاختبار النهائي", pass_mark_percent=Decimal("60"))
    certification_rule_create(course=tree.course, actor=officer, validity_months=36)
    client.force_login(officer)
    url = reverse("certificates:rules_edit", args=[tree.course.pk])
    page = client.get(url).content.decode()
    assert "الإصدار الحالي: 1" in page and 'value="36"' in page and "الاختبار النهائي" in page

    # when
    response = client.post(url, {"is_active": "on", "requires_completion": "on", "requires_sign_off": "on", "validity_months": "24",
                                 "renewal_window_days": "60", f"quiz_{quiz.pk}": "on", f"quiz_{quiz.pk}_min": "75"}, follow=True)

    # then
    page = response.content.decode()
    rule = CertificationRule.objects.get(course=tree.course, version=2)
    assert (rule.validity_months, rule.requires_sign_off, rule.renewal_window_days) == (24, True, 60)
    assert [(r.quiz_id, r.min_score_percent) for r in rule.required_quizzes.all()] == [(quiz.pk, Decimal("75.00"))]
    assert "حُفظ الإصدار 2 من الشروط." in page
    assert "اجتياز الاختبار «الاختبار النهائي» بنقطة لا تقل عن 75%." in page


def test_impossible_rules_are_explained_and_no_version_is_written(client, tree, officer):
    client.force_login(officer)

    response = client.post(reverse("certificates:rules_edit", args=[tree.course.pk]), {"validity_months": "24", "renewal_window_days": "90"})

    assert response.status_code == 400
    assert "اختر شرطًا واحدًا على الأقل" in response.content.decode()
    assert not CertificationRule.objects.exists()


def members(cohort):
    return [m.enrollment.user for m in cohort.memberships.select_related("enrollment__user").order_by("joined_at")]


def test_the_trainer_sees_what_each_trainee_lacks_in_a_bounded_number_of_queries(client, tree, officer, trainer, cohort, django_assert_max_num_queries):
    certification_rule_create(course=tree.course, actor=officer, requires_sign_off=True)
    for user in members(cohort)[:2]:
        lesson_complete(user=user, lesson=tree.all_lessons[0])
    for n in range(7):
        cohort_member_add(cohort=cohort, user=UserFactory(roles=[Role.TRAINEE], full_name_ar=f"متدرب {n}"))
    client.force_login(trainer)

    with django_assert_max_num_queries(20):
        page = client.get(reverse("certificates:cohort_detail", args=[cohort.pk])).content.decode()

    assert page.count("لا توجد بعد مصادقة من مكوّن.") == 10
    assert page.count("لم يُتمّ الدورة بعد.") == 8
    assert page.count(">صادِق</button>") == 10


def test_signing_off_the_last_requirement_issues_the_certificate(client, tree, officer, trainer, cohort, django_capture_on_commit_callbacks):
    certification_rule_create(course=tree.course, actor=officer, requires_sign_off=True)
    first = members(cohort)[0]
    lesson_complete(user=first, lesson=tree.all_lessons[0])
    client.force_login(trainer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificates:cohort_sign_off", args=[cohort.pk, first.pk]), {f"t{first.pk}-trainee": first.pk, f"t{first.pk}-note": "Jeu de rôle réussi"})
    page = client.get(reverse("certificates:cohort_detail", args=[cohort.pk])).content.decode()

    sign_off = SignOff.objects.get()
    assert (sign_off.trainee, sign_off.signed_by, sign_off.note) == (first, trainer, "Jeu de rôle réussi")
    certificate = Certificate.objects.get(holder=first)
    assert "سُجّلت المصادقة لـ أمينة العلوي." in page
    assert certificate.licence_number in page


def test_a_trainee_outside_the_cohort_cannot_be_signed_off_through_it(client, tree, officer, trainer, cohort):
    certification_rule_create(course=tree.course, actor=officer, requires_sign_off=True)
    outsider = UserFactory(roles=[Role.TRAINEE])
    enrollment_create(user=outsider, course=tree.course)
    client.force_login(trainer)

    response = client.post(reverse("certificates:cohort_sign_off", args=[cohort.pk, outsider.pk]), {f"t{outsider.pk}-trainee": outsider.pk})

    assert response.status_code == 404 and not SignOff.objects.exists()


def test_issuing_for_the_cohort_shows_the_progress_and_who_is_not_ready(client, tree, officer, trainer, cohort, django_capture_on_commit_callbacks):
    certification_rule_create(course=tree.course, actor=officer, is_active=False)
    for user in members(cohort)[:2]:
        lesson_complete(user=user, lesson=tree.all_lessons[0])
    certification_rule_create(course=tree.course, actor=officer)
    client.force_login(trainer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificates:cohort_issue", args=[cohort.pk]))
    response = client.get(reverse("certificates:cohort_detail", args=[cohort.pk]))

    page = response.content.decode()
    assert Certificate.objects.filter(issued_by=trainer).count() == 2
    assert "3 من 3 متدربين" in page
    assert "سناء العلوي: لم يُتمّ الدورة بعد." in page
    assert 'value="100"' in page and "Refresh" not in response


def test_my_learning_shows_my_certificates_with_the_pdf_and_the_registry_choice(client, certificate, django_assert_max_num_queries):
    client.force_login(certificate.holder)

    page = client.get(reverse("learning:my_learning")).content.decode()

    assert 'id="my-certificates-title"' in page
    assert reverse("certificates:pdf", args=[certificate.public_id]) in page
    assert reverse("certificates:registry_choice", args=[certificate.public_id]) in page
    assert certificate.licence_number in page


def test_my_learning_has_no_certificates_panel_without_a_certificate(client, trainee):
    client.force_login(trainee)

    assert 'id="my-certificates-title"' not in client.get(reverse("learning:my_learning")).content.decode()
