"""The ministry as an issuer: its did:web identifier, DID document and JWKS,
derived from SITE_URL and the signing keys in the database."""

import base64
from urllib.parse import quote, urlsplit

from django.conf import settings

from .linkeddata import DID_V1, MULTIKEY_V1
from .multibase import public_key_from_multikey

ISSUER_NAME_AR = "وزارة التضامن والإدماج الاجتماعي والأسرة"
ISSUER_NAME_FR = "Ministère de la Solidarité, de l'Insertion Sociale et de la Famille"


def issuer_did(site_url: str | None = None) -> str:
    """did:web of SITE_URL's host (the port's colon percent-encoded, as the
    did:web method requires). The DID document is then at
    <SITE_URL>/.well-known/did.json."""
    netloc = urlsplit(site_url or settings.SITE_URL).netloc
    if not netloc:
        raise ValueError("SITE_URL has no host")
    return "did:web:" + quote(netloc.lower(), safe="")


def verification_method_id(key_id: str) -> str:
    return f"{issuer_did()}#{key_id}"


def issuer_profile() -> dict:
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": f"{ISSUER_NAME_AR} — {ISSUER_NAME_FR}",
        "url": settings.SITE_URL + "/",
    }


def did_document(keys) -> dict:
    """The DID document listing ``keys`` (trusted keys only: a compromised
    key must disappear from assertionMethod so that any verifier rejects it)."""
    did = issuer_did()
    methods = [
        {
            "id": f"{did}#{key.key_id}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        for key in keys
    ]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def public_jwk(key) -> dict:
    raw = public_key_from_multikey(key.public_key_multibase).public_bytes_raw()
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii"),
        "kid": verification_method_id(key.key_id),
        "alg": "EdDSA",
        "use": "sig",
    }


def jwks(keys) -> dict:
    return {"keys": [public_jwk(key) for key in keys]}
