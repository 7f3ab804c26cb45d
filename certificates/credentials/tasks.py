"""Background work: signing the credentials of certificates, keeping their
status bits in step, and publishing signed status lists."""

import logging

from celery import shared_task

from config.celery import app

from .keys import SigningKeyUnavailable
from .services.certificate import (
    certificate_credential_sign,
    certificate_credential_status_sync,
    certificates_to_sign,
)
from .services.status import status_list_publish, status_lists_due

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def status_list_publish_task(status_list_id: int) -> bool:
    """Re-sign one status list. Idempotent: a list already published at its
    current version by the active key is left alone."""
    try:
        return status_list_publish(status_list_id=status_list_id)
    except SigningKeyUnavailable as error:
        # Picked up again by status_lists_refresh_task once a key is usable.
        logger.warning("Status list %s not published: %s", status_list_id, error)
        return False


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def certificate_credential_sign_task(certificate_id: int) -> bool:
    """Sign (or re-sign) the credential of one certificate. Idempotent: a
    credential whose facts and key still hold is left as it is."""
    try:
        certificate_credential_sign(certificate_id=certificate_id)
    except SigningKeyUnavailable as error:
        # Picked up again by credentials_sign_missing_task once a key is usable.
        logger.warning("Credential of certificate %s not signed: %s", certificate_id, error)
        return False
    return True


@shared_task
def certificate_credential_status_sync_task(certificate_id: int) -> bool:
    """Set the credential's revocation and suspension bits from the
    certificate's status (idempotent: the bits are computed, not toggled)."""
    return certificate_credential_status_sync(certificate_id=certificate_id)


@shared_task
def credentials_sign_missing_task() -> int:
    """Sign what is missing: live certificates without a credential (issued
    while no key was usable) and credentials whose key was marked
    compromised (re-signed by the active key, same id and status slot)."""
    signed = 0
    for certificate_id in certificates_to_sign():
        signed += bool(certificate_credential_sign_task(certificate_id))
    return signed


@shared_task
def status_lists_refresh_task() -> int:
    """Publish lists that changed, or were signed long ago (their validUntil
    must never pass while they are served)."""
    published = 0
    for status_list_id in status_lists_due():
        published += bool(status_list_publish_task(status_list_id))
    return published


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    sender.add_periodic_task(3600.0, status_lists_refresh_task.s(), name="credentials: refresh status lists")
    sender.add_periodic_task(3600.0, credentials_sign_missing_task.s(), name="credentials: sign what is missing")
