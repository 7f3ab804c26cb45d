import datetime

import pytest
from django.utils import timezone

from certificates.errors import CertificateError
from certificates.models import Certificate, CertificateEvent, CertificateStatus, EventAction, RevocationReason
from certificates.permissions import CertificatePermissionDenied
from certificates.selectors import VerificationStatus, verification_status
from certificates.services import (
    certificate_expiry_announce,
    certificate_reissue,
    certificate_revoke,
    certificate_suspend,
    certificate_suspension_lift,
)
from certificates.services.issuance import ReissueKind
from certificates.signals import StatusChange, certificate_status_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def status_changes():
    received = []

    def receiver(sender, certificate, status, **kwargs):
        received.append((certificate.public_id, status))

    certificate_status_changed.connect(receiver, weak=False, dispatch_uid="test-status-changes")
    yield received
    certificate_status_changed.disconnect(dispatch_uid="test-status-changes")


def actions(certificate):
    return list(CertificateEvent.objects.filter(certificate=certificate).order_by("at", "pk").values_list("action", flat=True))


def test_suspend_then_lift_with_reasons_in_the_audit_log(certificate, officer, status_changes, django_capture_on_commit_callbacks):
    # when an officer suspends during an inquiry
    with django_capture_on_commit_callbacks(execute=True):
        certificate_suspend(certificate=certificate, actor=officer, reason="Enquête déontologique n° 12")
    certificate.refresh_from_db()

    # then it shows as suspended at once
    assert certificate.status == CertificateStatus.SUSPENDED
    assert verification_status(certificate) == VerificationStatus.SUSPENDED

    # when the suspension is lifted
    with django_capture_on_commit_callbacks(execute=True):
        certificate_suspension_lift(certificate=certificate, actor=officer, reason="Enquête close sans suite")
    certificate.refresh_from_db()

    # then it is valid again, and the audit log says who, when and why
    assert verification_status(certificate) == VerificationStatus.VALID
    events = list(certificate.events.order_by("at", "pk"))
    assert [e.action for e in events] == [EventAction.ISSUED, EventAction.SUSPENDED, EventAction.LIFTED]
    assert events[1].actor == officer and events[1].reason == "Enquête déontologique n° 12"
    assert "officer@example.ma" in events[1].actor_label
    assert status_changes == [(certificate.public_id, StatusChange.SUSPENDED), (certificate.public_id, StatusChange.LIFTED)]


def test_revocation_shows_at_once_with_a_generic_reason_and_is_final(certificate, officer, status_changes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, actor=officer, reason="Faux documents fournis", public_reason=RevocationReason.MISCONDUCT)
    certificate.refresh_from_db()

    assert verification_status(certificate) == VerificationStatus.REVOKED
    assert certificate.revocation_reason == RevocationReason.MISCONDUCT
    assert status_changes == [(certificate.public_id, StatusChange.REVOKED)]

    # nothing makes it valid again
    for action in (
        lambda: certificate_suspension_lift(certificate=certificate, actor=officer, reason="x"),
        lambda: certificate_suspend(certificate=certificate, actor=officer, reason="x"),
        lambda: certificate_revoke(certificate=certificate, actor=officer, reason="x", public_reason=RevocationReason.OTHER),
    ):
        with pytest.raises(CertificateError):
            action()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert actions(certificate) == [EventAction.ISSUED, EventAction.REVOKED]


def test_reissuing_a_revoked_certificate_makes_a_new_one_and_the_old_stays_revoked(certificate, officer):
    certificate_revoke(certificate=certificate, actor=officer, reason="Erreur de saisie", public_reason=RevocationReason.ISSUED_IN_ERROR)

    new = certificate_reissue(certificate=Certificate.objects.get(pk=certificate.pk), actor=officer, reason="Décision d'appel")

    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert verification_status(certificate) == VerificationStatus.REVOKED
    assert certificate.superseded_by == new
    assert new.public_id != certificate.public_id and new.short_code != certificate.short_code
    assert verification_status(new) == VerificationStatus.VALID


@pytest.mark.parametrize(
    "perform",
    [
        lambda c, u: certificate_suspend(certificate=c, actor=u, reason="   "),
        lambda c, u: certificate_revoke(certificate=c, actor=u, reason="", public_reason=RevocationReason.MISCONDUCT),
        lambda c, u: certificate_revoke(certificate=c, actor=u, reason="Motif", public_reason="made-up"),
        lambda c, u: certificate_reissue(certificate=c, actor=u, reason=""),
        lambda c, u: certificate_reissue(certificate=c, actor=u, reason="Motif", kind="upgrade"),
    ],
    ids=["suspend-without-reason", "revoke-without-reason", "revoke-unknown-public-reason", "reissue-without-reason", "reissue-unknown-kind"],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(certificate, officer, perform):
    with pytest.raises(CertificateError) as error:
        perform(certificate, officer)

    assert error.value.messages[0]
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ACTIVE
    assert Certificate.objects.count() == 1
    assert actions(certificate) == [EventAction.ISSUED]


def test_only_officers_act_on_certificates(certificate, trainer):
    with pytest.raises(CertificatePermissionDenied):
        certificate_suspend(certificate=certificate, actor=trainer, reason="x")
    with pytest.raises(CertificatePermissionDenied):
        certificate_revoke(certificate=certificate, actor=certificate.holder, reason="x", public_reason=RevocationReason.OTHER)
    with pytest.raises(CertificatePermissionDenied):
        certificate_reissue(certificate=certificate, actor=trainer, reason="x")
    assert actions(certificate) == [EventAction.ISSUED]


def test_a_correction_reissue_supersedes_with_a_link_keeping_licence_and_validity(certificate, officer, status_changes, django_capture_on_commit_callbacks):
    # given the holder's name was misspelt and is corrected in the profile
    holder = certificate.holder
    holder.full_name_ar = "سلمى بن علي"
    holder.save(update_fields=["full_name_ar"])

    # when an officer re-issues
    with django_capture_on_commit_callbacks(execute=True):
        new = certificate_reissue(certificate=certificate, actor=officer, reason="Correction du nom", kind=ReissueKind.CORRECTION)

    # then the old one is superseded and points to the new one
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUPERSEDED
    assert certificate.superseded_by == new
    assert verification_status(certificate) == VerificationStatus.SUPERSEDED
    # and the new one carries the corrected name, the same licence number and validity
    assert new.holder_name_ar == "سلمى بن علي"
    assert (new.licence_number, new.expires_on, new.rule_id) == (certificate.licence_number, certificate.expires_on, certificate.rule_id)
    assert verification_status(new) == VerificationStatus.VALID
    assert (certificate.public_id, StatusChange.SUPERSEDED) in status_changes
    assert actions(certificate) == [EventAction.ISSUED, EventAction.SUPERSEDED]

    # and the replaced one cannot be re-issued again (re-issue the newest)
    with pytest.raises(CertificateError):
        certificate_reissue(certificate=certificate, actor=officer, reason="encore")


def test_a_suspended_certificate_is_not_reissued_before_the_suspension_is_lifted(certificate, officer):
    certificate_suspend(certificate=certificate, actor=officer, reason="Enquête")

    with pytest.raises(CertificateError):
        certificate_reissue(certificate=Certificate.objects.get(pk=certificate.pk), actor=officer, reason="Renouvellement")
    assert Certificate.objects.count() == 1


def test_a_renewal_continues_the_validity_period(certificate, officer, rule):
    # given a certificate expiring in 30 days
    certificate.expires_on = timezone.localdate() + datetime.timedelta(days=30)
    certificate.save(update_fields=["expires_on"])

    new = certificate_reissue(certificate=certificate, actor=officer, reason="Renouvellement", kind=ReissueKind.RENEWAL)

    # then the new period starts the day after the old one ends: nothing is lost
    from certificates.services.issuance import add_months

    start = certificate.expires_on + datetime.timedelta(days=1)
    assert new.expires_on == add_months(start, 36) - datetime.timedelta(days=1)


def test_status_is_computed_when_asked_expired_after_the_last_day(certificate):
    today = timezone.localdate()
    certificate.expires_on = today

    assert verification_status(certificate, today) == VerificationStatus.VALID
    assert verification_status(certificate, today + datetime.timedelta(days=1)) == VerificationStatus.EXPIRED


def test_expiry_is_announced_once(certificate, status_changes, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        first = certificate_expiry_announce(certificate=certificate)
        second = certificate_expiry_announce(certificate=certificate)

    assert (first, second) == (True, False)
    assert status_changes == [(certificate.public_id, StatusChange.EXPIRED)]
    assert actions(certificate) == [EventAction.ISSUED, EventAction.EXPIRED]
