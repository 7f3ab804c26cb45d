"""A new programme or guide page (or a translation of one) gets its authors
group's permissions at once (cms.permissions)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import GuidePage, ProgrammePage
from .permissions import section_authors_sync


@receiver(post_save, sender=ProgrammePage)
@receiver(post_save, sender=GuidePage)
def section_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        section_authors_sync(section=instance)
