"""Signal receivers: thin, they only enqueue work after the commit."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CertificatePrintSettings


@receiver(post_save, sender=CertificatePrintSettings, dispatch_uid="certificates_print_settings_saved")
def _print_settings_saved(sender, instance, **kwargs):
    """What every PDF shows may have changed: rebuild those that differ."""
    from .tasks import certificates_pdf_refresh_task

    transaction.on_commit(certificates_pdf_refresh_task.delay)
