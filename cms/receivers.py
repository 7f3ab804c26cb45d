"""Reactions to content changes:

- a new programme or guide page (or a translation of one) gets its authors
  group's permissions at once (cms.permissions);
- publishing or unpublishing a page of the animator's guide rebuilds the
  guide's PDF in the background, after the transaction commits.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import GuidePage, GuidePartPage, GuideSessionPage, ProgrammePage
from .permissions import section_authors_sync


@receiver(post_save, sender=ProgrammePage)
@receiver(post_save, sender=GuidePage)
def section_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        section_authors_sync(section=instance)


@receiver(page_published, sender=GuidePage)
@receiver(page_published, sender=GuidePartPage)
@receiver(page_published, sender=GuideSessionPage)
@receiver(page_unpublished, sender=GuidePage)
@receiver(page_unpublished, sender=GuidePartPage)
@receiver(page_unpublished, sender=GuideSessionPage)
def guide_page_changed(sender, instance, **kwargs):
    from .tasks import guide_pdf_build_task

    guide = GuidePage.objects.ancestor_of(instance, inclusive=True).first()
    if guide is not None:
        transaction.on_commit(lambda: guide_pdf_build_task.delay(guide.pk))
