"""Demo set-up for credentials (seed_demo calls ``load``, after the
certificates demo): a signing key for `make run`, written into the
git-ignored credential-keys/ folder, then the demo certificates' signed
credentials (their status bits follow the certificates: the suspended and
revoked demo certificates' credentials say so).

Only the development default location is ever created here; anywhere else
the key is the operator's business (`manage.py credential_keys`).
"""

from django.conf import settings

from certificates.models import Certificate

from .keys import SigningKeyUnavailable, configured_key_path, configured_private_key, public_multikey
from .models import IssuedCredential, SigningKey
from .services.certificate import certificate_credential_sign
from .services.keys import signing_key_generate, signing_key_register

DEV_KEYS_DIR = settings.BASE_DIR / "credential-keys"
# The certificates demo's holders (every demo certificate is theirs).
DEMO_DOMAIN = "@demo.jisr.ma"


def load(result) -> None:
    if _key_ready(result):
        _sign_certificates(result)


def _sign_certificates(result) -> None:
    """Sign the credentials the certificates demo (or anything before the key
    existed) left unsigned; a second run finds nothing to do."""
    unsigned = Certificate.objects.filter(holder__email__endswith=DEMO_DOMAIN, credential__isnull=True).order_by("pk")
    for certificate_id in unsigned.values_list("pk", flat=True):
        try:
            certificate_credential_sign(certificate_id=certificate_id)
        except SigningKeyUnavailable as error:
            result.notes.append(f"Credentials: {error}")
            return
        result.track(created=True)
    public = (
        IssuedCredential.objects.filter(certificate__is_public=True, certificate__holder__email__endswith=DEMO_DOMAIN)
        .select_related("certificate")
        .order_by("certificate__pk")
    )
    for credential in public:
        result.notes.append(f"Credentials: the public demo credential is at {settings.SITE_URL}/verify/{credential.certificate.public_id}/credential.json")


def _key_ready(result) -> bool:
    """A usable signing key (created here for development)."""
    path = configured_key_path()
    if path is None and not (getattr(settings, "CREDENTIAL_SIGNING_KEY", "") or "").strip():
        result.notes.append("Credentials: no CREDENTIAL_SIGNING_KEY configured; credentials will not be signed.")
        return False
    if path is not None and not path.exists():
        if path.resolve().parent != DEV_KEYS_DIR.resolve() or SigningKey.objects.filter(state=SigningKey.State.ACTIVE).exists():
            result.notes.append(f"Credentials: the key file {path} does not exist; see `manage.py credential_keys`.")
            return False
        key = signing_key_generate(path=path)
        result.track(created=True)
        result.notes.append(f"Credentials: demo signing key {key.key_id} written to {path}.")
        return True
    try:
        private_key = configured_private_key()
    except SigningKeyUnavailable as error:
        result.notes.append(f"Credentials: {error}")
        return False
    # A key file kept from an earlier database (e.g. db.sqlite3 was deleted).
    if not SigningKey.objects.filter(public_key_multibase=public_multikey(private_key)).exists():
        if SigningKey.objects.filter(state=SigningKey.State.ACTIVE).exists():
            result.notes.append("Credentials: the key in CREDENTIAL_SIGNING_KEY is not the active key.")
            return False
        signing_key_register(private_key=private_key)
        result.track(created=True)
    return True
