"""Officer decisions on a certificate's standing, and the expiry the
platform announces. Each one is checked, applied under a row lock, written
to the audit log and announced (certificate_status_changed) on commit."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import CertificateError
from ..models import Certificate, CertificateStatus, EventAction, RevocationReason
from ..permissions import ensure_certificate_officer
from ..signals import StatusChange, send_status_changed_on_commit
from .audit import event_record


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("A reason is required: it is kept in the audit log."))
    return reason


def _change(*, certificate: Certificate, actor, allowed_from, refusal, to, action, change, reason, **fields) -> Certificate:
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status not in allowed_from:
            raise CertificateError(refusal)
        locked.status = to
        locked.status_changed_at = timezone.now()
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", "status_changed_at", *fields])
        event_record(certificate=locked, action=action, actor=actor, reason=reason, details=fields)
        send_status_changed_on_commit(locked, change)
    return locked


def certificate_suspend(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Suspend while something is examined (e.g. an ethics inquiry): the
    certificate shows as SUSPENDED until the suspension is lifted."""
    ensure_certificate_officer(actor)
    return _change(
        certificate=certificate,
        actor=actor,
        allowed_from={CertificateStatus.ACTIVE},
        refusal=_("Only an active certificate can be suspended."),
        to=CertificateStatus.SUSPENDED,
        action=EventAction.SUSPENDED,
        change=StatusChange.SUSPENDED,
        reason=_required_reason(reason),
    )


def certificate_suspension_lift(*, certificate: Certificate, actor, reason: str) -> Certificate:
    ensure_certificate_officer(actor)
    return _change(
        certificate=certificate,
        actor=actor,
        allowed_from={CertificateStatus.SUSPENDED},
        refusal=_("This certificate is not suspended."),
        to=CertificateStatus.ACTIVE,
        action=EventAction.LIFTED,
        change=StatusChange.LIFTED,
        reason=_required_reason(reason),
    )


def certificate_revoke(*, certificate: Certificate, actor, reason: str, public_reason: str) -> Certificate:
    """Revoke for good: nothing makes a revoked certificate valid again (a
    re-issue makes a new certificate). The public sees ``public_reason``, a
    generic category; the officer's ``reason`` stays in the audit log."""
    ensure_certificate_officer(actor)
    reason = _required_reason(reason)
    if public_reason not in RevocationReason.values:
        raise CertificateError(_("Choose the reason the public will see."))
    return _change(
        certificate=certificate,
        actor=actor,
        allowed_from={CertificateStatus.ACTIVE, CertificateStatus.SUSPENDED},
        refusal=_("A revoked or replaced certificate cannot be revoked."),
        to=CertificateStatus.REVOKED,
        action=EventAction.REVOKED,
        change=StatusChange.REVOKED,
        reason=reason,
        revocation_reason=public_reason,
    )


def certificate_expiry_announce(*, certificate: Certificate) -> bool:
    """Record, once, that an active certificate passed its expiry date. Its
    status was already computed as expired from the date; this tells the
    audit log and the listeners (status lists). Idempotent."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.expiry_announced_at is not None or locked.status != CertificateStatus.ACTIVE or not locked.is_expired():
            return False
        locked.expiry_announced_at = timezone.now()
        locked.save(update_fields=["expiry_announced_at"])
        event_record(certificate=locked, action=EventAction.EXPIRED, details={"expires_on": locked.expires_on.isoformat()})
        send_status_changed_on_commit(locked, StatusChange.EXPIRED)
    return True
