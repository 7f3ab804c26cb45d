"""Background work of the cms app."""

from celery import shared_task

from .models import GuidePage


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def guide_pdf_build_task(guide_id: int) -> None:
    """Rebuild the guide's PDF; does nothing when it is already up to date."""
    from .guide_pdf import guide_pdf_build

    guide = GuidePage.objects.filter(pk=guide_id).first()
    if guide is not None:
        guide_pdf_build(guide=guide)
