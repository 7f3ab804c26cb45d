"""Background work: publishing signed status lists (and, with certificates,
signing credentials)."""

import logging

from celery import shared_task

from config.celery import app

from .keys import SigningKeyUnavailable
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
