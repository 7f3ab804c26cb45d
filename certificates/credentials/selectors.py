"""Reads of the credentials app."""

from django.conf import settings

from .issuer import did_document, issuer_did
from .models import IssuedCredential, SigningKey, StatusList


def signing_keys_trusted() -> list[SigningKey]:
    """Keys whose signatures verify: the active one and retired ones."""
    return list(SigningKey.objects.exclude(state=SigningKey.State.COMPROMISED).order_by("created_at", "id"))


def signing_keys_all() -> list[SigningKey]:
    return list(SigningKey.objects.order_by("created_at", "id"))


def signing_key_for_method(verification_method: str) -> SigningKey | None:
    """Our key named by a DID URL ``did:web:…#key-…`` (any state)."""
    did, _, fragment = verification_method.partition("#")
    if did != issuer_did() or not fragment:
        return None
    return SigningKey.objects.filter(key_id=fragment).first()


def issuer_did_document() -> dict:
    return did_document(signing_keys_trusted())


def status_list_published(number: int, purpose: str) -> dict | None:
    status_list = StatusList.objects.filter(number=number, purpose=purpose).only("published").first()
    return status_list.published if status_list else None


def status_list_by_url(url: str) -> dict | None:
    """The document our /status/<n>/<purpose> URL serves, without HTTP: the
    verifier runs offline and only trusts our own lists anyway."""
    prefix = f"{settings.SITE_URL}/status/"
    if not isinstance(url, str) or not url.startswith(prefix):
        return None
    number, _, purpose = url.removeprefix(prefix).partition("/")
    if not number.isdigit() or purpose not in StatusList.Purpose.values:
        return None
    return status_list_published(int(number), purpose)


def credential_of_certificate(public_id: str) -> IssuedCredential | None:
    """The credential of the certificate ``public_id``, with the certificate
    (only what deciding access needs): one query."""
    return (
        IssuedCredential.objects.select_related("certificate")
        .only(
            "document",
            "jwt",
            "certificate__public_id",
            "certificate__holder_id",
            "certificate__is_public",
            "certificate__licence_number",
            "certificate__status",
        )
        .filter(certificate__public_id=public_id)
        .first()
    )


def credentials_of_holder(user) -> list[IssuedCredential]:
    """The holder's credentials of live certificates, newest first: one query."""
    from certificates.models import LIVE_STATUSES

    return list(
        IssuedCredential.objects.select_related("certificate")
        .filter(certificate__holder=user, certificate__status__in=LIVE_STATUSES)
        .defer("document", "jwt")
        .order_by("-certificate__issued_at", "-pk")
    )
