"""Who may fetch a certificate's signed credential: the one place that decides.

The holder always may (to keep it, or import it into a wallet), and so may
ministry officers; anyone else only once the holder made the certificate
public. To everyone else the credential does not exist (404, the same
answer as an unknown id).
"""

from certificates.permissions import is_certificate_officer


def can_download_credential(user, certificate) -> bool:
    if certificate.is_public:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return certificate.holder_id == user.pk or is_certificate_officer(user)
