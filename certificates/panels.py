"""The "My certificates" panel on the trainee's "My learning" page."""

from django.template.loader import render_to_string

from .models import CertificateStatus
from .selectors import certificates_of_holder, verification_status
from .services.renewal import renewal_offers


def my_certificates_panel(request) -> str:
    """The holder's certificates (replaced ones left out) with the PDF, the
    verification page, the registry choice and renewal. At most three
    queries; nothing when the holder has none."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return ""
    certificates = [c for c in certificates_of_holder(user) if c.status != CertificateStatus.SUPERSEDED]
    if not certificates:
        return ""
    rows = certificate_rows(certificates)
    return render_to_string("certificates/includes/my_certificates_panel.html", {"rows": rows}, request=request)


def certificate_rows(certificates) -> list[dict]:
    """What the holder's list and the "My learning" panel show for each
    certificate: its status now and where it stands for renewal."""
    certificates = list(certificates)
    offers = renewal_offers(certificates)
    return [{"certificate": c, "status": verification_status(c), "renewal": offers[c.pk]} for c in certificates]
