"""The "My certificates" panel on the trainee's "My learning" page."""

from django.template.loader import render_to_string

from .models import CertificateStatus
from .selectors import certificates_of_holder, verification_status


def my_certificates_panel(request) -> str:
    """The holder's certificates (replaced ones left out) with the PDF, the
    verification page and the registry choice. One query; nothing when the
    holder has none."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return ""
    certificates = [c for c in certificates_of_holder(user) if c.status != CertificateStatus.SUPERSEDED]
    if not certificates:
        return ""
    rows = [{"certificate": c, "status": verification_status(c)} for c in certificates]
    return render_to_string("certificates/includes/my_certificates_panel.html", {"rows": rows}, request=request)
