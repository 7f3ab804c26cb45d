from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Certificate, EventAction
from ..permissions import CertificatePermissionDenied, can_set_registry_choice
from .audit import event_record


def certificate_registry_set(*, certificate: Certificate, user, public: bool) -> bool:
    """The holder chooses whether the certificate appears in the public
    registry. Returns True when the choice changed."""
    if not can_set_registry_choice(user, certificate):
        raise CertificatePermissionDenied(_("Only the holder chooses whether a certificate is public."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.is_public == public:
            return False
        locked.is_public = public
        locked.save(update_fields=["is_public"])
        event_record(
            certificate=locked, action=EventAction.PUBLISHED if public else EventAction.UNPUBLISHED, actor=user
        )
    certificate.is_public = public
    return True
