"""The whole certificate journey on the real demo, in a real Chromium on a
phone-sized screen: a new trainee joins the demo cohort with its invitation
code and completes every lesson of the demo course (the H5P activity
included); the demo rules also ask for a trainer's sign-off, which the demo
trainer gives on the cohort certificates page; the certificate, issued in the
background, then appears on the trainee's pages, and its verification page
(and the short code typed at /verify/) says VALID."""

import io
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.models import User
from accounts.roles import Role
from certificates.demo import RULE
from certificates.models import Certificate, CertificateStatus, CertificationRule
from cms.models import LessonPage
from learning.h5p.demo import LESSON_SLUG as ACTIVITY_LESSON_SLUG
from learning.h5p.player import player_installed
from learning.models import Cohort, Enrollment, LessonProgress, LessonStatus
from learning.outline import course_outline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VALID = "صالحة"  # VerificationStatus.VALID in Arabic
NO_SIGN_OFF_YET = "لا توجد بعد مصادقة من مكوّن."


def log_in(page, email, password, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{next_url}")


def complete_lesson(page, lesson):
    """Open the lesson (its script records the visit) and mark it complete."""
    with page.expect_response(lambda response: response.url.endswith(f"/lessons/{lesson.pk}/start/")):
        page.goto(lesson.url)
    with page.expect_response(lambda response: response.url.endswith(f"/lessons/{lesson.pk}/complete/")):
        page.get_by_role("button", name="تعليم هذا الدرس كمكتمل").click()


def play_the_true_false_activity(page):
    """The demo activity: a True/False statement whose answer is True."""
    player = page.frame_locator("iframe.block-h5p__frame")
    player.locator(".jisr-tf__question").wait_for()
    player.get_by_role("button", name="صحيح").click()
    assert "أحسنت" in player.locator(".jisr-tf__feedback").inner_text()


def test_a_trainee_completes_the_demo_course_is_signed_off_and_verifies_the_certificate(page, browser, live_server):
    if not player_installed():
        pytest.skip("h5p-standalone is not installed (npm ci)")

    # The lesson script reports the time spent with a beacon as a page is left,
    # while the next page posts its visit. On SQLite in memory the live
    # server's threads share one connection, and the two requests at once
    # break each other's transactions (a test artefact: PostgreSQL and a file
    # database take them in turn). Time spent plays no part in certification.
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'sendBeacon', {value: undefined, configurable: true})")

    # given: the demo, as `make run` shows it
    call_command("seed_demo", stdout=io.StringIO())
    rule = CertificationRule.objects.select_related("course").get()
    course = rule.course.specific
    assert (rule.requires_completion, rule.requires_sign_off, rule.required_quizzes.count()) == (
        RULE["requires_completion"], RULE["requires_sign_off"], 0
    )
    cohort = Cohort.objects.get(course=course)
    trainer = User.objects.get(email="trainer@demo.jisr.ma")
    assert trainer in cohort.trainers.all()
    outline = course_outline(course)
    lessons = {lesson.pk: lesson for lesson in LessonPage.objects.filter(pk__in=[item.id for item in outline.lessons])}
    [activity_lesson] = [lesson for lesson in lessons.values() if lesson.slug == ACTIVITY_LESSON_SLUG]
    # and a new trainee with an Arabic and a Latin name
    trainee = UserFactory(
        roles=[Role.TRAINEE], email="nadia.alaoui@example.ma", full_name_ar="نادية العلوي", first_name="Nadia", last_name="Alaoui"
    )

    # when: the trainee logs in and joins the cohort with the code the trainer gave
    log_in(page, trainee.email, TEST_PASSWORD, "/learning/")
    page.fill("input[name=code]", cohort.invitation_code_display.lower())
    with page.expect_response(lambda response: response.url.endswith("/learning/join/") and response.status == 302):
        page.locator("form.join-form button[type=submit]").click()
    assert page.locator(".messages .message--success").inner_text() == f"التحقت بالفوج «{cohort.display_name()}»."
    assert course.title in page.locator("#in-progress-title + .card-list").inner_text()
    assert Enrollment.objects.filter(user=trainee, course=course).count() == 1

    # and completes every lesson, in the course's order (the activity lesson asks to play it too)
    for item in outline.lessons:
        lesson = lessons[item.id]
        complete_lesson(page, lesson)
        if lesson.pk == activity_lesson.pk:
            page.locator("#learning-panel").get_by_text("أنجز أنشطة هذا الدرس لإتمامه.").wait_for()
            play_the_true_false_activity(page)
        page.locator("#learning-panel .learning-panel__status--done").wait_for()
    assert page.locator("#learning-panel [role=progressbar]").get_attribute("aria-valuenow") == "100"

    # then: the course is complete, every lesson too, and no certificate yet: a trainer must sign off
    enrollment = Enrollment.objects.get(user=trainee, course=course)
    assert enrollment.completed_at is not None
    assert set(LessonProgress.objects.filter(enrollment=enrollment).values_list("lesson_id", "status")) == {
        (pk, LessonStatus.COMPLETED) for pk in lessons
    }
    page.goto("/certificates/mine/")
    assert "ليست لديك شهادة بعد." in page.locator("main").inner_text()
    assert page.locator(".holder-certificate").count() == 0
    assert not Certificate.objects.filter(holder=trainee).exists()

    # when: the demo trainer, on their own phone, opens the cohort's certificates page
    trainer_context = browser.new_context(viewport={"width": 360, "height": 780}, base_url=live_server.url)
    try:
        trainer_page = trainer_context.new_page()
        trainer_page.set_default_timeout(15_000)
        log_in(trainer_page, trainer.email, settings.DEMO_PASSWORD, f"/certificates/cohorts/{cohort.pk}/")
        row = trainer_page.locator(f"tr[data-trainee='{trainee.pk}']")
        # then the trainee's only shortfall is the sign-off
        assert row.locator(".shortfalls li").all_inner_texts() == [NO_SIGN_OFF_YET]
        # when the trainer signs off after the practical assessment
        row.locator(f"input[name=t{trainee.pk}-note]").fill("تقييم عملي ناجح: جلسة وساطة محاكاة.")
        with trainer_page.expect_response(lambda response: response.url.endswith(f"/sign-off/{trainee.pk}/") and response.status == 302):
            row.get_by_role("button", name="صادِق").click()
        # then the page says so, and the row now shows the valid certificate
        assert trainer_page.locator(".messages .message--success").inner_text() == f"سُجّلت المصادقة لـ {trainee.display_name}."
        row.locator(".status-pill--valid").wait_for()
        assert row.locator(".status-pill--valid").inner_text().strip() == VALID
        trainer_row_licence = row.locator("td span[dir=ltr]").inner_text().strip()
    finally:
        trainer_context.close()

    # and exactly one active certificate was issued, judged by the demo rules
    assert Certificate.objects.filter(holder=trainee).count() == 1
    certificate = Certificate.objects.get(holder=trainee, course=course)
    assert certificate.status == CertificateStatus.ACTIVE
    assert certificate.rule_id == rule.pk
    assert re.fullmatch(r"MF-\d{4}-\d{6}", certificate.licence_number)
    assert trainer_row_licence == certificate.licence_number
    # and the trainee was told by e-mail, in Arabic, with the link to the verification page
    [message] = [message for message in mail.outbox if message.to == [trainee.email] and certificate.licence_number in message.body]
    assert message.subject == f"شهادتك: {course.title}"
    assert certificate.get_verification_url() in message.body

    # when: the trainee opens My learning
    page.goto("/learning/")
    mine = page.locator(".my-certificates .holder-certificate")
    # then the certificate is there, valid, with the course and the licence number
    assert mine.count() == 1
    assert course.title in mine.inner_text()
    assert certificate.licence_number in mine.inner_text()
    assert mine.locator(".status-pill").inner_text().strip() == VALID

    # when: the trainee opens My certificates and follows the verification link
    page.goto("/certificates/mine/")
    card = page.locator(".holder-certificate")
    assert card.count() == 1 and certificate.licence_number in card.inner_text()
    card.get_by_role("link", name="صفحة التحقق").click()
    page.wait_for_url(f"**/verify/{certificate.public_id}/")

    # then the verification page says VALID, with the printed name and licence number
    banner = page.locator(".status-banner")
    assert banner.locator(".status-banner__label").inner_text().strip() == VALID
    assert banner.locator(".status-banner__label").get_attribute("data-status") == "valid"
    assert "أصدرت الوزارة هذه الشهادة وهي صالحة اليوم." in banner.inner_text()
    facts = page.locator("dl.facts")
    assert facts.locator(".facts__name").all_inner_texts() == ["نادية العلوي", "Nadia Alaoui"]
    assert facts.locator(".facts__code").first.inner_text().strip() == certificate.licence_number
    assert course.title in facts.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # when: anyone types the short code at /verify/ (no account, lower case, no dash)
    page.context.clear_cookies()
    page.goto("/verify/")
    page.fill("input[name=code]", certificate.short_code_display.replace("-", "").lower())
    page.get_by_role("button", name="تحقّق").click()
    page.wait_for_url("**/verify/?code=*")

    # then: the same certificate, VALID
    assert page.locator(".status-banner__label").inner_text().strip() == VALID
    assert page.locator("dl.facts .facts__code").first.inner_text().strip() == certificate.licence_number
