"""Certificates and their credentials: signed when issued, revoked or
suspended when the certificate is, re-signed when a key is compromised —
through the certificates app's real services, signals and tasks."""

import base64
import json
import logging
import time

import pytest

from accounts.factories import UserFactory
from accounts.roles import Role
from certificates.credentials.models import IssuedCredential, SigningKey, StatusList
from certificates.credentials.schema import schema_errors
from certificates.credentials.services.certificate import certificate_credential_sign
from certificates.credentials.verification import credential_verify
from certificates.factories import certificate_make, course_with_programme, rule_for
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke, certificate_suspend
from certificates.services.status import certificate_suspension_lift

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return UserFactory(roles=[Role.MINISTRY_OFFICER], email="officer@example.ma")


@pytest.fixture
def trainee(db):
    return UserFactory(
        roles=[Role.TRAINEE],
        email="salma.benali@example.ma",
        full_name_ar="سلمى بنعلي",
        first_name="Salma",
        last_name="Benali",
        region="MSA",
    )


@pytest.fixture
def course(home_page):
    _programme, course = course_with_programme(hours=30)
    rule_for(course, validity_months=36, criteria_ar="إتمام جميع الوحدات.", criteria_fr="Suivre tous les modules.")
    return course


@pytest.fixture
def issue_certificate(course, trainee, django_capture_on_commit_callbacks):
    """Issue through the certificates service and run what follows the
    commit (its signal, our receiver, the signing task), as in production."""

    def issue_(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return certificate_make(holder=kwargs.pop("holder", trainee), course=course, **kwargs)

    return issue_


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return run


def report_of(certificate):
    return credential_verify(IssuedCredential.objects.get(certificate=certificate).document)


def test_issuing_a_certificate_signs_its_credential(signing_key, issue_certificate):
    # when
    certificate = issue_certificate()

    # then: one credential, signed by the active key, that any verifier accepts
    credential = IssuedCredential.objects.get(certificate=certificate)
    assert credential.signing_key == signing_key
    report = credential_verify(credential.document)
    assert report.status == "valid", report.as_dict()
    assert report.holder == ["سلمى بنعلي", "Salma Benali"]
    assert report.licence_number == certificate.licence_number
    assert credential_verify(credential.jwt).status == "valid"

    # and it states the certificate's printed facts in Arabic and French
    document = credential.document
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["name"] == "الوساطة الأسرية: الأسس"
    assert achievement["related"][0]["name"] == "Médiation familiale : les bases"
    assert "30" in achievement["description"] and "30 heures" in achievement["related"][0]["description"]
    assert achievement["criteria"]["narrative"].startswith("إتمام جميع الوحدات.")
    assert "Suivre tous les modules." in achievement["criteria"]["narrative"]
    assert achievement["achievementType"] == "Certification"
    assert document["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert document["validUntil"].startswith(str(certificate.expires_on))


def test_every_issued_credential_passes_the_ob3_schema(signing_key, issue_certificate, home_page, committed):
    # given: a certificate that expires, one that does not, and a re-issue
    expiring = issue_certificate()
    _programme, lifelong_course = course_with_programme(code="PP", title_ar="التربية الوالدية", title_fr="Parentalité", hours=0)
    lifelong_rule = rule_for(lifelong_course, validity_months=None)
    with_no_expiry = committed(certificate_make, course=lifelong_course, rule=lifelong_rule)
    officer = UserFactory(roles=[Role.MINISTRY_OFFICER])
    reissued = committed(certificate_reissue, certificate=expiring, actor=officer, reason="Name corrected")

    # then
    assert "validUntil" not in with_no_expiry.credential.document
    for certificate in (expiring, with_no_expiry, reissued):
        document = IssuedCredential.objects.get(certificate=certificate).document
        assert schema_errors(document) == [], certificate
        assert [c.outcome for c in credential_verify(document).checks if c.name == "schema"] == ["passed"]


def test_the_credential_carries_no_personal_data_beyond_the_name(signing_key, issue_certificate, trainee):
    # when
    certificate = issue_certificate()
    credential = IssuedCredential.objects.get(certificate=certificate)

    # then: the subject is a random urn:uuid, the names and the licence number
    subject = credential.document["credentialSubject"]
    assert set(subject) == {"id", "type", "identifier", "licenseNumber", "achievement"}
    assert subject["id"] == f"urn:uuid:{credential.subject_uuid}"
    assert [i["identityHash"] for i in subject["identifier"]] == ["سلمى بنعلي", "Salma Benali"]
    assert {i["identityType"] for i in subject["identifier"]} == {"name"}
    # nothing else about the person, in either form
    payload = credential.jwt.split(".")[1]
    jwt_payload = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    for text in (json.dumps(credential.document, ensure_ascii=False), jwt_payload):
        for personal in ("salma.benali@example.ma", "@example", "MSA", f'"{trainee.pk}"'):
            assert personal not in text
        assert "email" not in text.lower() and "birth" not in text.lower() and "image" not in text.lower()
    # and the subject id says nothing about who it is: another holder's differs, unrelated
    other = certificate_make(holder=UserFactory(roles=[Role.TRAINEE]), course=certificate.course)
    certificate_credential_sign(certificate_id=other.pk)
    assert other.credential.subject_uuid != credential.subject_uuid


def test_signing_waits_for_the_commit(signing_key, course, trainee, django_capture_on_commit_callbacks):
    # when: issued, but the transaction has not committed yet
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate_make(holder=trainee, course=course)

    # then: nothing signed until the callbacks run
    assert not IssuedCredential.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert IssuedCredential.objects.count() == 1


def test_signing_is_idempotent(signing_key, issue_certificate):
    certificate = issue_certificate()
    first = IssuedCredential.objects.get(certificate=certificate)

    # when: the task runs again (a retry, a duplicate message)
    again = certificate_credential_sign(certificate_id=certificate.pk)

    # then: the same credential, not re-signed
    assert again.pk == first.pk
    assert again.signed_at == first.signed_at and again.document == first.document
    assert IssuedCredential.objects.count() == 1


def test_suspend_lift_and_revoke_flip_the_status_bits_and_republish(signing_key, issue_certificate, officer, committed):
    certificate = issue_certificate()
    credential = IssuedCredential.objects.get(certificate=certificate)
    published_before = {s.purpose: s.published for s in StatusList.objects.all()}

    # when suspended
    certificate = committed(certificate_suspend, certificate=certificate, actor=officer, reason="Ethics inquiry")
    # then the published suspension list says so, and the credential reports SUSPENDED
    report = report_of(certificate)
    assert report.status == "suspended", report.as_dict()
    suspension = StatusList.objects.get(number=credential.status_list_number, purpose="suspension")
    assert suspension.is_published_current and suspension.published != published_before["suspension"]

    # when lifted → valid again
    certificate = committed(certificate_suspension_lift, certificate=certificate, actor=officer, reason="Cleared")
    assert report_of(certificate).status == "valid"

    # when revoked → revoked, in the JWT form as well
    certificate = committed(certificate_revoke, certificate=certificate, actor=officer, reason="Fraud", public_reason="misconduct")
    assert report_of(certificate).status == "revoked"
    assert credential_verify(IssuedCredential.objects.get(certificate=certificate).jwt).status == "revoked"
    for status_list in StatusList.objects.all():
        assert status_list.is_published_current


def test_a_reissue_revokes_the_old_credential_and_signs_a_new_one(signing_key, issue_certificate, officer, committed):
    old = issue_certificate()
    old_credential = IssuedCredential.objects.get(certificate=old)

    # when
    new = committed(certificate_reissue, certificate=old, actor=officer, reason="Name corrected")

    # then
    new_credential = IssuedCredential.objects.get(certificate=new)
    assert new_credential.credential_uuid != old_credential.credential_uuid
    assert credential_verify(old_credential.document).status == "revoked"
    assert credential_verify(new_credential.document).status == "valid"


def test_without_a_key_issuing_still_works_and_signing_catches_up(settings, course, trainee, key_file, django_capture_on_commit_callbacks, caplog):
    from certificates.credentials.services.keys import signing_key_generate
    from certificates.credentials.tasks import credentials_sign_missing_task

    # given: no signing key configured
    settings.CREDENTIAL_SIGNING_KEY = ""
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_make(holder=trainee, course=course)
    assert certificate.pk and not IssuedCredential.objects.exists()
    assert "not signed" in caplog.text

    # when a key is set up and the periodic task runs
    settings.CREDENTIAL_SIGNING_KEY = str(key_file)
    signing_key_generate(path=key_file)
    with django_capture_on_commit_callbacks(execute=True):
        assert credentials_sign_missing_task() == 1

    # then
    assert report_of(certificate).status == "valid"
    assert credentials_sign_missing_task() == 0


def test_a_compromised_key_is_untrusted_until_the_credential_is_resigned(signing_key, issue_certificate, key_file, django_capture_on_commit_callbacks):
    from certificates.credentials.services.keys import signing_key_compromise, signing_key_rotate
    from certificates.credentials.tasks import credentials_sign_missing_task

    certificate = issue_certificate()
    old = IssuedCredential.objects.get(certificate=certificate)

    # when the key is marked compromised
    signing_key_compromise(key_id=signing_key.key_id)
    # then its credential reports untrusted, in both forms
    assert credential_verify(old.document).status == "untrusted"
    assert credential_verify(old.jwt).status == "untrusted"

    # when the key is rotated (which re-signs what the compromised key signed)
    with django_capture_on_commit_callbacks(execute=True):
        new_key, _previous = signing_key_rotate(path=key_file)
    assert credentials_sign_missing_task() == 0  # nothing left for the periodic task

    # then: same credential id and status slot, signed by the new key, valid again
    resigned = IssuedCredential.objects.get(certificate=certificate)
    assert resigned.credential_uuid == old.credential_uuid and resigned.status_index == old.status_index
    assert resigned.signing_key == new_key
    assert credential_verify(resigned.document).status == "valid"
    assert credential_verify(old.document).status == "untrusted"  # the copy the holder had before


def test_a_certificate_suspended_before_its_credential_was_signed_is_suspended(signing_key, key_file, settings, course, trainee, officer, committed):
    # given: issued while no key was usable, then suspended
    settings.CREDENTIAL_SIGNING_KEY = ""
    certificate, _ = committed(certificate_issue, holder=trainee, course=course, rule=course_rule(course))
    certificate = committed(certificate_suspend, certificate=certificate, actor=officer, reason="Inquiry")

    # when signed later
    settings.CREDENTIAL_SIGNING_KEY = str(key_file)
    committed(certificate_credential_sign, certificate_id=certificate.pk)

    # then the bits follow the certificate from the start
    assert report_of(certificate).status == "suspended"


def test_signing_and_verifying_cost_a_bounded_number_of_queries_and_time(signing_key, issue_certificate, django_assert_max_num_queries, committed, capsys):
    certificate = issue_certificate()
    IssuedCredential.objects.filter(certificate=certificate).delete()

    # when: signing (facts, lock, slot, save, status sync)
    started = time.perf_counter()
    with django_assert_max_num_queries(22) as sign_queries:
        committed(certificate_credential_sign, certificate_id=certificate.pk)
    sign_seconds = time.perf_counter() - started
    document = IssuedCredential.objects.get(certificate=certificate).document

    # and verifying (keys and two status lists)
    started = time.perf_counter()
    with django_assert_max_num_queries(4) as verify_queries:
        report = credential_verify(document)
    verify_seconds = time.perf_counter() - started

    assert report.status == "valid"
    # and neither grows with the number of credentials
    for _ in range(5):
        committed(certificate_make, holder=UserFactory(roles=[Role.TRAINEE]), course=certificate.course)
    with django_assert_max_num_queries(len(verify_queries)):
        assert credential_verify(document).status == "valid"
    other = certificate_make(holder=UserFactory(roles=[Role.TRAINEE]), course=certificate.course)
    with django_assert_max_num_queries(len(sign_queries)):
        committed(certificate_credential_sign, certificate_id=other.pk)
    with capsys.disabled():
        print(
            f"\n[credentials] sign: {len(sign_queries)} queries, {sign_seconds * 1000:.0f} ms; "
            f"verify: {len(verify_queries)} queries, {verify_seconds * 1000:.0f} ms"
        )
    # generous bounds for 2 shared cores; measured figures are printed
    assert sign_seconds < 5 and verify_seconds < 5


def course_rule(course):
    from certificates.models import CertificationRule

    return CertificationRule.objects.filter(course=course).order_by("-version").first()


def test_the_catch_up_tasks_are_scheduled_hourly_with_celery_beat():
    # Checked on a fresh app: the project's app may have been finalized by an
    # earlier test before this module's receiver was connected.
    from celery import Celery

    from certificates.credentials import tasks

    probe = Celery("probe", set_as_current=False)
    probe.conf.beat_schedule = {}
    tasks._schedule(probe)

    schedule = {entry["task"]: entry["schedule"] for entry in probe.conf.beat_schedule.values()}
    assert schedule["certificates.credentials.tasks.credentials_sign_missing_task"] == 3600.0
    assert schedule["certificates.credentials.tasks.status_lists_refresh_task"] == 3600.0
