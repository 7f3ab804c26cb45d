import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.errors import CertificateError
from certificates.factories import course_with_programme, rule_for
from certificates.models import Certificate, CertificateEvent, CertificateStatus, EventAction, LicenceSequence
from certificates.services import certificate_issue, licence_number_draw
from certificates.services.issuance import add_months, expiry_for
from certificates.signals import certificate_issued

pytestmark = pytest.mark.django_db


def test_issuing_copies_the_printed_facts_in_both_languages(trainee, course, rule):
    # when
    certificate, created = certificate_issue(holder=trainee, course=course, rule=rule)

    # then
    assert created
    certificate.refresh_from_db()
    assert certificate.holder_name_ar == "سلمى بنعلي"
    assert certificate.holder_name_latin == "Salma Benali"
    assert (certificate.course_title_ar, certificate.course_title_fr) == ("الوساطة الأسرية: الأسس", "Médiation familiale : les bases")
    assert (certificate.programme_title_ar, certificate.programme_title_fr) == ("الوساطة الأسرية", "Médiation familiale")
    assert certificate.hours == 30
    assert certificate.rule == rule
    assert certificate.status == CertificateStatus.ACTIVE
    year = timezone.localdate().year
    assert certificate.licence_number == f"MF-{year}-000001"
    assert certificate.expires_on == add_months(timezone.localdate(), 36) - datetime.timedelta(days=1)
    assert [e.action for e in certificate.events.all()] == [EventAction.ISSUED]


def test_a_french_page_issues_against_its_arabic_original(trainee, course, rule):
    french = course.get_translation(course.locale.__class__.objects.get(language_code="fr"))

    certificate, _ = certificate_issue(holder=trainee, course=french, rule=rule)

    assert certificate.course_id == course.pk


def test_issuing_twice_returns_the_same_certificate(trainee, course, rule):
    first, created_first = certificate_issue(holder=trainee, course=course, rule=rule)
    second, created_second = certificate_issue(holder=trainee, course=course, rule=rule)

    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1
    assert LicenceSequence.objects.get().last_number == 1


def test_the_database_refuses_a_second_live_certificate_for_the_same_holder_and_course(certificate):
    duplicate = Certificate(
        holder=certificate.holder,
        course=certificate.course,
        programme=certificate.programme,
        rule=certificate.rule,
        licence_number="MF-2026-999999",
        course_title_ar="x",
        course_title_fr="x",
        programme_title_ar="x",
        programme_title_fr="x",
        status=CertificateStatus.SUSPENDED,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_licence_numbers_follow_a_sequence_per_programme_and_year(home_page):
    # given two programmes
    mediation, mediation_course = course_with_programme(code="MF", french=False)
    parenting, parenting_course = course_with_programme(code="PP", french=False)
    mediation_rule, parenting_rule = rule_for(mediation_course), rule_for(parenting_course)
    year = timezone.localdate().year

    # when trainees are certified in both
    numbers = []
    for course, rule in [(mediation_course, mediation_rule), (parenting_course, parenting_rule), (mediation_course, mediation_rule)]:
        certificate, _ = certificate_issue(holder=UserFactory(), course=course, rule=rule)
        numbers.append(certificate.licence_number)

    # then each programme counts on its own
    assert numbers == [f"MF-{year}-000001", f"PP-{year}-000001", f"MF-{year}-000002"]
    # and a new year starts again at 1
    assert licence_number_draw(programme=mediation, year=year + 1) == f"MF-{year + 1}-000001"


def test_a_trainee_without_a_name_gets_a_clear_error_and_nothing_is_written(course, rule):
    nameless = UserFactory(full_name_ar="", first_name="", last_name="")

    with pytest.raises(CertificateError) as error, translation.override("fr"):
        certificate_issue(holder=nameless, course=course, rule=rule)

    with translation.override("fr"):
        assert str(error.value.messages[0]) == "Le profil du stagiaire ne comporte aucun nom : un certificat doit en porter un."
    assert Certificate.objects.count() == 0
    assert CertificateEvent.objects.count() == 0
    assert not LicenceSequence.objects.filter(last_number__gt=0).exists()


def test_rules_of_another_course_are_refused(trainee, course, home_page):
    _, other_course = course_with_programme(code="PP", french=False)
    other_rule = rule_for(other_course)

    with pytest.raises(CertificateError):
        certificate_issue(holder=trainee, course=course, rule=other_rule)
    assert Certificate.objects.count() == 0


def test_the_issued_signal_is_sent_once_after_commit(trainee, course, rule, django_capture_on_commit_callbacks):
    received = []
    certificate_issued.connect(lambda sender, certificate, **kw: received.append(certificate.pk), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            certificate, _ = certificate_issue(holder=trainee, course=course, rule=rule)
        # nothing is announced before the commit
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [certificate.pk]
    finally:
        certificate_issued.disconnect(dispatch_uid="t")


def test_a_rule_without_validity_gives_a_certificate_that_never_expires(trainee, course):
    rule = rule_for(course, validity_months=None)

    certificate, _ = certificate_issue(holder=trainee, course=course, rule=rule)

    assert certificate.expires_on is None
    assert expiry_for(rule, datetime.date(2026, 1, 31)) is None


@pytest.mark.parametrize(
    "start, months, last_day",
    [
        (datetime.date(2026, 11, 23), 36, datetime.date(2029, 11, 22)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 27)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 27)),
        (datetime.date(2026, 12, 1), 1, datetime.date(2026, 12, 31)),
    ],
)
def test_validity_ends_the_day_before_the_anniversary(course, start, months, last_day):
    rule = rule_for(course, validity_months=months)
    assert expiry_for(rule, start) == last_day


def run_at_once(action, times: int) -> list:
    """Run ``action`` in ``times`` threads released together; each thread has
    its own database connection. Returns the results; any error fails."""
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(action())
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks and concurrent connections (PostgreSQL pass of .ci/run)")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_issues_produce_one_certificate(home_page):
    _postgresql_only()
    # given
    _, course = course_with_programme(french=False)
    rule = rule_for(course)
    holder = UserFactory(roles=[Role.TRAINEE])

    # when four requests issue at the same moment
    results = run_at_once(lambda: certificate_issue(holder=holder, course=course, rule=rule), 4)

    # then exactly one certificate exists, and all got it
    assert Certificate.objects.filter(holder=holder).count() == 1
    assert sorted(created for _, created in results) == [False, False, False, True]
    assert {certificate.pk for certificate, _ in results} == {Certificate.objects.get().pk}
    assert LicenceSequence.objects.get().last_number == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_licence_draws_never_repeat_a_number(home_page):
    _postgresql_only()
    programme, _ = course_with_programme(french=False)

    batches = run_at_once(lambda: [licence_number_draw(programme=programme, year=2026) for _ in range(5)], 6)

    assert sorted(number for batch in batches for number in batch) == [f"MF-2026-{n:06d}" for n in range(1, 31)]
