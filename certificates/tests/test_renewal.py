"""Renewal by the holder, under the course's renewal rules: the window before
expiry, a new trainer's sign-off when the rules ask for one, the validity
that continues, and refusals that change nothing."""

import datetime

import pytest
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.errors import CertificateError
from certificates.factories import certificate_make, rule_for
from certificates.models import Certificate, CertificateEvent, CertificateStatus, EventAction, RevocationReason, SignOff
from certificates.permissions import CertificatePermissionDenied
from certificates.services import certificate_renew, certificate_revoke, certificate_suspend, renewal_offer
from certificates.services.issuance import add_months
from certificates.services.renewal import RenewalState
from learning.factories import CohortFactory
from learning.services import cohort_member_add

from .test_issuance import _postgresql_only, run_at_once

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2029, 6, 1)


def expiring(certificate, on: datetime.date) -> Certificate:
    """The certificate as it stands some years after issue: ``on`` is its last day."""
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=on)
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def renewable_rule(course):
    # the course's current rules: renewal opens 90 days before expiry
    return rule_for(course, validity_months=36, renewal_window_days=90)


@pytest.mark.parametrize(
    "days_left, rule_fields, sign_off_days_ago, expected",
    [
        (91, {}, None, RenewalState.NOT_YET),
        (90, {}, None, RenewalState.READY),
        (10, {}, None, RenewalState.READY),
        (-30, {}, None, RenewalState.READY),  # expired: still renewable, from today
        (30, {"renewal_requires_sign_off": True}, None, RenewalState.NEEDS_SIGN_OFF),
        (30, {"renewal_requires_sign_off": True}, 200, RenewalState.NEEDS_SIGN_OFF),  # before the window opened
        (30, {"renewal_requires_sign_off": True}, 5, RenewalState.READY),
        (30, {"is_active": False}, None, RenewalState.NOT_RENEWABLE),  # the course no longer certifies
        (30, {"validity_months": None}, None, RenewalState.NOT_RENEWABLE),  # no longer limited in time
    ],
)
def test_where_a_certificate_stands_for_renewal(certificate, course, trainer, days_left, rule_fields, sign_off_days_ago, expected):
    # given a certificate whose last day is `days_left` days from TODAY, under the course's current rules
    expiring(certificate, TODAY + datetime.timedelta(days=days_left))
    rule_for(course, **{"validity_months": 36, "renewal_window_days": 90, **rule_fields})
    if sign_off_days_ago is not None:
        signed_at = timezone.make_aware(datetime.datetime.combine(TODAY - datetime.timedelta(days=sign_off_days_ago), datetime.time(12)))
        SignOff.objects.create(trainee=certificate.holder, course=course, signed_by=trainer, signed_at=signed_at)

    # when
    offer = renewal_offer(certificate, today=TODAY)

    # then
    assert offer.state == expected
    if expected != RenewalState.NOT_RENEWABLE:
        assert offer.opens_on == certificate.expires_on - datetime.timedelta(days=90)
    if expected == RenewalState.READY:
        start = max(certificate.expires_on + datetime.timedelta(days=1), TODAY)
        assert offer.new_expiry == add_months(start, 36) - datetime.timedelta(days=1)


def test_suspended_revoked_and_lifelong_certificates_are_not_renewed(course, officer, renewable_rule):
    soon = TODAY + datetime.timedelta(days=10)
    suspended = expiring(certificate_make(course=course, rule=renewable_rule), soon)
    certificate_suspend(certificate=suspended, actor=officer, reason="Enquête déontologique")
    revoked = expiring(certificate_make(course=course, rule=renewable_rule), soon)
    certificate_revoke(certificate=revoked, actor=officer, reason="Faute", public_reason=RevocationReason.MISCONDUCT)
    lifelong = certificate_make(course=course, rule=renewable_rule)
    Certificate.objects.filter(pk=lifelong.pk).update(expires_on=None)

    for certificate in (suspended, revoked, lifelong):
        certificate.refresh_from_db()
        assert renewal_offer(certificate, today=TODAY).state == RenewalState.NOT_RENEWABLE


def test_the_holder_renews_in_the_window_and_the_new_validity_follows_on(client, certificate, renewable_rule, django_capture_on_commit_callbacks):
    # given a certificate whose last day is in 30 days, shown publicly by its holder
    last_day = timezone.localdate() + datetime.timedelta(days=30)
    expiring(certificate, last_day)
    Certificate.objects.filter(pk=certificate.pk).update(is_public=True)
    client.force_login(certificate.holder)
    new_last_day = add_months(last_day + datetime.timedelta(days=1), 36) - datetime.timedelta(days=1)

    # when the holder opens their certificates
    page = client.get("/certificates/mine/").content.decode()

    # then they are offered the renewal, with the date the new one will run to
    assert "تجديد شهادتي" in page
    assert "يمكنك تجديد هذه الشهادة الآن" in page

    # when they renew
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/certificates/{certificate.public_id}/renew/", follow=True)

    # then a new certificate continues the validity without a gap, under the current rules
    page = response.content.decode()
    new = Certificate.objects.get(holder=certificate.holder, status=CertificateStatus.ACTIVE)
    assert new.pk != certificate.pk
    assert new.expires_on == new_last_day
    assert (new.licence_number, new.rule, new.is_public, new.issued_by) == (certificate.licence_number, renewable_rule, True, None)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED and certificate.superseded_by == new
    # and the holder reads it, and downloads the new one from the same page
    assert "جُدّدت شهادتك" in page
    assert f"/certificates/{new.public_id}/certificate.pdf" in page
    assert f"/certificates/{certificate.public_id}/certificate.pdf" not in page
    assert "تجديد شهادتي" not in page  # the new one is years from its window
    # and the audit log names the holder and the rules version
    issued = CertificateEvent.objects.get(certificate=new, action=EventAction.ISSUED)
    assert issued.actor == certificate.holder
    assert issued.details == {"kind": "renewal", "replaces": certificate.public_id, "rule_version": renewable_rule.version}
    assert CertificateEvent.objects.filter(certificate=certificate, action=EventAction.SUPERSEDED).count() == 1
    # and verification: the old one points to the new one, which is valid
    old_answer = client.get(f"/verify/{certificate.public_id}/", HTTP_ACCEPT="application/json").json()
    new_answer = client.get(f"/verify/{new.public_id}/", HTTP_ACCEPT="application/json").json()
    assert old_answer["status"] == "superseded" and old_answer["superseded_by"].endswith(f"/verify/{new.public_id}/")
    assert new_answer["status"] == "valid" and new_answer["certificate"]["expires_on"] == new_last_day.isoformat()


def test_an_expired_certificate_is_renewed_from_today(certificate, renewable_rule):
    expiring(certificate, timezone.localdate() - datetime.timedelta(days=20))

    new = certificate_renew(certificate=certificate, user=certificate.holder)

    assert new.expires_on == add_months(timezone.localdate(), 36) - datetime.timedelta(days=1)


def test_before_the_window_the_holder_reads_when_it_opens_and_a_post_changes_nothing(client, certificate, renewable_rule):
    # given a certificate with 200 days left (the window opens at 90)
    last_day = timezone.localdate() + datetime.timedelta(days=200)
    expiring(certificate, last_day)
    client.force_login(certificate.holder)
    events = CertificateEvent.objects.count()

    # when the holder reads their certificates in French
    page = client.get("/fr/certificates/mine/").content.decode()

    # then they read from when they can renew, and have no button
    with translation.override("fr"):
        from django.utils.formats import date_format

        opens = date_format(last_day - datetime.timedelta(days=90), "DATE_FORMAT")
    assert f"Vous pourrez renouveler ce certificat à partir du {opens}." in page
    assert "Renouveler mon certificat" not in page

    # when they post the renewal anyway
    response = client.post(f"/fr/certificates/{certificate.public_id}/renew/", follow=True)

    # then they read why, and nothing changed
    assert f"Vous pourrez renouveler ce certificat à partir du {opens}." in response.content.decode()
    assert Certificate.objects.count() == 1
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE and certificate.expires_on == last_day
    assert CertificateEvent.objects.count() == events


@pytest.mark.parametrize("role", ["other_trainee", "officer"])
def test_only_the_holder_renews(certificate, renewable_rule, role, officer):
    expiring(certificate, timezone.localdate() + datetime.timedelta(days=10))
    user = officer if role == "officer" else UserFactory(roles=[Role.TRAINEE])

    with pytest.raises(CertificatePermissionDenied):
        certificate_renew(certificate=certificate, user=user)

    assert Certificate.objects.count() == 1


def test_a_certificate_is_renewed_once(certificate, renewable_rule):
    expiring(certificate, timezone.localdate() + datetime.timedelta(days=10))
    certificate_renew(certificate=certificate, user=certificate.holder)

    with translation.override("fr"):
        with pytest.raises(CertificateError) as refused:
            certificate_renew(certificate=certificate, user=certificate.holder)
        messages = refused.value.messages  # lazy: read in the language it was asked in

    assert messages == ["Ce certificat a déjà été renouvelé ou remplacé."]
    assert Certificate.objects.filter(holder=certificate.holder).count() == 2
    assert Certificate.objects.filter(holder=certificate.holder, status=CertificateStatus.ACTIVE).count() == 1


def test_a_renewal_that_needs_a_sign_off_waits_for_the_cohort_trainer(client, certificate, course, trainer, django_capture_on_commit_callbacks):
    # given rules asking for a new sign-off, and a certificate 30 days from its end, in a trainer's cohort
    rule_for(course, validity_months=36, renewal_window_days=90, renewal_requires_sign_off=True)
    expiring(certificate, timezone.localdate() + datetime.timedelta(days=30))
    cohort = CohortFactory(course=course)
    cohort.trainers.add(trainer)
    cohort_member_add(cohort=cohort, user=certificate.holder)
    holder = certificate.holder

    # when the holder looks at their certificate
    client.force_login(holder)
    page = client.get("/certificates/mine/").content.decode()

    # then they are told to ask a trainer, and cannot renew yet
    assert "اطلب من مكوّن المصادقة على تقييمك العملي من جديد" in page
    assert "تجديد شهادتي" not in page
    client.post(f"/certificates/{certificate.public_id}/renew/")
    assert Certificate.objects.count() == 1

    # when the trainer opens the cohort's certificates page
    client.force_login(trainer)
    page = client.get(f"/certificates/cohorts/{cohort.pk}/").content.decode()

    # then the certified trainee needs a new sign-off, and the form is there
    assert "التجديد: يلزم توقيع جديد." in page
    assert f"/certificates/cohorts/{cohort.pk}/sign-off/{holder.pk}/" in page

    # when the trainer signs off
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/certificates/cohorts/{cohort.pk}/sign-off/{holder.pk}/", {f"t{holder.pk}-trainee": holder.pk, f"t{holder.pk}-note": "Séance d'observation"})

    # then the holder can renew, and does
    client.force_login(holder)
    assert "تجديد شهادتي" in client.get("/certificates/mine/").content.decode()
    client.post(f"/certificates/{certificate.public_id}/renew/")
    assert Certificate.objects.filter(holder=holder, status=CertificateStatus.ACTIVE).exclude(pk=certificate.pk).count() == 1


def test_my_certificates_reads_renewals_in_a_fixed_number_of_queries(client, course, renewable_rule):
    holder = UserFactory(roles=[Role.TRAINEE], full_name_ar="ليلى", first_name="Leila", last_name="Amrani")
    client.force_login(holder)

    def page_queries(count: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            page = client.get("/certificates/mine/").content.decode()
        assert page.count("holder-certificate\"") == count
        return len(queries)

    from certificates.factories import course_with_programme

    def another(number: int):
        _programme, other = course_with_programme(code=f"P{number}", french=False)
        other_rule = rule_for(other, validity_months=12, renewal_window_days=60, renewal_requires_sign_off=True)
        expiring(certificate_make(holder=holder, course=other, rule=other_rule), timezone.localdate() + datetime.timedelta(days=number * 30))

    # two certificates: one in its renewal window, one whose renewal needs a sign-off
    first = expiring(certificate_make(holder=holder, course=course, rule=renewable_rule), timezone.localdate() + datetime.timedelta(days=5))
    another(0)
    one = page_queries(2)
    # and seven: four more in other courses, and a renewal (the replaced one is listed too)
    for number in range(1, 5):
        another(number)
    certificate_renew(certificate=first, user=holder)

    assert page_queries(7) == one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_renewals_make_one_new_certificate(home_page):
    _postgresql_only()
    # given a certificate in its renewal window
    from certificates.factories import course_with_programme

    _programme, course = course_with_programme()
    rule = rule_for(course, validity_months=36, renewal_window_days=90)
    certificate = expiring(certificate_make(course=course, rule=rule, full_name_ar="سلمى", first_name="Salma", last_name="B"), timezone.localdate() + datetime.timedelta(days=5))

    # when the holder's two clicks arrive at once
    def renew():
        try:
            return certificate_renew(certificate=Certificate.objects.get(pk=certificate.pk), user=certificate.holder).pk
        except CertificateError:
            return None

    results = run_at_once(renew, 2)

    # then one renewed, the other was told it already was
    assert len(results) == 2 and results.count(None) == 1
    assert Certificate.objects.filter(holder=certificate.holder, status=CertificateStatus.ACTIVE).count() == 1
