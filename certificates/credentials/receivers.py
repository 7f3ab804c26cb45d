"""Signal receivers: the certificates app announces issues and status
changes (after its transaction committed); we only enqueue the work."""

from django.db import transaction
from django.dispatch import receiver

from certificates.signals import StatusChange, certificate_issued, certificate_status_changed


@receiver(certificate_issued, dispatch_uid="credentials_certificate_issued")
def _certificate_issued(sender, certificate, **kwargs):
    from .tasks import certificate_credential_sign_task

    certificate_id = certificate.pk
    transaction.on_commit(lambda: certificate_credential_sign_task.delay(certificate_id))


@receiver(certificate_status_changed, dispatch_uid="credentials_certificate_status_changed")
def _certificate_status_changed(sender, certificate, status, **kwargs):
    if status == StatusChange.EXPIRED:
        return  # the credential's validUntil already says so
    from .tasks import certificate_credential_status_sync_task

    certificate_id = certificate.pk
    transaction.on_commit(lambda: certificate_credential_status_sync_task.delay(certificate_id))
